import CCMCore
import Foundation

/// Writes certificate versions in batches, inside the document's transaction: each batch is
/// one INSERT of binary arrays (`unnest`, `BinaryArrays`), so that it travels in a pipeline
/// with the statements around it — the transaction's opening before the first batch, the
/// verdict and COMMIT after the last (`finish`): a document of one batch is stored in one
/// round trip. A larger one sends its rows behind its later lookups (`takeBehind`): the server
/// writes them while the next certificates are judged.
public final class CertificateWriter {
    let db: Connection
    let documentId: Int
    let cui: String
    let luna: YearMonth
    let validFrom: String
    /// Sent ahead of the first batch (the transaction's BEGIN).
    public private(set) var opening: [Statement]
    /// The oid of the record a batch's rows travel as (migration 0019).
    let rowType: Int32
    var pending: BinaryArrays
    /// The rows not yet written, as the rules see them (the same document's earlier
    /// certificates), indexed like the database: by number, chain, insured and child.
    var pendingRows = PendingRows()
    /// The rows sent behind a lookup (`takeBehind`): until a later lookup has run after them,
    /// the rules see them here, as the database's answer does not hold them.
    var inFlightRows = PendingRows()
    /// Rows were sent behind a lookup and are not known to have run (`takeBehind`, `landed`).
    public private(set) var inFlight = false
    public let batchSize: Int

    /// The month's partition is known to exist (and to stay: `IngestUnitOfWork`).
    let partitioned: Bool

    public init(db: Connection, documentId: Int, cui: String, luna: YearMonth, validFrom: Date, rowType: Int32,
                opening: [Statement] = [], batchSize: Int = 2000, partitioned: Bool = false) {
        self.db = db; self.documentId = documentId; self.cui = cui; self.luna = luna
        self.validFrom = Timestamps.sql(validFrom); self.opening = opening; self.batchSize = batchSize
        self.partitioned = partitioned; self.rowType = rowType
        pending = CertificateWriter.emptyBatch(rowType)
    }

    /// The oid of `certificate_row`, as a connection asks for it once.
    static var rowTypeQuery: Query<Int32?> {
        Query(Statement("SELECT to_regtype('certificate_row')::oid::int AS t")) { rows in rows.first?.int("t").flatMap { Int32(exactly: $0) } }
    }

    /// Whether the transaction was opened on the server (something was sent).
    public var opened: Bool { opening.isEmpty }
    /// Whether a batch was sent.
    public private(set) var sent = false
    /// Whether a batch went (its month's partition asked for before it, or known): once the
    /// document's statements have run, the partition is there for the rest of the group.
    public private(set) var madeMonth = false

    /// Its rows were rolled back (`IngestUnitOfWork.discardRows`), with the partition its first batch may have made.
    func rolledBack() { madeMonth = false; landed() }
    /// Whether a batch was sent before the last one (`finish`, not `final`).
    public private(set) var flushed = false
    /// What the last batch's rows are found by (`final`): another document's lookups that
    /// share none of these keys answer the same before and after it is written.
    public private(set) var finalKeys: Set<WrittenKeys.Key> = []

    public func add(_ c: ReportedCertificate, status: CertificateStatus, findings: [Finding] = []) throws {
        try CertificateWriter.row(c, status: status, findings: findings, into: &pending)
        if let b = c.body {
            let k = KnownCertificate(cui: cui, luna: luna, serie: c.serie, numar: c.numar, body: b, sameDocument: true)
            pendingRows.add(k, serie: c.serie, numar: c.numar, cnp: b.cnp, cnpCopil: b.cnpCopil)
        }
    }

    /// One certificate's row, in the INSERT's column order (`takeBatch`), within one access to the batch.
    private static func row(_ c: ReportedCertificate, status: CertificateStatus, findings: [Finding],
                            into pending: inout BinaryArrays) throws {
        try pending.int(c.position); pending.text(c.serie); pending.text(c.numar); pending.text(c.operatie?.rawValue)
        pending.text(status.rawValue)
        // The body unwrapped once: reading each field through the optional copied the whole body.
        if let b = c.body { try bodyColumns(b, into: &pending) } else { pending.nulls(bodyColumnCount) }
        pending.text(c.motiv)
        pending.text(CertificateWriter.json(findings))
        pending.endRow()
    }

    /// The body's columns, from `data_acordarii` to `cnp_copil`.
    private static let bodyColumnCount = 23

