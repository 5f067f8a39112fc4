import CCMCore
import Foundation

/// What the pipeline records about files and their certificates.
public struct DocumentStore {
    let db: Connection
    public init(_ db: Connection) { self.db = db }

    public struct Recorded {
        public var id: Int
        public var status: DocumentStatus
        public var storedAs: String?
        /// Where a move was about to put the file (recorded before the move).
        public var movingTo: String?
        public var cui: String?
        public var luna: String?
        public var tip: String?
        public var idDocument: String?
    }

    static let recordedColumns = "id, status, stored_as, moving_to, cui, to_char(luna, 'YYYY-MM') AS luna, tip, id_document::text AS id_document"

    public func registered(idDocument: UUID) throws -> Recorded? {
        try db.exec(DocumentStore.registered(idDocument: idDocument)).first.flatMap(DocumentStore.recorded)
    }

    static func registered(idDocument: UUID) -> Statement {
        Statement("SELECT \(DocumentStore.recordedColumns) FROM documents WHERE id_document = $1::uuid AND status = 'INREGISTRAT'",
                  [idDocument.uuidString.lowercased()])
    }

    /// The bytes' latest record whose file was never moved out of the inbox (a run stopped
    /// between its commit and the move: the next run only finishes the move), and their
    /// registered document, in one round trip.
    public func earlier(sha256: String) throws -> Earlier { try db.run(DocumentStore.earlier(sha256: sha256)) }

    public typealias Earlier = (unmoved: Recorded?, registered: Recorded?)

    /// `moving`: records whose move is still to come in this run (their group is not
    /// committed yet): not a stopped run's to finish.
    public static func earlier(sha256: String, moving: Set<Int> = []) -> Query<Earlier> {
        // Every record of the bytes through `documents_sha256`, sorted out here: with the
        // conditions in SQL (an unmoved branch, a registered branch) a plan made on a small
        // table scanned all of another partial index (`documents_registered_id`) with a filter.
        // The latest unmoved record is chosen here rather than by ORDER BY id DESC LIMIT 1: a
        // plan cached while the table was small walked the primary key backwards over every
        // document. Its generic plan is the index's on any table (PlanStabilityTests).
        Query(Statement("SELECT \(DocumentStore.recordedColumns) FROM documents WHERE sha256 = $1", [sha256])) { rows in
            let records = rows.compactMap(DocumentStore.recorded)
            return (records.filter { $0.storedAs == nil && !moving.contains($0.id) }.max { $0.id < $1.id },
                    records.first { $0.status == .inregistrat })
        }
    }

    /// Moves that were recorded as about to happen and never confirmed (a run stopped in between).
    public func unconfirmedMoves() throws -> [(id: Int, path: String)] {
        try db.exec("SELECT id, moving_to FROM documents WHERE stored_as IS NULL AND moving_to IS NOT NULL").compactMap { r in
            guard let id = r.int("id"), let p = r["moving_to"] else { return nil }
            return (id, p)
        }
    }

    /// Where the files named `fileName` were put, latest first: a `.p7s` left alone in the
    /// inbox belongs beside one of them.
    public func placedPaths(fileName: String) throws -> [String] {
        try db.exec(DocumentStore.placedPaths(fileName: fileName)).compactMap { $0["p"] }
    }

    static func placedPaths(fileName: String) -> Statement {
        Statement("""
            SELECT coalesce(stored_as, moving_to) AS p FROM documents
            WHERE file_name = $1 AND coalesce(stored_as, moving_to) IS NOT NULL ORDER BY id DESC
            """, [fileName])
    }

    public struct NewDocument {
        public var fileName: String
        public var sha256: String
        public var size: Int
        public var status: DocumentStatus
        public var header: DocumentHeader?
        public var tally: DocumentTally
        public var receivedAt: Date
        public var signature: String?
        /// Taken beforehand from the sequence (`DocumentStore.nextId`), so that the rows that
        /// refer to the document can go in the same round trip as its INSERT; nil: the default.
        public var id: Int?
        /// Where the file is about to go (recorded before the move, confirmed by `markStored`).
        public var movingTo: String?
        public init(fileName: String, sha256: String, size: Int, status: DocumentStatus, header: DocumentHeader?,
                    tally: DocumentTally, receivedAt: Date, signature: String? = nil, id: Int? = nil, movingTo: String? = nil) {
            self.fileName = fileName; self.sha256 = sha256; self.size = size; self.status = status
            self.header = header; self.tally = tally; self.receivedAt = receivedAt; self.signature = signature; self.id = id
            self.movingTo = movingTo
        }
    }

