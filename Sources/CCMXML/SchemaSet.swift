import CLibXML2
import Foundation

public struct SchemaError: Error, CustomStringConvertible {
    public let description: String
}

/// The compiled submission XSD, loaded once per thread and used by each of its parses (with a
/// validation context of their own). Not Sendable: a thread of its own parses its own
/// (`SubmissionReader.Recipe`).
public final class SubmissionSchema {
    let schema: xmlSchemaPtr
    public let path: String
    /// What a message about a document may name (XMLErrorText).
    public let vocabulary: SchemaVocabulary

    /// `vocabulary`: one already read from the same files (a value any thread may keep).
    public init(path: String, vocabulary known: SchemaVocabulary? = nil) throws {
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
        vocabulary = known ?? SchemaVocabulary(schemaPath: path)
    }

    deinit { xmlSchemaFree(schema) }
}
