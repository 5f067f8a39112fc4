/// A cell of every CSV ccm writes (the centralizer, the e-mail's attachment): `;` between cells,
/// CRLF after a row, quoted when it holds `;`, `"` or a line break.
public enum CSVCell {
    /// Text from anywhere: one a spreadsheet would read as a formula gets a leading `'`
    /// (04-outputs.md §1; names come from registries and files the CAS does not control).
    case text(String)
    /// A count ccm computed itself: written as it is.
    case number(Int)

    static let formulaStarts: Set<Unicode.Scalar> = ["=", "+", "-", "@", "\t", "\r"]

    public var written: String {
        switch self {
        case .number(let n):
            return String(n)
        case .text(let s):
            let safe = s.unicodeScalars.first.map(CSVCell.formulaStarts.contains) == true ? "'" + s : s
            guard safe.unicodeScalars.contains(where: { $0 == ";" || $0 == "\"" || $0 == "\n" || $0 == "\r" }) else { return safe }
            return "\"" + safe.replacingOccurrences(of: "\"", with: "\"\"") + "\""
        }
    }

    /// One row, CRLF-terminated.
    public static func line(_ cells: [CSVCell]) -> String { cells.map(\.written).joined(separator: ";") + "\r\n" }

    /// UTF-8 with a byte-order mark: what Romanian Excel opens by double-click.
    public static let byteOrderMark = "\u{FEFF}"
}
