import CCMCore

/// Every array parameter ccm sends, in PostgreSQL's binary format (what its `array_recv`
/// reads): rows gathered as one array per column, for `INSERT … SELECT FROM unnest($5::int[],
/// $6::text[], …)`, or one list (`texts`) for `= ANY($1)`; or, for many columns, as one array
/// of a composite type's records (`records`, what `record_recv` reads per element), which
/// `unnest($5::certificate_row[])` expands in one function scan instead of one per column. The
/// server reads every value by its length instead of parsing a quoted text literal, and a text
/// goes in as its UTF-8 bytes, with nothing to escape (a row per certificate: the hot path).
struct BinaryArrays {
    /// A column's element type, as the statement casts its parameter.
    enum Kind {
        case text, int8, int4, int2, date, jsonb

        var oid: Int32 {
            switch self {
            case .text: return 25
            case .int8: return 20
            case .int4: return 23
            case .int2: return 21
            case .date: return 1082
            case .jsonb: return 3802
            }
        }
    }

    let kinds: [Kind]
    private var bodies: [ByteWriter]
    private var nulls: [Bool]
    private(set) var rows = 0
    /// The column the next value goes to, within the row being added.
    private var cursor = 0
    /// Rows as records of this composite type (its oid), one after the other in `records`.
    private let recordType: Int32?
    private var records: ByteWriter
    /// Where the row being added begins in `records` (its length is set at its end).
    private var recordStart = 0

    /// `reserving`: bytes set aside per column, for a batch whose size is known roughly (its
    /// columns then do not grow step by step from empty).
    init(_ kinds: [Kind], reserving bytes: Int = 0) {
        self.kinds = kinds
        bodies = kinds.map { _ in ByteWriter(capacity: bytes) }
        nulls = Array(repeating: false, count: kinds.count)
        recordType = nil
        records = ByteWriter()
    }

    /// Rows as records of the composite type `type` (its columns: `kinds`, in order);
    /// `reserving`: bytes set aside for them all.
    init(records kinds: [Kind], type: Int32, reserving bytes: Int = 0) {
        self.kinds = kinds
        bodies = []; nulls = []
        recordType = type
        records = ByteWriter(capacity: bytes)
    }

    /// A text, or a jsonb's text (after the format's version byte).
    mutating func text(_ value: String?) {
        guard let value else { null(); return }
        let c = column()
        let version: UInt8? = kinds[c] == .jsonb ? 1 : nil
        BinaryArrays.utf8(value) { put(c, version: version, $0) }
        cursor += 1
    }

    /// A string's UTF-8 bytes: a native string's where they are (it is contiguous), any other's copied.
    private static func utf8(_ value: String, _ body: (UnsafeRawBufferPointer) -> Void) {
        if value.utf8.withContiguousStorageIfAvailable({ body(UnsafeRawBufferPointer($0)) }) == nil {
            var copy = value
            copy.withUTF8 { body(UnsafeRawBufferPointer($0)) }
        }
    }

    /// Writes column `c`'s value (its length, then its bytes) where it goes: its column's
    /// array, or the row's record after the column's type.
    private mutating func put(_ c: Int, version: UInt8? = nil, _ body: UnsafeRawBufferPointer) {
        let length = Int32(truncatingIfNeeded: body.count + (version == nil ? 0 : 1))
        put(c, length: length, version: version, body)
    }

    private mutating func put(_ c: Int, length: Int32, version: UInt8?, _ body: UnsafeRawBufferPointer) {
        guard recordType != nil else { return bodies[c].value(type: nil, length: length, version: version, body) }
        if c == 0 {
            recordStart = records.count
            records.word(0)   // the record's length, set at its end
            records.word(Int32(kinds.count))
        }
        records.value(type: kinds[c].oid, length: length, version: version, body)
    }

    /// One text[] parameter holding these values, in order: written straight into one buffer of
    /// its exact size (six such lists a document's history lookup: no column, row or header of
    /// their own).
    static func texts(_ values: [String]) -> [UInt8] {
        var out = ByteWriter(capacity: 20 + values.reduce(0) { $0 + 4 + $1.utf8.count })
        arrayHeader(into: &out, oid: Kind.text.oid, rows: values.count, hasNull: false)
        for v in values { utf8(v) { out.value(type: nil, length: Int32(truncatingIfNeeded: $0.count), $0) } }
        var bytes: [UInt8] = []
        bytes.reserveCapacity(out.count)
        out.write(to: &bytes)
        return bytes
    }

