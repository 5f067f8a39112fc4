/// One CSV record and the line it starts on (a quoted field may span lines), as the registry
/// and nomenclator readers check it; CCMFormats reads the file's syntax.
public struct CSVRecord: Equatable, Sendable {
    public var line: Int
    public var fields: [String]
    public init(line: Int, fields: [String]) { self.line = line; self.fields = fields }
}
