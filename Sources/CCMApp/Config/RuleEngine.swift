import CCMCore
import CCMFormats
import Foundation

/// The rules of a run: the rules file and the nomenclators, loaded and checked once, judged by
/// one `DocumentJudge` (shared by the ingest and the revalidation).
public struct RuleEngine: Sendable {
    public let judge: DocumentJudge

    public init(config: RulesConfig, nomenclators: Nomenclators) {
        judge = DocumentJudge(config: config, nomenclators: nomenclators)
    }

    public static func load(_ settings: Settings) throws -> RuleEngine {
        let path = settings.rulesFile ?? settings.schemasDir.appendingPathComponent("reguli.toml")
        guard let text = try? String(contentsOf: path, encoding: .utf8) else {
            throw AppError.usage("fișierul de reguli \(path.path) nu poate fi citit")
        }
        do {
            let config = try RulesFile.parse(text, knownCodes: RuleRegistry.configurableCodes)
            return RuleEngine(config: config, nomenclators: try NomenclatorFiles.load(settings.schemasDir))
        } catch let e as RulesFile.Invalid {
            throw AppError.usage("fișierul de reguli \(path.path): \(e.description)")
        }
    }
}