    private static func bodyColumns(_ b: CertificateBody, into pending: inout BinaryArrays) throws {
        try pending.date(b.dataAcordarii); pending.text(b.tip.rawValue)
        pending.text(b.certificatInitial?.serie); pending.text(b.certificatInitial?.numar); try pending.date(b.certificatInitial?.dataAcordarii)
        pending.text(b.medicParafa); pending.text(b.medicNume); try pending.int(b.locPrescriere); pending.text(b.cnp)
        pending.text(b.nume); pending.text(b.prenume); pending.text(b.angajatorCui); pending.text(b.angajatorDenumire)
        pending.text(b.codIndemnizatie); pending.text(b.codDiagnostic); try pending.int(b.codUrgenta); try pending.int(b.codBoalaInfecto)
        try pending.date(b.perioada.inceput); try pending.date(b.perioada.sfarsit); try pending.int(b.perioada.zile)
        pending.text(b.avizNumar); try pending.date(b.avizData); pending.text(b.cnpCopil)
    }

    /// Writes what is pending when it has grown to two batches: the rows normally go earlier,
    /// behind the document's next lookup (`takeBehind`). Called between batches of judged
    /// certificates, never within one: the rules of a batch see the unwritten ones through
    /// `pendingNeighbours`, the written ones through the database.
    public func flushIfFull() throws {
        if pending.rows >= 2 * batchSize { _ = try finish(then: []) }
    }

    /// The pending rows as statements to be sent behind the document's next lookup, which the
    /// server runs while the next certificates are judged, once the document has outgrown one
    /// batch (the rows of a document of one batch go with its record, and let the next
    /// document's lookups go ahead of them). Nil: they stay pending. They are still seen here
    /// (`pendingNeighbours`) until `landed`.
    public func takeBehind() -> [Statement]? {
        guard !inFlight, pending.rows > 0, flushed || pending.rows >= batchSize else { return nil }
        inFlightRows = pendingRows
        inFlight = true
        flushed = true
        return outgoing()
    }

    /// What went behind the last lookup has run: the database answers for those rows now.
    public func landed() {
        guard inFlight else { return }
        inFlight = false
        inFlightRows.removeAll()
    }

    /// Sends the opening (the first time), what is pending and `then`, in one round trip; the
    /// rows of `then`'s statements are returned.
    @discardableResult
    public func finish(then: [Statement]) throws -> [Rows] {
        let head = outgoing()
        flushed = true
        return Array(try db.pipeline(head + then).dropFirst(head.count))
    }

    /// What `finish` would send, handed back to be sent later with other statements: the
    /// writer is done.
    public func final(then: [Statement]) -> [Statement] {
        // Only rows with a body are found by lookups (`data_acordarii IS NOT NULL`).
        var keys = Set<WrittenKeys.Key>(minimumCapacity: 3 * pendingRows.known.count)
        for k in pendingRows.known { WrittenKeys.eachKey(serie: k.serie, numar: k.numar, body: k.body) { keys.insert($0) } }
        finalKeys = keys
        return outgoing() + then
    }

    /// What goes next: the opening (the first time), the month's partition ahead of the first
    /// batch, and the pending rows as a batch (none when nothing is pending); the writer has sent.
    private func outgoing() -> [Statement] {
        let batch = takeBatch()
        // `monthFirst` is read before `sent` changes.
        let head = opening + (batch.map { monthFirst + [$0] } ?? [])
        opening = []
        sent = true
        if batch != nil { madeMonth = true }
        return head
    }

    /// A new batch, with room for a small document's rows (not grown step by step from empty).
    static func emptyBatch(_ rowType: Int32) -> BinaryArrays { BinaryArrays(records: rowColumns, type: rowType, reserving: 16 << 10) }

    /// The batch's columns, in the INSERT's order (`add`, `takeBatch`): `certificate_row`'s (migration 0019).
    static let rowColumns: [BinaryArrays.Kind] = [
        .int4, .text, .text, .text, .text, .date, .text, .text, .text, .date, .text, .text, .int2, .text, .text, .text,
        .text, .text, .text, .text, .int4, .int4, .date, .date, .int4, .text, .date, .text, .text, .jsonb,
    ]

    private func takeBatch() -> Statement? {
        guard pending.rows > 0 else { return nil }
        let arrays = pending.parameters()
        pending = CertificateWriter.emptyBatch(rowType)
        pendingRows.removeAll()
        return Statement(CertificateWriter.insertBatch, ["\(documentId)", cui, luna.firstDay.description, validFrom], binary: arrays)
    }

    /// Before the document's first batch: its month's partition, made if this is the month's
    /// first document (migration 0017). The function is called only when no table has the
    /// partition's name; nothing is asked when the group began with the partition there.
    var monthFirst: [Statement] {
        sent || partitioned ? [] : [Statement("""
            SELECT certificate_versions_partition($1::date) WHERE to_regclass('public.' || certificate_versions_partition_name($1::date)) IS NULL
            """, [luna.firstDay.description])]
    }

