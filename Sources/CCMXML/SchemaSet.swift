import CLibXML2
import Foundation

public struct SchemaError: Error, CustomStringConvertible {
    public let description: String
}

/// The compiled submission XSD, loaded once per process and shared by every parse.
/// libxml2 never changes a compiled schema after `xmlSchemaParse`, and each parse validates with
/// a context of its own: the compiler cannot see into C, so the pointer is the one thing it is told.
public final class SubmissionSchema: Sendable {
    nonisolated(unsafe) let schema: xmlSchemaPtr
    public let path: String
    /// What a message about a document may name (XMLErrorText).
    public let vocabulary: SchemaVocabulary

    public init(path: String) throws {
        let dir = URL(fileURLWithPath: path).deletingLastPathComponent().path
        LibXML.initialise(allowing: dir)
        self.path = path
        let collector = ErrorCollector(limit: 20)
        guard let pctx = xmlSchemaNewParserCtxt(path) else { throw SchemaError(description: "cannot open schema \(path)") }
        defer { xmlSchemaFreeParserCtxt(pctx) }
        let ref = Unmanaged.passUnretained(collector).toOpaque()
        xmlSchemaSetParserStructuredErrors(pctx, collectStructuredError, ref)
        guard let s = xmlSchemaParse(pctx) else {
            let detail = collector.items.map { "\($0.report.message) (line \($0.line))" }.joined(separator: "; ")
            throw SchemaError(description: "invalid schema \(path): \(detail)")
        }
        schema = s
        vocabulary = SchemaVocabulary(schemaPath: path)
    }

    deinit { xmlSchemaFree(schema) }
}
