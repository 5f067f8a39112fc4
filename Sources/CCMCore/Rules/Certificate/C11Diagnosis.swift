/// C11: `CodDiagnostic` is not an ICD-10 category (or a subcategory of one) of the nomenclator.
public struct C11Diagnosis: ContentRule {
    public let code = "C11"
    public let defaultSeverity = Severity.eroare
    public let template = MessageTemplate("Cod de diagnostic inexistent: {cod}")
    /// The public table carries no diagnosis, not even a mistyped code.
    public let publicTemplate: MessageTemplate? = MessageTemplate("Cod de diagnostic inexistent")
    public init() {}
    public func check(content ctx: ContentContext) -> [[String: String]] {
        ctx.nomenclators.isKnownDiagnosis(ctx.body.codDiagnostic) ? [] : [["cod": ctx.body.codDiagnostic]]
    }
}
