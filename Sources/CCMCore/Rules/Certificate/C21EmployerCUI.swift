/// C21: the employer's CUI has a wrong control digit.
public struct C21EmployerCUI: ContentRule {
    public let code = "C21"
    public let defaultSeverity = Severity.eroare
    public let template = MessageTemplate("CUI angajator invalid: {cui}")
    public init() {}
    public func check(content ctx: ContentContext) -> [[String: String]] {
        guard let cui = ctx.body.angajatorCui else { return [] }
        return CUI(cui)?.hasValidControlDigit == true ? [] : [["cui": cui]]
    }
}
