/// C13: place 4 (the CAS itself) cannot appear in a provider's report.
public struct C13PlaceOfIssue: ContentRule {
    public let code = "C13"
    public let defaultSeverity = Severity.eroare
    public let template = MessageTemplate("Loc de prescriere nepermis pentru furnizor")
    public init() {}
    public func check(content ctx: ContentContext) -> [[String: String]] { ctx.body.locPrescriere == 4 ? [[:]] : [] }
}
