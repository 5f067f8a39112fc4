import CCMCore
import CCMStore
import Foundation

/// `ccm status`: each provider's stage with the files it sent for the month, its failing
/// certificates and whether its e-mail went out. Read as the reporting role: the messages are
/// the public ones (no diagnosis, no CNP fragment, no signer's name).
public struct StatusReport {
    public var table: Centralizer
    /// The CUI asked for (`--cui`), as digits.
    public var cui: String?
    public var documents: [String: [StatusStore.DocumentLine]]
    public var certificates: [String: [StatusStore.FailingCertificate]]
    public var emails: [String: [StatusStore.EmailAttempt]]
    public var lastChanges: [String: Date]
    /// One Romanian line each, for standard error: the report may not be what was meant.
    public var warnings: [String] = []

    public static func build(_ db: Connection, settings: Settings, luna: YearMonth, cui: String?, asOf: Date) throws -> StatusReport {
        var table = try App.centralizer(db, settings: settings, luna: luna, asOf: asOf)
        if let cui { table.rows = table.rows.filter { $0.cui == cui } }
        let store = StatusStore(db)
        var report = StatusReport(table: table, cui: cui, documents: try store.documents(luna: luna, cui: cui, asOf: asOf),
                                  certificates: try store.failingCertificates(luna: luna, cui: cui, asOf: asOf),
                                  emails: try store.emails(luna: luna, cui: cui, asOf: asOf),
                                  lastChanges: try store.lastChanges(luna: luna, cui: cui, asOf: asOf))
        if let warning = monthWarning(luna, asOf: asOf) { report.warnings.append(warning) }
        if let cui, table.rows.isEmpty {
            let files = report.documents[cui] ?? []
            if try store.isRegistered(cui: cui) {
                report.warnings.append("CUI \(cui) nu are convenție cu CAS \(table.casa) în \(luna)" +
                                       (files.isEmpty ? " și nu are raportări pentru \(luna)" : "; se arată fișierele primite"))
            } else if files.isEmpty {
                report.warnings.append("CUI \(cui) nu apare în registrul furnizorilor și nu are raportări pentru \(luna)")
            }
        }
        return report
    }

    /// A month not over at the moment shown: its stages are not final, and a report for it would be F09.
    public static func monthWarning(_ luna: YearMonth, asOf: Date) -> String? {
        guard Bucharest.localDate(of: asOf).yearMonth <= luna else { return nil }
        return "luna \(luna) nu s-a încheiat; raportările ei se primesc din \(luna.next.firstDay.romanian), "
            + "cu termen \(W01LateReport.deadlineDay(luna).romanian): stadiile arătate, la \(Bucharest.wallClock(asOf)), nu sunt finale"
    }

    // MARK: e-mail

    public enum EmailState: String {
        /// The last e-mail went out and the month has not changed since (or needs none now).
        case trimis = "TRIMIS"
        /// The last attempt failed; a due one is tried again by the next `ccm notify`.
        case esuat = "ESUAT"
        /// The month needs an e-mail that has not gone out: none yet, or the month changed since.
        case deTrimis = "DE_TRIMIS"
        /// None sent and none needed.
        case niciunul = "NICIUNUL"
    }

    public struct EmailSummary {
        public var state: EmailState
        /// Whether `ccm notify` would write to the provider about this month (as `Notifier` chooses).
        public var due: Bool
        public var last: StatusStore.EmailAttempt?
    }

    public func email(_ row: CentralizerRow) -> EmailSummary {
        let refused = (documents[row.cui] ?? []).contains { (d: StatusStore.DocumentLine) in d.status == DocumentStatus.respins.rawValue }
        let late = row.stage == .faraRaportare && table.asOf > W01LateReport.deadline(table.luna)
        let due = row.stage == .cuErori || refused || late
        let last = emails[row.cui]?.last
        let state: EmailState
        switch (last, due) {
        case (nil, true): state = .deTrimis
        case (nil, false): state = .niciunul
        case (let l?, _) where !l.sent: state = .esuat
        case (let l?, true): state = (l.sentAt ?? .distantPast) >= (lastChanges[row.cui] ?? .distantPast) ? .trimis : .deTrimis
        case (_?, false): state = .trimis
        }
        return EmailSummary(state: state, due: due, last: last)
    }

