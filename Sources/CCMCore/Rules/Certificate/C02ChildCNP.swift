/// C02: `CnpCopil` missing for code 09, present for another code, invalid, or the child is 18
/// or older on `Perioada/@inceput`.
public struct C02ChildCNP: ContentRule {
    public let code = "C02"
    public let defaultSeverity = Severity.eroare
    public let template = MessageTemplate("CNP copil lipsă sau invalid")
    public init() {}
    public func check(content ctx: ContentContext) -> [[String: String]] {
        let b = ctx.body
        guard b.codIndemnizatie == "09" else { return b.cnpCopil == nil ? [] : [[:]] }
        guard let child = b.cnpCopil, CNP.problem(child) == nil else { return [[:]] }
        if let born = CNP.birthDate(child), born.age(on: b.perioada.inceput) >= 18 { return [[:]] }
        return []
    }
}
