import CCMCore

extension RulesFile {
    /// The rules file's text: its TOML read by TOMLDocument, then checked by the core.
    public static func parse(_ text: String, knownCodes: Set<String>) throws -> RulesConfig {
        let root: [String: ConfigValue]
        do { root = try TOMLDocument.parse(text) } catch let f as TOMLDocument.Failure { throw Invalid(description: f.description) }
        return try read(root, knownCodes: knownCodes)
    }
}
