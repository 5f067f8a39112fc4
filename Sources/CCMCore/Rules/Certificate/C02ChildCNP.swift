/// C02: `CnpCopil` missing for code 09, present for another code, invalid, or the child is 18
/// or older on `Perioada/@inceput`.
public struct C02ChildCNP: ContentRule {
    public static let code = "C02"
    public static let defaultSeverity = Severity.eroare
    public init() {}
    public func check(content ctx: ContentContext) -> [Finding.Message] {
        let b = ctx.body
        guard b.codIndemnizatie == "09" else { return b.cnpCopil == nil ? [] : [.childCNPInvalid] }
        guard let child = b.cnpCopil, CNP.problem(child) == nil else { return [.childCNPInvalid] }
        if let born = CNP.birthDate(child), born.age(on: b.perioada.inceput) >= 18 { return [.childCNPInvalid] }
        return []
    }
}

extension Finding.Message {
    static let childCNPInvalid = Self("CNP copil lipsă sau invalid")
}
