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
    private var bodies: [[UInt8]]
    private var nulls: [Bool]
    private(set) var rows = 0
    /// The column the next value goes to, within the row being added.
    private var cursor = 0
    /// Rows as records of this composite type (its oid), one after the other in `records`.
    private let recordType: Int32?
    private var records: [UInt8] = []
    /// Where the row being added begins in `records` (its length is written at its end).
    private var recordStart = 0

    /// `reserving`: bytes set aside per column, for a batch whose size is known roughly (its
    /// columns then do not grow step by step from empty).
    init(_ kinds: [Kind], reserving bytes: Int = 0) {
        self.kinds = kinds
        bodies = kinds.map { _ in
            var body: [UInt8] = []
            body.reserveCapacity(bytes)
            return body
        }
        nulls = Array(repeating: false, count: kinds.count)
        recordType = nil
    }

    /// Rows as records of the composite type `type` (its columns: `kinds`, in order);
    /// `reserving`: bytes set aside for them all.
    init(records kinds: [Kind], type: Int32, reserving bytes: Int = 0) {
        self.kinds = kinds
        bodies = []; nulls = []
        recordType = type
        records.reserveCapacity(bytes)
    }

    /// A text, or a jsonb's text (after the format's version byte).
    mutating func text(_ value: String?) {
        guard var v = value else { null(); return }
        let c = column()
        let jsonb = kinds[c] == .jsonb
        v.withUTF8 { utf8 in put(c) { BinaryArrays.append(text: utf8, jsonb: jsonb, to: &$0) } }
        cursor += 1
    }

    /// One text value, its length first, within a single access to where it goes.
    private static func append(text utf8: UnsafeBufferPointer<UInt8>, jsonb: Bool, to out: inout [UInt8]) {
        append(Int32(utf8.count + (jsonb ? 1 : 0)), to: &out)
        if jsonb { out.append(1) }
        out.append(contentsOf: utf8)
    }

    /// Writes column `c`'s value (its length, then its bytes) where it goes: its column's
    /// array, or the row's record after the column's type.
    private mutating func put(_ c: Int, _ write: (inout [UInt8]) -> Void) {
        guard recordType != nil else { return write(&bodies[c]) }
        if c == 0 {
            recordStart = records.count
            BinaryArrays.append(0, to: &records)   // the record's length, written at its end
            BinaryArrays.append(Int32(kinds.count), to: &records)
        }
        BinaryArrays.append(kinds[c].oid, to: &records)
        write(&records)
    }

    /// One text[] parameter holding these values, in order.
    static func texts(_ values: [String]) -> [UInt8] {
        var list = BinaryArrays([.text], reserving: values.reduce(0) { $0 + 4 + $1.utf8.count })
        for v in values { list.text(v); list.endRow() }
        return list.parameters()[0]
    }

    /// An int4 or int2 (as the column is); out of its range, the error PostgreSQL gives.
    mutating func int(_ value: Int?) throws {
        guard let value else { null(); return }
        let c = column()
        if kinds[c] == .int2 {
            guard let v = Int16(exactly: value) else { throw StoreError.statement(sqlstate: "22003", message: "smallint out of range") }
            put(c) { out in
                BinaryArrays.append(Int32(2), to: &out)
                out.append(UInt8(truncatingIfNeeded: v >> 8)); out.append(UInt8(truncatingIfNeeded: v))
            }
        } else {
            guard let v = Int32(exactly: value) else { throw StoreError.statement(sqlstate: "22003", message: "integer out of range") }
            put(c) { BinaryArrays.append(Int32(4), v, to: &$0) }
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
        put(c) { BinaryArrays.append(Int32(4), v, to: &$0) }
        cursor += 1
    }

    /// An int8: every Int fits.
    mutating func int8(_ value: Int?) {
        fixed(value.map { [Int32(truncatingIfNeeded: Int64($0) >> 32), Int32(truncatingIfNeeded: Int64($0))] }, kind: .int8)
    }

    /// An int4 that always fits (a position libxml2 counted in a C int, a small ordinal).
    mutating func int4(_ value: Int32?) { fixed(value.map { [$0] }, kind: .int4) }

    /// A value of fixed width, as its big-endian 32-bit words, into a column of `kind`.
    private mutating func fixed(_ words: [Int32]?, kind: Kind) {
        guard let words else { null(); return }
        let c = column()
        precondition(kinds[c] == kind, "a column of that kind")
        put(c) { out in
            BinaryArrays.append(Int32(4 * words.count), to: &out)
            for w in words { BinaryArrays.append(w, to: &out) }
        }
        cursor += 1
    }

    mutating func endRow() {
        precondition(cursor == kinds.count, "one value per column")
        if recordType != nil {
            let length = UInt32(records.count - recordStart - 4)
            for k in 0..<4 { records[recordStart + k] = UInt8(truncatingIfNeeded: length >> (24 - 8 * k)) }
        }
        cursor = 0
        rows += 1
    }

    /// The parameters, in column order: a one-dimensional array each (none for no rows); for
    /// records, one array of them.
    func parameters() -> [[UInt8]] {
        if let recordType { return [array(of: recordType, hasNull: false, elements: records)] }   // no null record
        return zip(kinds.indices, kinds).map { i, kind in array(of: kind.oid, hasNull: nulls[i], elements: bodies[i]) }
    }

    /// A one-dimensional array of `rows` elements of type `oid` (no dimension for no rows), as `array_recv` reads it.
    private func array(of oid: Int32, hasNull: Bool, elements: [UInt8]) -> [UInt8] {
        var out: [UInt8] = []
        out.reserveCapacity(20 + elements.count)
        BinaryArrays.append(Int32(rows == 0 ? 0 : 1), to: &out)   // dimensions
        BinaryArrays.append(Int32(hasNull ? 1 : 0), to: &out)
        BinaryArrays.append(oid, to: &out)
        if rows > 0 {
            BinaryArrays.append(Int32(rows), to: &out)
            BinaryArrays.append(Int32(1), to: &out)   // lower bound
        }
        out.append(contentsOf: elements)
        return out
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
        put(c) { BinaryArrays.append(Int32(-1), to: &$0) }
        cursor += 1
    }

    /// Big-endian, as the wire format has it.
    static func append(_ v: Int32, to out: inout [UInt8]) {
        let u = UInt32(bitPattern: v)
        out.append(UInt8(truncatingIfNeeded: u >> 24)); out.append(UInt8(truncatingIfNeeded: u >> 16))
        out.append(UInt8(truncatingIfNeeded: u >> 8)); out.append(UInt8(truncatingIfNeeded: u))
    }

    /// A length and a 4-byte value, within one access to their column.
    static func append(_ length: Int32, _ v: Int32, to out: inout [UInt8]) {
        append(length, to: &out)
        append(v, to: &out)
    }

    /// 2000-01-01 as a `LocalDate.dayNumber` (days since 1970-01-01).
    static let postgresEpoch = 10_957
}
