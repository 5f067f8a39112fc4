/// C21: the employer's CUI has a wrong control digit.
public struct C21EmployerCUI: ContentRule {
    public static let code = "C21"
    public static let defaultSeverity = Severity.eroare
    public init() {}
    public func check(content ctx: ContentContext) -> [Finding.Message] {
        guard let cui = ctx.body.angajatorCui else { return [] }
        return CUI(cui)?.hasValidControlDigit == true ? [] : [.employerCUIInvalid(cui)]
    }
}

extension Finding.Message {
    static func employerCUIInvalid(_ cui: String) -> Self { Self("CUI angajator invalid: \(cui)") }
}