    public func insert(_ d: NewDocument) throws -> Int {
        try DocumentStore.insertedId(db.exec(DocumentStore.insert(d)))
    }

    /// The INSERT of `insert`, to be sent with others (`Connection.pipeline`); its rows give
    /// the id through `insertedId`.
    public static func insert(_ d: NewDocument) -> Statement {
        let h = d.header
        return Statement("""
            INSERT INTO documents (id, file_name, sha256, size_bytes, status, id_document, cui, luna, tip, mediu, data_generare,
                                   nr_certificate, total_zile, received_at, signature, email, moving_to)
            VALUES (coalesce($16::bigint, nextval('documents_id_seq')), $1, $2, $3, $4, $5::uuid, $6, $7::date, $8, $9, $10, $11,
                    $12, $13::timestamptz, $14, $15, $17)
            RETURNING id
            """, [d.fileName, d.sha256, "\(d.size)", d.status.rawValue, h?.idDocument.uuidString.lowercased(), h?.cui,
                  h?.luna.firstDay.description, h?.tip.rawValue, h?.mediu.rawValue, h?.dataGenerare,
                  d.header == nil ? nil : "\(d.tally.certificates)", d.header == nil ? nil : "\(d.tally.days)",
                  Timestamps.sql(d.receivedAt), d.signature, h?.email, d.id.map { "\($0)" }, d.movingTo])
    }

    /// A document id taken from the sequence ahead of the INSERT (see `NewDocument.id`).
    public static func nextId() -> Query<Int?> {
        Query(Statement("SELECT nextval('documents_id_seq') AS id")) { try? DocumentStore.insertedId($0) }
    }

    public static func insertedId(_ rows: Rows) throws -> Int {
        guard let id = rows.first?.int("id") else { throw StoreError.statement(sqlstate: "?????", message: "no id returned") }
        return id
    }

    public func insertReasons(_ id: Int, _ findings: [Finding]) throws {
        if let st = DocumentStore.reasons(id, findings) { try db.exec(st) }
    }

    /// The INSERT of `insertReasons`, to be sent with others; nil when there is none to store.
    public static func reasons(_ id: Int, _ findings: [Finding]) -> Statement? {
        let kept = findings.filter { $0.severity != .off }
        guard !kept.isEmpty else { return nil }
        var columns = BinaryArrays([.int4, .text, .text, .text, .int4, .int4, .text])
        for (i, f) in kept.enumerated() {
            // A line and column are libxml2's C ints: they fit.
            columns.int4(Int32(clamping: i + 1)); columns.text(f.code); columns.text(f.severity.rawValue); columns.text(f.message)
            columns.int4(f.line.map { Int32(clamping: $0) }); columns.int4(f.column.map { Int32(clamping: $0) }); columns.text(f.publicMessage)
            columns.endRow()
        }
        return Statement("""
            INSERT INTO document_reasons (document_id, seq, code, severity, message, line, col, public_message)
            SELECT $1::bigint, u.* FROM unnest($2::int[], $3::text[], $4::text[], $5::text[], $6::int[], $7::int[], $8::text[]) AS u
            """, ["\(id)"], binary: columns.parameters())
    }

    /// Where the file is about to go, recorded before the move (nil: the move failed, the file stayed).
    public func setMovingTo(_ id: Int, _ path: String?) throws { try db.exec(DocumentStore.setMovingTo(id, path)) }

    static func setMovingTo(_ id: Int, _ path: String?) -> Statement {
        Statement("UPDATE documents SET moving_to = $2 WHERE id = $1", ["\(id)", path])
    }

    /// Where the file is now.
    ///
    /// Not flushed to disk on its own (synchronous_commit off for this transaction only): it is
    /// bookkeeping the next run re-derives — a move recorded in `moving_to` whose file is at its
    /// place is confirmed by `confirmMoves` — so one WAL flush per file fewer.
    /// Called outside any transaction: the setting is local to the statement's own transaction.
    public func markStored(_ id: Int, as path: String) throws {
        try db.exec(DocumentStore.markStored(id, as: path))
    }

    /// A group's files at their places, in one statement (one HOT update each: migration 0018).
    public static func markStored(_ moves: [(recordId: Int, path: String)]) -> Statement? {
        moves.isEmpty ? nil : confirmation(moves)
    }

