import CCMCore
import CCMFiles
import CCMPublishing
import CCMRuntime
import CCMStore
import Foundation

/// `ccm notify`: one error report per provider whose month is CU ERORI, that had a file
/// refused, or that has no report after the deadline. Sent once per content; a failure is
/// recorded and tried again by the next run.
public enum Notifier {
    public enum Mode { case send(SMTPSender, from: Mailbox), dryRun(URL) }

    /// A report that did not go out, and why (Romanian): named by CUI, never by a person.
    public struct Undelivered: Equatable { public var cui: String; public var luna: YearMonth; public var reason: String }

    public struct Summary: Equatable {
        public var sent = 0, alreadySent = 0, failed = 0, written = 0, noAddress = 0

        /// The run's line for the operator (`ccm notify` and `ccm nightly` alike).
        public func line(_ luna: YearMonth) -> String {
            "notificări \(luna): \(sent) trimise, \(alreadySent) trimise deja, \(failed) eșuate, " +
                "\(written) scrise ca .eml, \(noAddress) fără adresă"
        }
        public var undelivered: [Undelivered] = []
    }

    /// The run's last line when reports stay for the next run: which providers and why.
    public static func describe(_ undelivered: [Undelivered]) -> String {
        let shown = undelivered.prefix(20).map { "\($0.cui) (\($0.luna)): \($0.reason)" }
        let more = undelivered.count > shown.count ? "; încă \(undelivered.count - shown.count)" : ""
        return "rapoarte de erori netrimise (\(undelivered.count)), rămân de trimis la rularea următoare: " + shown.joined(separator: "; ") + more
    }
    /// The month's table holds each provider's refused files; its failing certificates (as the
    /// provider may read them) and registry rows are read once for the month.
    public static func reports(db: Connection, settings: Settings, luna: YearMonth, now: Date) throws -> [ErrorReport] {
        let table = try App.centralizer(db, settings: settings, luna: luna, asOf: now)
        let house = try settings.house()
        // Only what still stands: a refusal superseded by a later registered report says nothing.
        let due = table.rows.map { row in (row, row.refusals.filter { !$0.superseded }) }.filter { row, refusals in
            row.stage == .cuErori || !refusals.isEmpty || (row.stage == .faraRaportare && now > W01LateReport.deadline(luna))
        }
        guard !due.isEmpty else { return [] }
        let providers = try RegistryStore(db).providers(cuis: due.map(\.0.cui))
        let errors = try NotificationStore(db).certificateErrors(luna: luna)
        return due.compactMap { row, refusals in
            providers[row.cui].map {
                ErrorReport(provider: $0, luna: luna, stage: row.stage, errors: errors[row.cui] ?? [], refusals: refusals,
                            house: house, contact: settings.contact, now: now)
            }
        }
    }

    /// The dry run's sender when no valid `--from` is configured.
    static let dryRunSender: Mailbox = {
        do { return try Mailbox("ccm@cas.local") } catch { preconditionFailure("a constant mailbox") }
    }()

    public static func run(db: Connection, settings: Settings, luna: YearMonth, mode: Mode, now: Date = Date()) throws -> Summary {
        let store = NotificationStore(db)
        return try store.oneSender { try send(store, db: db, settings: settings, luna: luna, mode: mode, now: now) }
    }

    static func send(_ store: NotificationStore, db: Connection, settings: Settings, luna: YearMonth, mode: Mode, now: Date) throws -> Summary {
        var summary = Summary()
        func fail(_ cui: String, _ reason: String) {
            Log.error("\(cui): raportul de erori nu a fost trimis: \(reason); se reîncearcă la rularea următoare")
            summary.failed += 1
            summary.undelivered.append(Undelivered(cui: cui, luna: luna, reason: reason))
        }
        // Once the server cannot be reached, the other reports are not tried: each would wait for
        // the connection timeout to say the same; they are found again by the next run.
        var unreachable: String?
        for report in try reports(db: db, settings: settings, luna: luna, now: now) {
            let cui = report.provider.cui
            if let unreachable {
                summary.failed += 1
                summary.undelivered.append(Undelivered(cui: cui, luna: luna, reason: "neîncercat: " + unreachable))
                continue
            }
            guard let recipient = try store.recipient(cui: cui) else {
                Log.warn("\(cui): nicio adresă de e-mail în registru sau în raportări; raportul de erori nu poate fi trimis")
                summary.noAddress += 1
                continue
            }
            let digest = report.digest
            if case .send = mode, try store.alreadySent(cui: cui, luna: luna, digest: digest) { summary.alreadySent += 1; continue }
            // Checked again here: the database may hold an address imported before the check, or one from a document.
            let to: Mailbox
            do { to = try Mailbox(recipient.address) } catch let problem as Mailbox.Problem {
                let reason = (recipient.fromRegistry ? "registrul furnizorilor: " : "ultima raportare a furnizorului: ") + problem.description
                if case .send = mode { try store.record(cui: cui, luna: luna, digest: digest, recipient: recipient.address, error: reason) }
                fail(cui, reason)
                continue
            }
            switch mode {
            case .dryRun(let dir):
                // The messages hold CNPs (masked) and the provider's errors: its owner's alone.
                let file = dir.appendingPathComponent("\(cui)-\(luna).eml")
                do {
                    try PrivateFiles.ensureFolder(dir)
                    let from = settings.mailFrom.flatMap { try? Mailbox($0) } ?? dryRunSender
                    try PrivateFiles.write(Data(report.message(from: from, fromName: settings.mailFromName, to: to).rendered.utf8), to: file)
                } catch {
                    throw AppError.usage("nu pot scrie \(file.path): \(AppError.systemReason(error))")
                }
                summary.written += 1
            case .send(let sender, let from):
                let failure = sender.send(report.message(from: from, fromName: settings.mailFromName, to: to))
                try store.record(cui: cui, luna: luna, digest: digest, recipient: to.address, error: failure?.reason)
                if let failure {
                    fail(cui, failure.reason)
                    if failure.serverUnreachable {
                        unreachable = failure.reason
                        Log.error("\(failure.reason): celelalte rapoarte ale lunii \(luna) nu se mai încearcă acum; rămân pentru rularea următoare")
                    }
                } else {
                    Log.info("\(cui): raport de erori trimis la \(to)")
                    summary.sent += 1
                }
            }
        }
        return summary
    }
}
