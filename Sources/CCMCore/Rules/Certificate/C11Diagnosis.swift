/// C11: `CodDiagnostic` is not an ICD-10 category (or a subcategory of one) of the nomenclator.
public struct C11Diagnosis: ContentRule {
    public static let code = "C11"
    public static let defaultSeverity = Severity.eroare
    public init() {}
    public func check(content ctx: ContentContext) -> [Finding.Message] {
        ctx.nomenclators.isKnownDiagnosis(ctx.body.codDiagnostic) ? [] : [.unknownDiagnosis(ctx.body.codDiagnostic)]
    }
}

extension Finding.Message {
    /// The public table (and the provider's e-mail) carries no diagnosis, not even a mistyped code.
    static func unknownDiagnosis(_ code: String) -> Self {
        Self("Cod de diagnostic inexistent: \(code)", public: "Cod de diagnostic inexistent")
    }
}