    /// An int4 or int2 (as the column is); out of its range, the error PostgreSQL gives.
    mutating func int(_ value: Int?) throws {
        guard let value else { null(); return }
        let c = column()
        if kinds[c] == .int2 {
            guard let v = Int16(exactly: value) else { throw StoreError.statement(sqlstate: "22003", message: "smallint out of range") }
            withUnsafeBytes(of: v.bigEndian) { put(c, $0) }
        } else {
            guard let v = Int32(exactly: value) else { throw StoreError.statement(sqlstate: "22003", message: "integer out of range") }
            withUnsafeBytes(of: v.bigEndian) { put(c, $0) }
        }
        cursor += 1
    }

    /// Days since 2000-01-01, PostgreSQL's epoch, within the dates it holds.
    mutating func date(_ value: LocalDate?) throws {
        guard let value else { null(); return }
        let c = column()
        let days = value.dayNumber - BinaryArrays.postgresEpoch
        guard days >= -2_451_545, days < 2_147_483_494 - 2_451_545, let v = Int32(exactly: days) else {
            throw StoreError.statement(sqlstate: "22008", message: "date out of range")
        }
        withUnsafeBytes(of: v.bigEndian) { put(c, $0) }
        cursor += 1
    }

    /// An int8: every Int fits.
    mutating func int8(_ value: Int?) {
        guard let value else { null(); return }
        let c = column()
        precondition(kinds[c] == .int8, "a column of that kind")
        withUnsafeBytes(of: Int64(value).bigEndian) { put(c, $0) }
        cursor += 1
    }

    /// An int4 that always fits (a position libxml2 counted in a C int, a small ordinal).
    mutating func int4(_ value: Int32?) {
        guard let value else { null(); return }
        let c = column()
        precondition(kinds[c] == .int4, "a column of that kind")
        withUnsafeBytes(of: value.bigEndian) { put(c, $0) }
        cursor += 1
    }

    mutating func endRow() {
        precondition(cursor == kinds.count, "one value per column")
        if recordType != nil { records.set(Int32(truncatingIfNeeded: records.count - recordStart - 4), at: recordStart) }
        cursor = 0
        rows += 1
    }

    /// The parameters, in column order: a one-dimensional array each (none for no rows); for
    /// records, one array of them.
    func parameters() -> [[UInt8]] {
        if let recordType { return [array(of: recordType, hasNull: false, elements: records)] }   // no null record
        return kinds.indices.map { i in array(of: kinds[i].oid, hasNull: nulls[i], elements: bodies[i]) }
    }

    /// A one-dimensional array of `rows` elements of type `oid` (no dimension for no rows), as `array_recv` reads it.
    private func array(of oid: Int32, hasNull: Bool, elements: ByteWriter) -> [UInt8] {
        var head = ByteWriter(capacity: 20)
        BinaryArrays.arrayHeader(into: &head, oid: oid, rows: rows, hasNull: hasNull)
        var out: [UInt8] = []
        out.reserveCapacity(head.count + elements.count)
        head.write(to: &out)
        elements.write(to: &out)
        return out
    }

    /// What precedes a one-dimensional array's elements: its dimensions (none for no rows), its
    /// null flag, its element type, then its length and lower bound.
    private static func arrayHeader(into out: inout ByteWriter, oid: Int32, rows: Int, hasNull: Bool) {
        out.word(rows == 0 ? 0 : 1)
        out.word(hasNull ? 1 : 0)
        out.word(oid)
        guard rows > 0 else { return }
        out.word(Int32(rows))
        out.word(1)
    }

    /// The column the next value goes to; the cursor moves on once the value is written
    /// (a value refused leaves the row as it was).
    private func column() -> Int {
        precondition(cursor < kinds.count, "one value per column")
        return cursor
    }

    /// `count` NULLs in a row's next columns, whatever their kinds.
    mutating func nulls(_ count: Int) {
        for _ in 0..<count { null() }
    }

    private mutating func null() {
        let c = column()
        if recordType == nil { nulls[c] = true }
        put(c, length: -1, version: nil, UnsafeRawBufferPointer(start: nil, count: 0))
        cursor += 1
    }

    /// 2000-01-01 as a `LocalDate.dayNumber` (days since 1970-01-01).
    static let postgresEpoch = 10_957
}
