import CCMCore
import CCMStore
import Foundation

/// `ccm notify`: one error report per provider whose month is CU ERORI, that had a file
/// refused, or that has no report after the deadline. Sent once per content; a failure is
/// recorded and tried again by the next run.
public enum Notifier {
    public enum Mode { case send(SMTPSender, from: String), dryRun(URL) }

    public struct Summary: Equatable { public var sent = 0, alreadySent = 0, failed = 0, written = 0, noAddress = 0 }

    public static func reports(db: Connection, settings: Settings, luna: YearMonth, now: Date) throws -> [ErrorReport] {
        let table = try App.centralizer(db, settings: settings, luna: luna, asOf: now)
        let store = NotificationStore(db)
        return try table.rows.compactMap { row -> ErrorReport? in
            let refusals = try store.refusals(cui: row.cui, luna: luna)
            let late = row.stage == .faraRaportare && now > W01LateReport.deadline(luna)
            guard row.stage == .cuErori || !refusals.isEmpty || late,
                  let provider = try RegistryStore(db).provider(cui: row.cui) else { return nil }
            return ErrorReport(provider: provider, luna: luna, stage: row.stage,
                               errors: try store.certificateErrors(cui: row.cui, luna: luna), refusals: refusals,
                               casa: try settings.deployment().casa)
        }
    }

    /// One sender at a time per database: two `nightly` runs would otherwise both find a report
    /// not yet sent and both send it.
    static let notifyLock = "727003"

    public static func run(db: Connection, settings: Settings, luna: YearMonth, mode: Mode, now: Date = Date()) throws -> Summary {
        try db.exec("SELECT pg_advisory_lock($1::bigint)", [notifyLock])
        defer { _ = try? db.exec("SELECT pg_advisory_unlock($1::bigint)", [notifyLock]) }
        var summary = Summary()
        let store = NotificationStore(db)
        for report in try reports(db: db, settings: settings, luna: luna, now: now) {
            let cui = report.provider.cui
            guard let to = try store.recipient(cui: cui) else {
                Log.warn("\(cui): nicio adresă de e-mail în registru sau în raportări; raportul de erori nu poate fi trimis")
                summary.noAddress += 1
                continue
            }
            switch mode {
            case .dryRun(let dir):
                // The messages hold CNPs (masked) and the provider's errors: its owner's alone.
                let file = dir.appendingPathComponent("\(cui)-\(luna).eml")
                do {
                    try PrivateFiles.ensureFolder(dir)
                    try PrivateFiles.write(Data(report.message(from: "ccm@cas.local", to: to).rendered.utf8), to: file)
                } catch {
                    throw AppError.usage("nu pot scrie \(file.path): \(error)")
                }
                summary.written += 1
            case .send(let sender, let from):
                let digest = report.digest
                if try store.alreadySent(cui: cui, luna: luna, digest: digest) { summary.alreadySent += 1; continue }
                let error = sender.send(report.message(from: from, to: to), from: from, to: to)
                try store.record(cui: cui, luna: luna, digest: digest, recipient: to, error: error)
                if let error {
                    Log.error("\(cui): raportul de erori nu a fost trimis (\(error)); se reîncearcă la rularea următoare")
                    summary.failed += 1
                } else {
                    Log.info("\(cui): raport de erori trimis la \(to)")
                    summary.sent += 1
                }
            }
        }
        return summary
    }
}
