import CCMCore
import CCMFormats
import Foundation

/// Everything that judges: the rule books with the severities of the rules file, the dated
/// rule sets and the nomenclators. Loaded and checked once per run.
public struct RuleEngine: Sendable {
    public var file: FileRuleBook
    public var certificates: CertificateRuleBook
    public var config: RulesConfig
    public var nomenclators: Nomenclators

    public init(config: RulesConfig, nomenclators: Nomenclators) {
        self.config = config
        self.nomenclators = nomenclators
        self.file = FileRuleBook(severities: config.severities)
        self.certificates = CertificateRuleBook(severities: config.severities)
    }

    /// What the content rules of `c` see.
    public func content(_ c: ReportedCertificate, body: CertificateBody, header: DocumentHeader, receiptDay: LocalDate) -> ContentContext {
        ContentContext(certificate: c, body: body, header: header, receiptDay: receiptDay, nomenclators: nomenclators,
                       ruleSet: config.set(on: body.dataAcordarii))
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
