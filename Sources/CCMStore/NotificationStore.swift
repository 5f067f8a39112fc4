import CCMCore
import Foundation

/// What a provider is told about a month: its failing certificates (the provider's own view of
/// the messages) and the reasons of its refused files; and the log of what was sent.
public struct NotificationStore {
    let db: Connection
    public init(_ db: Connection) { self.db = db }

    /// One reason a file was refused, as its provider may read it, with where it was found.
    public struct Reason: Equatable {
        public var code: String; public var message: String; public var line: Int?; public var column: Int?
        public init(code: String, message: String, line: Int? = nil, column: Int? = nil) {
            self.code = code; self.message = message; self.line = line; self.column = column
        }
    }

    /// A refused file: its name, receipt, declared type (nil when it could not be read) and reasons.
    public struct Refusal: Equatable {
        public var file: String; public var receivedAt: Date?; public var tip: String?; public var reasons: [Reason]
        public init(file: String, receivedAt: Date?, tip: String? = nil, reasons: [Reason]) {
            self.file = file; self.receivedAt = receivedAt; self.tip = tip; self.reasons = reasons
        }
    }

    /// Codes whose detailed message the provider needs to act and may read (`Rule.providerReadsDetail`);
    /// every other code says no more by e-mail than the public table does (C11's diagnosis, a signer's name).
    public static let providerMessageCodes = RuleRegistry.providerDetailCodes

    public func certificateErrors(cui: String, luna: YearMonth) throws -> [CertificateErrorLine] {
        try db.exec(Statement("""
            SELECT v.serie, v.numar, e->>'code' AS code,
                   CASE WHEN e->>'code' = ANY($3::text[]) THEN e->>'message' ELSE coalesce(e->>'public', e->>'message') END AS message
            FROM certificate_versions v CROSS JOIN LATERAL jsonb_array_elements(v.errors) WITH ORDINALITY AS x(e, n)
            WHERE v.cui = $1 AND v.luna = $2::date AND v.valid_to IS NULL AND v.status = 'CU_ERORI' AND e->>'severity' = 'EROARE'
            ORDER BY v.document_id, v.position, x.n
            """, [cui, luna.firstDay.description], binary: [BinaryArrays.texts(NotificationStore.providerMessageCodes)])).map {
            CertificateErrorLine(serie: $0["serie"] ?? "", numar: $0["numar"] ?? "", code: $0["code"] ?? "", message: $0["message"] ?? "")
        }
    }

    /// The provider's refused files of the month received by `asOf` and not superseded: a file
    /// refused before the provider's last registered report of the month (in receipt, then
    /// processing order) no longer says anything about the month.
    public func refusals(cui: String, luna: YearMonth, asOf: Date) throws -> [Refusal] {
        let at = Timestamps.sql(asOf)
        let rows = try db.exec("""
            SELECT d.id, d.file_name, d.tip, extract(epoch FROM d.received_at) AS at
            FROM documents d
            WHERE d.cui = $1 AND d.luna = $2::date AND d.status = 'RESPINS' AND d.received_at <= $3::timestamptz
              AND NOT \(MonthStore.superseded("d", asOf: "$3"))
            ORDER BY d.received_at, d.id
            """, [cui, luna.firstDay.description, at])
        return try rows.map { r in
            let reasons = try db.exec("""
                SELECT code, message, line, col FROM document_public_reasons
                WHERE document_id = $1 AND severity = 'EROARE' ORDER BY seq
                """, [r["id"]]).map { Reason(code: $0["code"] ?? "", message: $0["message"] ?? "", line: $0.int("line"), column: $0.int("col")) }
            return Refusal(file: r["file_name"] ?? "", receivedAt: Timestamps.fromEpoch(r["at"]), tip: r["tip"], reasons: reasons)
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
