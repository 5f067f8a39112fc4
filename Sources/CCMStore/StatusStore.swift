import CCMCore
import Foundation

/// What `ccm status` reads beyond the centralizer, as the reporting role: a month's files with
/// their reasons, its failing certificates with their findings, and the send log of its e-mails.
/// Every message is the public one (`certificate_public_findings`, `document_public_reasons`).
public struct StatusStore {
    let db: Connection
    public init(_ db: Connection) { self.db = db }

    public struct DocumentLine {
        public var fileName: String
        public var status: String
        public var tip: String?
        public var receivedAt: Date?
        public var certificates: Int?
        public var reasons: [Finding]
    }

    /// A current certificate with errors, and every finding on it (errors and warnings).
    public struct FailingCertificate {
        public var serie: String
        public var numar: String
        public var findings: [Finding]
    }

    /// One error report in the send log: one per content sent for the provider and month.
    public struct EmailAttempt {
        public var sent: Bool
        public var firstAttempt: Date?
        public var sentAt: Date?
        public var attempts: Int
        /// Why the last attempt failed (Romanian, then the library's text).
        public var reason: String?
        /// When the log last changed: sent, or first tried.
        public var at: Date? { sentAt ?? firstAttempt }
    }

    /// Every file record of a month (optionally one provider), in receipt order, by CUI.
    public func documents(luna: YearMonth, cui: String?, asOf: Date) throws -> [String: [DocumentLine]] {
        let params = [luna.firstDay.description, cui, Timestamps.sql(asOf)]
        var reasons: [String: [Finding]] = [:]
        for r in try db.exec("""
            SELECT r.document_id, r.code, r.severity, r.message, r.line, r.col
            FROM document_public_reasons r JOIN documents d ON d.id = r.document_id
            WHERE d.luna = $1::date AND ($2::text IS NULL OR d.cui = $2) AND d.received_at <= $3::timestamptz
            ORDER BY r.document_id, r.seq
            """, params) {
            reasons[r["document_id"] ?? "", default: []].append(StatusStore.finding(r))
        }
        var out: [String: [DocumentLine]] = [:]
        for r in try db.exec("""
            SELECT d.id, d.cui, d.file_name, d.status, d.tip, extract(epoch FROM d.received_at) AS at, d.nr_certificate
            FROM documents d
            WHERE d.luna = $1::date AND ($2::text IS NULL OR d.cui = $2) AND d.received_at <= $3::timestamptz
            ORDER BY d.received_at, d.file_name
            """, params) {
            out[r["cui"] ?? "", default: []].append(DocumentLine(
                fileName: r["file_name"] ?? "", status: r["status"] ?? "", tip: r["tip"], receivedAt: Timestamps.fromEpoch(r["at"]),
                certificates: r.int("nr_certificate"), reasons: reasons[r["id"] ?? ""] ?? []))
        }
        return out
    }

    /// $1 the month's first day (both sides read its partition alone), $2 a CUI or NULL, $3 the as-of moment.
    static let failingCertificatesQuery = """
        SELECT f.version_id, f.cui, f.serie, f.numar, f.code, f.severity, f.message
        FROM certificate_public_findings f JOIN certificate_versions v ON v.id = f.version_id
        WHERE f.luna = $1::date AND v.luna = $1::date AND ($2::text IS NULL OR f.cui = $2) AND v.status = 'CU_ERORI'
          AND f.valid_from <= $3::timestamptz AND (f.valid_to IS NULL OR f.valid_to > $3::timestamptz)
        ORDER BY f.cui, f.document_id, f.position, f.n
        """

    /// The certificates current at `asOf` whose verdict is CU_ERORI, in report order, by CUI.
    public func failingCertificates(luna: YearMonth, cui: String?, asOf: Date) throws -> [String: [FailingCertificate]] {
        var out: [String: [FailingCertificate]] = [:]
        var last: String?
        for r in try db.exec(StatusStore.failingCertificatesQuery, [luna.firstDay.description, cui, Timestamps.sql(asOf)]) {
            let key = r["cui"] ?? "", version = r["version_id"]
            var list = out.removeValue(forKey: key) ?? []  // moved out, so that appending does not copy it
            if version != last || list.isEmpty {
                list.append(FailingCertificate(serie: r["serie"] ?? "", numar: r["numar"] ?? "", findings: []))
            }
            list[list.count - 1].findings.append(StatusStore.finding(r))
            out[key] = list
            last = version
        }
        return out
    }

    /// The e-mails of a month (optionally one provider) first tried by `asOf`, oldest first, by CUI.
    public func emails(luna: YearMonth, cui: String?, asOf: Date) throws -> [String: [EmailAttempt]] {
        var out: [String: [EmailAttempt]] = [:]
        for r in try db.exec("""
            SELECT cui, status, attempts, last_error, extract(epoch FROM created_at) AS first, extract(epoch FROM sent_at) AS sent
            FROM notifications
            WHERE luna = $1::date AND ($2::text IS NULL OR cui = $2) AND created_at <= $3::timestamptz
            ORDER BY cui, coalesce(sent_at, created_at), id
            """, [luna.firstDay.description, cui, Timestamps.sql(asOf)]) {
            out[r["cui"] ?? "", default: []].append(EmailAttempt(
                sent: r["status"] == "TRIMIS", firstAttempt: Timestamps.fromEpoch(r["first"]), sentAt: Timestamps.fromEpoch(r["sent"]),
                attempts: r.int("attempts") ?? 1, reason: r["last_error"]))
        }
        return out
    }

    /// When each provider's month last changed in the store (a file recorded, a verdict revised),
    /// up to `asOf`: an e-mail sent before then may not tell the month as it is.
    public func lastChanges(luna: YearMonth, cui: String?, asOf: Date) throws -> [String: Date] {
        var out: [String: Date] = [:]
        for r in try db.exec("""
            SELECT cui, extract(epoch FROM max(t)) AS at FROM (
                SELECT cui, processed_at AS t FROM documents
                WHERE luna = $1::date AND ($2::text IS NULL OR cui = $2) AND received_at <= $3::timestamptz
                UNION ALL
                SELECT cui, valid_from FROM certificate_versions
                WHERE luna = $1::date AND ($2::text IS NULL OR cui = $2) AND valid_from <= $3::timestamptz
            ) c GROUP BY cui
            """, [luna.firstDay.description, cui, Timestamps.sql(asOf)]) {
            if let cui = r["cui"], let at = Timestamps.fromEpoch(r["at"]) { out[cui] = at }
        }
        return out
    }

    /// Whether the registry knows the CUI, for any house and any time.
    public func isRegistered(cui: String) throws -> Bool {
        try db.exec("SELECT 1 FROM providers WHERE cui = $1", [cui]).count > 0
    }

    static func finding(_ r: Row) -> Finding {
        Finding(code: r["code"] ?? "", severity: Severity(rawValue: r["severity"] ?? "") ?? .eroare, message: r["message"] ?? "",
                line: r.int("line"), column: r.int("col"))
    }
}