    static func describe(_ e: EmailSummary) -> String {
        let when = e.last?.at.map(Bucharest.iso8601) ?? ""
        switch e.state {
        case .trimis: return "trimis \(when)"
        case .esuat:
            let tries = e.last.map { $0.attempts == 1 ? "o încercare" : "\($0.attempts) încercări" } ?? ""
            return "netrimis (\(tries), prima \(when)): \(ReflectedText.short(e.last?.reason ?? "motiv necunoscut", limit: 200)); "
                + (e.due ? "se reîncearcă la următorul ccm notify" : "luna nu mai cere e-mail")
        case .deTrimis:
            return e.last == nil ? "niciunul încă; de trimis la următorul ccm notify"
                                 : "de trimis: luna s-a schimbat după e-mailul trimis \(when); la următorul ccm notify"
        case .niciunul: return "niciunul (nu este necesar)"
        }
    }

    static func describe(_ a: StatusStore.EmailAttempt) -> String {
        if a.sent { return "trimis \(a.sentAt.map(Bucharest.iso8601) ?? "")" }
        let tries = a.attempts == 1 ? "o încercare" : "\(a.attempts) încercări"
        return "netrimis (\(tries), prima \(a.firstAttempt.map(Bucharest.iso8601) ?? "")): "
            + ReflectedText.short(a.reason ?? "motiv necunoscut", limit: 200)
    }

    // MARK: text

    static func describe(_ f: Finding) -> String {
        var place: [String] = []
        // A parser's or schema's message names its place already.
        if let l = f.line, !f.message.contains("linia \(l)") {
            place.append("linia \(l)")
            if let c = f.column { place.append("coloana \(c)") }
        }
        return "\(f.code) \(f.severity.rawValue): \(ReflectedText.escaped(f.message))" + (place.isEmpty ? "" : " (" + place.joined(separator: ", ") + ")")
    }

    func fileLines(_ cui: String) -> String {
        var out = ""
        for d in documents[cui] ?? [] {
            var line = "    - \(ReflectedText.escaped(d.fileName)): \(d.status)"
            if let tip = d.tip { line += " \(tip)" }
            if let at = d.receivedAt { line += ", primit \(Bucharest.iso8601(at))" }
            if let n = d.certificates { line += ", " + RomanianCount.of(n, "certificat", "certificate") }
            out += line + "\n"
            for reason in d.reasons { out += "        \(StatusReport.describe(reason))\n" }
        }
        return out
    }

    public var text: String {
        let counts = table.counts
        var out = "CAS \(table.casa), luna \(table.luna), la \(Bucharest.iso8601(table.asOf))\n"
        out += Stage.allCases.map { "\($0.rawValue): \(counts[$0] ?? 0)" }.joined(separator: " · ") + "\n\n"
        for r in table.rows {
            let email = email(r)
            out += "\(r.cui)  \(ReflectedText.escaped(r.denumire))\n    \(r.stage.rawValue) · \(RomanianCount.of(r.nrCertificate, "certificat", "certificate")), " +
                   "\(r.nrCertificateCuErori) cu erori · e-mail: \(StatusReport.describe(email))\n"
            if cui != nil { out += providerDetail(r.cui) } else { out += fileLines(r.cui) }
        }
        if let cui, table.rows.isEmpty, !(documents[cui] ?? []).isEmpty {
            out += "\(cui)  (nu este în tabelul lunii)\n" + providerDetail(cui)
        }
        return out
    }