    public static func markStored(_ id: Int, as path: String) -> Statement { confirmation([(id, path)]) }

    private static func confirmation(_ moves: [(recordId: Int, path: String)]) -> Statement {
        var rows = BinaryArrays([.int8, .text])
        for m in moves { rows.int8(m.recordId); rows.text(m.path); rows.endRow() }
        // Each row found by its key in a LATERAL kept apart by OFFSET 0 (`= ANY` or a plain join
        // is planned as a scan of the whole table while it is believed empty), then by its ctid.
        return Statement("""
            UPDATE documents d SET stored_as = m.path
            FROM (SELECT set_config('synchronous_commit', 'off', true)) AS unflushed,
                 unnest($1::bigint[], $2::text[]) AS m(id, path),
                 LATERAL (SELECT ctid AS row FROM documents WHERE id = m.id OFFSET 0) AS found
            WHERE d.ctid = found.row
            """, binary: rows.parameters())
    }

    public func reasons(_ id: Int) throws -> [Finding] {
        try db.exec("SELECT code, severity, message, line, col FROM document_reasons WHERE document_id = $1 ORDER BY seq", ["\(id)"])
            .map { r in Finding(code: r["code"] ?? "", severity: Severity(rawValue: r["severity"] ?? "") ?? .eroare,
                                message: r["message"] ?? "", line: r.int("line"), column: r.int("col")) }
    }

    static func recorded(_ r: Row) -> Recorded? {
        guard let id = r.int("id"), let s = r["status"].flatMap(DocumentStatus.init) else { return nil }
        return Recorded(id: id, status: s, storedAs: r["stored_as"], movingTo: r["moving_to"], cui: r["cui"], luna: r["luna"], tip: r["tip"],
                        idDocument: r["id_document"])
    }
}

public enum Timestamps {
    /// ISO 8601 in UTC with milliseconds, as PostgreSQL reads it.
    public static func sql(_ d: Date) -> String { utc(d, milliseconds: true) }

    /// `2026-11-10T08:00:00.000Z`, rounded to the millisecond like Foundation's formatter, built
    /// by hand: an ISO8601DateFormatter per call is dear on the hot path, and a shared one is not
    /// safe across threads. Its digits are written into one buffer (a string per field cost
    /// ~15 k instructions a call, several calls a file).
    public static func utc(_ d: Date, milliseconds: Bool) -> String {
        let t = d.timeIntervalSince1970
        var whole = t.rounded(.down)
        var ms = Int(((t - whole) * 1000).rounded())
        if ms >= 1000 { whole += 1; ms -= 1000 }
        if !milliseconds && ms >= 500 { whole += 1 }
        guard let seconds = Int(exactly: whole) else { return "" }
        let days = seconds >= 0 ? seconds / 86_400 : (seconds - 86_399) / 86_400
        let inDay = seconds - days * 86_400
        let date = LocalDate(dayNumber: days)
        var out: [UInt8] = []
        out.reserveCapacity(24)
        func put(_ v: Int, _ width: Int) {
            // At least `width` digits, more when the value needs them (a year past 9999).
            if v < 0 { out.append(UInt8(ascii: "-")) }
            var n = v.magnitude, count = 1, power: UInt = 10
            while n >= power { count += 1; power *= 10 }
            out.append(contentsOf: repeatElement(UInt8(ascii: "0"), count: max(width, count)))
            var i = out.count - 1
            repeat { out[i] = UInt8(ascii: "0") + UInt8(n % 10); n /= 10; i -= 1 } while n > 0
        }
        put(date.year, 4); out.append(UInt8(ascii: "-")); put(date.month, 2); out.append(UInt8(ascii: "-")); put(date.day, 2)
        out.append(UInt8(ascii: "T"))
        put(inDay / 3600, 2); out.append(UInt8(ascii: ":")); put(inDay / 60 % 60, 2); out.append(UInt8(ascii: ":")); put(inDay % 60, 2)
        if milliseconds { out.append(UInt8(ascii: ".")); put(ms, 3) }
        out.append(UInt8(ascii: "Z"))
        return String(decoding: out, as: UTF8.self)
    }

    /// Reads `extract(epoch FROM …)`.
    public static func fromEpoch(_ s: String?) -> Date? { s.flatMap(Double.init).map { Date(timeIntervalSince1970: $0) } }
}
