import CCMCore
import Foundation

/// What a provider is told about a month: its failing certificates (the provider's own view of
/// the messages) and the reasons of its refused files; and the log of what was sent.
public struct NotificationStore {
    let db: Connection
    public init(_ db: Connection) { self.db = db }

    public struct Refusal: Equatable { public var file: String; public var receivedAt: Date?; public var reasons: [String] }

    public func certificateErrors(cui: String, luna: YearMonth) throws -> [CertificateErrorLine] {
        try db.exec("""
            SELECT v.serie, v.numar, e->>'code' AS code, e->>'message' AS message
            FROM certificate_versions v CROSS JOIN LATERAL jsonb_array_elements(v.errors) WITH ORDINALITY AS x(e, n)
            WHERE v.cui = $1 AND v.luna = $2::date AND v.valid_to IS NULL AND v.status = 'CU_ERORI' AND e->>'severity' = 'EROARE'
            ORDER BY v.document_id, v.position, x.n
            """, [cui, luna.firstDay.description]).map {
            CertificateErrorLine(serie: $0["serie"] ?? "", numar: $0["numar"] ?? "", code: $0["code"] ?? "", message: $0["message"] ?? "")
        }
    }

    public func refusals(cui: String, luna: YearMonth) throws -> [Refusal] {
        try db.exec("""
            SELECT d.file_name, extract(epoch FROM d.received_at) AS at,
                   coalesce((SELECT string_agg(code || ' ' || message, E'\\n' ORDER BY seq) FROM document_reasons WHERE document_id = d.id AND severity = 'EROARE'), '') AS reasons
            FROM documents d WHERE d.cui = $1 AND d.luna = $2::date AND d.status = 'RESPINS'
            ORDER BY d.received_at, d.file_name
            """, [cui, luna.firstDay.description]).map {
            Refusal(file: $0["file_name"] ?? "", receivedAt: Timestamps.fromEpoch($0["at"]),
                    reasons: ($0["reasons"] ?? "").split(separator: "\n").map(String.init))
        }
    }

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
