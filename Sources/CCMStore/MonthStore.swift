import CCMCore
import Foundation

/// A CAS's month as of a moment: what the centralizer and `status` read.
public struct MonthStore {
    let db: Connection
    public init(_ db: Connection) { self.db = db }

    public func providerMonths(casa: String, luna: YearMonth, asOf: Date) throws -> [ProviderMonth] {
        let providers = try RegistryStore(db).providers(casa: casa, luna: luna, asOf: asOf)
        let month = luna.firstDay.description, at = Timestamps.sql(asOf)
        var docs: [String: (initial: Bool, last: Date?)] = [:]
        for r in try db.exec(MonthStore.registeredDocuments, [month, at]) {
            if let cui = r["cui"] { docs[cui] = (r.bool("initial"), Timestamps.fromEpoch(r["last"])) }
        }
        var counts: [String: (all: Int, errors: Int)] = [:]
        for r in try db.exec(MonthStore.certificateCounts, [month, at]) {
            if let cui = r["cui"] { counts[cui] = (r.int("n") ?? 0, r.int("e") ?? 0) }
        }
        var errors: [String: [CertificateErrorLine]] = [:]
        var notes: [String: [String]] = [:]
        // Errors of failing certificates for the table; warnings go to the observations. The
        // public form of each message (no diagnosis, CNP masked), the only one the reader may read.
        for r in try db.exec(MonthStore.certificateFindings, [month, at]) {
            let line = CertificateErrorLine(serie: r["serie"] ?? "", numar: r["numar"] ?? "", code: r["code"] ?? "", message: r["message"] ?? "")
            if r["severity"] == Severity.eroare.rawValue { errors[r["cui"] ?? "", default: []].append(line) }
            else { notes[r["cui"] ?? "", default: []].append("\(line.serie) \(line.numar): \(line.code) \(line.message)") }
        }
        // Warnings on registered documents (late report), then the last refusal of each provider.
        for r in try db.exec(MonthStore.documentWarnings, [month, at]) {
            notes[r["cui"] ?? "", default: []].append(r["message"] ?? "")
        }
        let refusals = try refusedFiles(month: month, at: at)
        return providers.map { p in
            ProviderMonth(provider: p, hasRegisteredInitial: docs[p.cui]?.initial ?? false,
                          certificates: counts[p.cui]?.all ?? 0, certificatesWithErrors: counts[p.cui]?.errors ?? 0,
                          errors: errors[p.cui] ?? [], lastReport: docs[p.cui]?.last, observations: notes[p.cui] ?? [],
                          refusals: refusals[p.cui] ?? [])
        }
    }

    // The month's queries, parameters ($1 first day of the month, $2 the as-of moment); kept
    // here by name so that `explain` shows the plans of exactly these statements.
    static let registeredDocuments = """
        SELECT cui, bool_or(tip = 'INITIALA') AS initial, extract(epoch FROM max(received_at)) AS last
        FROM documents WHERE luna = $1::date AND status = 'INREGISTRAT' AND received_at <= $2::timestamptz
        GROUP BY cui
        """
    static let certificateCounts = """
        SELECT cui, count(*) AS n, count(*) FILTER (WHERE status = 'CU_ERORI') AS e
        FROM certificate_versions
        WHERE luna = $1::date AND valid_from <= $2::timestamptz AND (valid_to IS NULL OR valid_to > $2::timestamptz)
        GROUP BY cui
        """
    static let certificateFindings = """
        SELECT cui, serie, numar, code, severity, message FROM certificate_public_findings
        WHERE luna = $1::date AND valid_from <= $2::timestamptz AND (valid_to IS NULL OR valid_to > $2::timestamptz)
        ORDER BY cui, document_id, position, n
        """
    static let documentWarnings = """
        SELECT d.cui, r.message FROM documents d JOIN document_public_reasons r ON r.document_id = d.id
        WHERE d.luna = $1::date AND d.status = 'INREGISTRAT' AND r.severity = 'AVERTISMENT' AND d.received_at <= $2::timestamptz
        ORDER BY d.cui, d.received_at, r.seq
        """
    /// EXPLAIN (ANALYZE, BUFFERS) of every query the as-of centralizer runs.
    public func explain(casa: String, luna: YearMonth, asOf: Date) throws -> [(String, String)] {
        let params = [luna.firstDay.description, Timestamps.sql(asOf)]
        var out = [("providers", try plan(RegistryStore.providersAsOf, [casa] + [luna.firstDay.description, luna.lastDay.description, Timestamps.sql(asOf)]))]
        for (name, sql) in [("registeredDocuments", MonthStore.registeredDocuments), ("certificateCounts", MonthStore.certificateCounts),
                            ("certificateFindings", MonthStore.certificateFindings), ("documentWarnings", MonthStore.documentWarnings),
                            ("refusedFiles", MonthStore.refusedFilesQuery)] {
            out.append((name, try plan(sql, params)))
        }
        return out
    }

    func plan(_ sql: String, _ params: [String?]) throws -> String {
        try db.exec("EXPLAIN (ANALYZE, BUFFERS) " + sql, params).compactMap { $0[0] }.joined(separator: "\n")
    }
}
