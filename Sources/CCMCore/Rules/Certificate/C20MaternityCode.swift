/// C20: codes 08 (maternity) and 15 (maternal risk) only for an insured whose CNP first digit is even.
public struct C20MaternityCode: ContentRule {
    public let code = "C20"
    public let defaultSeverity = Severity.eroare
    public let template = MessageTemplate("Codul de indemnizație {cod} nu se poate acorda acestui asigurat")
    /// The code (maternity, maternal risk) and the insured's sex stay off the public table.
    public let publicTemplate: MessageTemplate? = MessageTemplate("Codul de indemnizație nu corespunde asiguratului")
    public init() {}
    public func check(content ctx: ContentContext) -> [[String: String]] {
        let b = ctx.body
        guard ["08", "15"].contains(b.codIndemnizatie), let first = b.cnp.first?.wholeNumberValue, first % 2 == 1 else { return [] }
        return [["cod": b.codIndemnizatie]]
    }
}