    /// A batch's versions, and the current ones among them in `certificate_current` (a
    /// deletion's row is its tombstone: ended as it is written, never current), in one statement.
    static let insertBatch = """
        WITH v AS (
            INSERT INTO certificate_versions (document_id, cui, luna, valid_from, valid_to, position, serie, numar, operatie, status,
                data_acordarii, tip, initial_serie, initial_numar, initial_data, medic_parafa, medic_nume, loc_prescriere,
                cnp, nume, prenume, angajator_cui, angajator_denumire, cod_indemnizatie, cod_diagnostic, cod_urgenta,
                cod_boala_infecto, inceput, sfarsit, zile, aviz_numar, aviz_data, cnp_copil, motiv, errors)
            SELECT $1::bigint, $2, $3::date, $4::timestamptz, CASE WHEN u.operatie = 'STERGERE' THEN $4::timestamptz END, u.*
            FROM unnest($5::certificate_row[]) AS u
            RETURNING valid_to, \(Migrations.currentColumns))
        INSERT INTO certificate_current (\(Migrations.currentColumns))
        SELECT \(Migrations.currentColumns) FROM v WHERE valid_to IS NULL
        """
}

extension CertificateWriter {
    /// What the unwritten rows are found by, as the database's indexes find the written ones
    /// (a case per index rather than an interpolated string: no text built per certificate).
    enum PendingKey: Hashable {
        case number(String, String), chain(String, String), insured(String), child(String)
    }

    /// Each key, handed to `body` (no list built: twice per certificate).
    static func eachKey(serie: String, numar: String, chain: ChainKey, cnp: String, cnpCopil: String?, _ body: (PendingKey) -> Void) {
        body(.number(serie, numar)); body(.chain(chain.serie, chain.numar)); body(.insured(cnp))
        if let cnpCopil { body(.child(cnpCopil)) }
    }

    /// The unwritten certificates that share a number, chain, insured or child with these: those
    /// sent behind the last lookup first (`takeBehind`), then those not sent, each in document order.
    public func pendingNeighbours(serie: String, numar: String, chain: ChainKey, cnp: String, cnpCopil: String?) -> [KnownCertificate] {
        let sent = inFlightRows.neighbours(serie: serie, numar: numar, chain: chain, cnp: cnp, cnpCopil: cnpCopil)
        let unsent = pendingRows.neighbours(serie: serie, numar: numar, chain: chain, cnp: cnp, cnpCopil: cnpCopil)
        return sent.isEmpty ? unsent : sent + unsent
    }

    /// The findings as the jsonb column holds them (one per certificate: most have none).
    static func json(_ findings: [Finding]) -> String {
        guard !findings.isEmpty else { return "[]" }
        return JSON.array(findings.map { f in
            .object([("code", .string(f.code)), ("message", .string(f.message)), ("public", .string(f.publicMessage ?? f.message)),
                     ("severity", .string(f.severity.rawValue))])
        }).serialized()
    }
}

/// Versioning: a MODIFICARE or STERGERE ends the current version of the same (CUI, luna,
/// Serie, Numar) at the receipt of the rectificative; a STERGERE's own row is a tombstone,
/// never current (`CertificateWriter.insertBatch`).
public enum CertificateVersions {
    public static func supersede(_ db: Connection, documentId: Int, luna: YearMonth, at receivedAt: Date) throws {
        _ = try db.pipeline(supersede(documentId: documentId, luna: luna, at: receivedAt))
    }

    /// The same, to be sent in the document's last round trip. The ended versions are of the
    /// document's month (`luna`, its partition alone): their rows leave `certificate_current`,
    /// found by number (a LATERAL kept apart by OFFSET 0, as the history's lookups: a plain join
    /// was planned as a scan of the whole table while it was believed empty), and their versions end.
    public static func supersede(documentId: Int, luna: YearMonth, at receivedAt: Date) -> [Statement] {
        [Statement("""
            WITH ended AS (
                DELETE FROM certificate_current old USING certificate_versions new,
                    LATERAL (SELECT ctid FROM certificate_current WHERE serie = new.serie AND numar = new.numar
                             AND cui = new.cui AND luna = $3::date AND document_id <> $1 OFFSET 0) same
                WHERE new.luna = $3::date AND new.document_id = $1 AND new.operatie IN ('MODIFICARE', 'STERGERE')
                  AND old.ctid = same.ctid
                RETURNING old.id)
            UPDATE certificate_versions v SET valid_to = $2::timestamptz FROM ended WHERE v.luna = $3::date AND v.id = ended.id
            """, ["\(documentId)", Timestamps.sql(receivedAt), luna.firstDay.description])]
    }
}
