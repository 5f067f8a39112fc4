/// C20: codes 08 (maternity) and 15 (maternal risk) only for an insured whose CNP first digit is even.
public struct C20MaternityCode: ContentRule {
    public static let code = "C20"
    public static let defaultSeverity = Severity.eroare
    /// The provider needs to know which code is wrong.
    public static let providerReadsDetail = true
    public init() {}
    public func check(content ctx: ContentContext) -> [Finding.Message] {
        let b = ctx.body
        guard ["08", "15"].contains(b.codIndemnizatie), let first = b.cnp.first?.wholeNumberValue, first % 2 == 1 else { return [] }
        return [.codeNotForInsured(b.codIndemnizatie)]
    }
}

extension Finding.Message {
    /// The code (maternity, maternal risk) and the insured's sex stay off the public table.
    static func codeNotForInsured(_ code: String) -> Self {
        Self("Codul de indemnizație \(code) nu se poate acorda acestui asigurat",
             public: "Codul de indemnizație nu corespunde asiguratului")
    }
}