    /// With `--cui`: the failing certificates, the files and every e-mail of the month.
    func providerDetail(_ cui: String) -> String {
        var out = ""
        let failing = certificates[cui] ?? []
        out += "  Certificate cu erori: " + (failing.isEmpty ? "niciunul\n" : "\(failing.count)\n")
        for c in failing {
            out += "    - \(ReflectedText.escaped(c.serie)) \(ReflectedText.escaped(c.numar))\n"
            for f in c.findings { out += "        \(StatusReport.describe(f))\n" }
        }
        let files = documents[cui] ?? []
        out += "  Fișiere primite: " + (files.isEmpty ? "niciunul\n" : "\(files.count)\n") + fileLines(cui)
        let sent = emails[cui] ?? []
        out += "  E-mailuri: " + (sent.isEmpty ? "niciunul\n" : "\(sent.count)\n")
        for a in sent { out += "    - \(StatusReport.describe(a))\n" }
        return out
    }

    // MARK: JSON

    func filesJSON(_ cui: String) -> JSON {
        .array((documents[cui] ?? []).map { (d: StatusStore.DocumentLine) -> JSON in
            .object([("file", .string(d.fileName)), ("status", .string(d.status)), ("tip", .str(d.tip)),
                     ("receivedAt", .str(d.receivedAt.map(Bucharest.iso8601))),
                     ("nrCertificate", d.certificates.map { JSON.int($0) } ?? JSON.null),
                     ("errors", .array(d.reasons.map(JSON.error)))])
        })
    }

    func certificatesJSON(_ cui: String) -> JSON {
        .array((certificates[cui] ?? []).map { (c: StatusStore.FailingCertificate) -> JSON in
            .object([("serie", .string(c.serie)), ("numar", .string(c.numar)), ("status", .string(CertificateStatus.cuErori.rawValue)),
                     ("errors", .array(c.findings.map(JSON.error)))])
        })
    }

    func emailsJSON(_ cui: String) -> JSON {
        .array((emails[cui] ?? []).map { (a: StatusStore.EmailAttempt) -> JSON in
            .object([("status", .string(a.sent ? EmailState.trimis.rawValue : EmailState.esuat.rawValue)),
                     ("firstAttemptAt", .str(a.firstAttempt.map(Bucharest.iso8601))), ("sentAt", .str(a.sentAt.map(Bucharest.iso8601))),
                     ("attempts", .int(a.attempts)), ("reason", .str(a.sent ? nil : a.reason))])
        })
    }

    public var json: String {
        let counts = table.counts
        var rows: [JSON] = table.rows.map { (r: CentralizerRow) -> JSON in
            let e = email(r)
            return .object([
                ("cui", .string(r.cui)), ("denumire", .string(r.denumire)), ("stadiu", .string(r.stage.rawValue)),
                ("nrCertificate", .int(r.nrCertificate)), ("nrCertificateCuErori", .int(r.nrCertificateCuErori)),
                ("certificates", certificatesJSON(r.cui)), ("files", filesJSON(r.cui)),
                ("email", .object([("status", .string(e.state.rawValue)), ("due", .bool(e.due)),
                                   ("sentAt", .str(e.last?.sentAt.map(Bucharest.iso8601))),
                                   ("reason", .str(e.state == .esuat ? e.last?.reason : nil))])),
                ("emails", emailsJSON(r.cui)),
            ])
        }
        if let cui, table.rows.isEmpty, !(documents[cui] ?? []).isEmpty {
            rows.append(.object([("cui", .string(cui)), ("denumire", .null), ("stadiu", .null),
                                 ("certificates", certificatesJSON(cui)), ("files", filesJSON(cui)), ("emails", emailsJSON(cui))]))
        }
        return JSON.object([
            ("casa", .string(table.casa)), ("luna", .string(table.luna.description)),
            ("asOf", .string(Bucharest.iso8601(table.asOf))),
            ("counts", .object(Stage.allCases.map { ($0.rawValue, .int(counts[$0] ?? 0)) })),
            ("rows", .array(rows)),
        ]).serialized() + "\n"
    }
}
