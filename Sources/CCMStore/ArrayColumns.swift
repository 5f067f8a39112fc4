/// Rows gathered as one PostgreSQL array literal per column, for `INSERT … SELECT FROM
/// unnest($1::int[], $2::text[], …)`: a few rows as one statement, which can share a round
/// trip with others (COPY cannot). Built byte by byte: the two escaped characters are ASCII,
/// so a UTF-8 byte of a longer character is never one of them. (The certificate versions, a
/// row per certificate, go as binary arrays: `BinaryArrays`.)
struct ArrayColumns {
    private var columns: [[UInt8]]
    private(set) var rows = 0

    init(count: Int) { columns = Array(repeating: [123], count: count) }

    /// One row, a value per column (nil: NULL).
    mutating func append(_ values: [String?]) {
        precondition(values.count == columns.count, "one value per column")
        for (i, value) in values.enumerated() { ArrayColumns.element(value, first: rows == 0, into: &columns[i]) }
        rows += 1
    }

    /// The array literals, in column order.
    func literals() -> [String] {
        columns.map { String(decoding: $0 + [125], as: UTF8.self) }
    }

    /// An element: NULL unquoted, anything else in double quotes with `\` and `"` escaped
    /// (so that a value "NULL", a comma, a brace or a space stays text).
    static func element(_ value: String?, first: Bool, into out: inout [UInt8]) {
        if !first { out.append(44) }
        guard var v = value else { out.append(contentsOf: ArrayColumns.null); return }
        out.append(34)
        v.withUTF8 { bytes in
            // Most values have nothing to escape: copied at once, not byte by byte.
            guard bytes.contains(where: { $0 == 92 || $0 == 34 }) else { out.append(contentsOf: bytes); return }
            for b in bytes {
                if b == 92 || b == 34 { out.append(92) }
                out.append(b)
            }
        }
        out.append(34)
    }

    private static let null: [UInt8] = Array("NULL".utf8)
}
