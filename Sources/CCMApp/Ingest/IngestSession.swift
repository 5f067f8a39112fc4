import CCMStore
import Foundation

/// What an ingest needs before its first file, made in one place for `ingest` and `nightly`:
/// the schema, the rules (a rules file or nomenclator the CAS edited badly stops the run here,
/// with its file and line), the batch's connection and the pipeline over them.
public struct IngestSession {
    public let rules: RuleEngine
    public let db: Connection
    public let pipeline: IngestPipeline

    public static func open(_ settings: Settings) throws -> IngestSession {
        let schema = try App.schema(settings)
        let rules = try RuleEngine.load(settings)
        let db = try App.connect(settings, as: .batch)
        return IngestSession(rules: rules, db: db, pipeline: try IngestPipeline(settings: settings, db: db, schema: schema, rules: rules))
    }
}
