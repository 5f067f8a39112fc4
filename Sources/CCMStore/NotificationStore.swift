import CCMCore
import Foundation

/// What a provider is told about a month: its failing certificates (the provider's own view of
/// the messages; its refused files come with the centralizer's month); and the log of what was sent.
public struct NotificationStore {
    let db: Connection
    public init(_ db: Connection) { self.db = db }

    /// Codes whose detailed message the provider needs to act and may read (`Rule.providerReadsDetail`);
    /// every other code says no more by e-mail than the public table does (C11's diagnosis, a signer's name).
    public static let providerMessageCodes = RuleRegistry.providerDetailCodes

    /// The month's failing current certificates, per CUI, one line per error in report order.
    public func certificateErrors(luna: YearMonth) throws -> [String: [CertificateErrorLine]] {
        var out: [String: [CertificateErrorLine]] = [:]
        for r in try db.exec(Statement("""
            SELECT v.cui, v.serie, v.numar, e->>'code' AS code,
                   CASE WHEN e->>'code' = ANY($2::text[]) THEN e->>'message' ELSE coalesce(e->>'public', e->>'message') END AS message
            FROM certificate_versions v CROSS JOIN LATERAL jsonb_array_elements(v.errors) WITH ORDINALITY AS x(e, n)
            WHERE v.luna = $1::date AND v.valid_to IS NULL AND v.status = 'CU_ERORI' AND e->>'severity' = 'EROARE'
            ORDER BY v.cui, v.document_id, v.position, x.n
            """, [luna.firstDay.description], binary: [BinaryArrays.texts(NotificationStore.providerMessageCodes)])) {
            out[r["cui"] ?? "", default: []].append(
                CertificateErrorLine(serie: r["serie"] ?? "", numar: r["numar"] ?? "", code: r["code"] ?? "", message: r["message"] ?? ""))
        }
        return out
    }

    /// One sender at a time per database: two `nightly` runs would otherwise both find a report
    /// not yet sent and both send it.
    public func oneSender<T>(_ body: () throws -> T) throws -> T {
        try db.exec("SELECT pg_advisory_lock($1::bigint)", [NotificationStore.senderLock])
        defer { _ = try? db.exec("SELECT pg_advisory_unlock($1::bigint)", [NotificationStore.senderLock]) }
        return try body()
    }

    static let senderLock = "727003"

    /// An address as stored: not yet checked to be one mailbox.
    public struct Recipient: Equatable { public var address: String; public var fromRegistry: Bool }

    /// The address in the registry, else the one the provider's latest document gave.
    public func recipient(cui: String) throws -> Recipient? {
        if let e = try db.exec("SELECT email FROM providers WHERE cui = $1", [cui]).first?["email"], !e.isEmpty {
            return Recipient(address: e, fromRegistry: true)
        }
        return try db.exec("SELECT email FROM documents WHERE cui = $1 AND email IS NOT NULL ORDER BY received_at DESC LIMIT 1", [cui])
            .first?["email"].map { Recipient(address: $0, fromRegistry: false) }
    }

    public func alreadySent(cui: String, luna: YearMonth, digest: String) throws -> Bool {
        try db.exec("SELECT 1 FROM notifications WHERE cui = $1 AND luna = $2::date AND digest = $3 AND status = 'TRIMIS'",
                    [cui, luna.firstDay.description, digest]).count > 0
    }

    public func record(cui: String, luna: YearMonth, digest: String, recipient: String, error: String?) throws {
        try db.exec("""
            INSERT INTO notifications (cui, luna, digest, recipient, status, last_error, sent_at)
            VALUES ($1, $2::date, $3, $4, $5, $6, CASE WHEN $6::text IS NULL THEN now() END)
            ON CONFLICT (cui, luna, digest) DO UPDATE SET status = excluded.status, last_error = excluded.last_error,
                attempts = notifications.attempts + 1, sent_at = excluded.sent_at, recipient = excluded.recipient
            """, [cui, luna.firstDay.description, digest, recipient, error == nil ? "TRIMIS" : "ESUAT", error])
    }
}
