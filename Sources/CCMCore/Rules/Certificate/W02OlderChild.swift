/// W02 (warning): code 09 for a child aged 7 to 17 on `inceput` (allowed for a child with a disability).
public struct W02OlderChild: ContentRule {
    public static let code = "W02"
    public static let defaultSeverity = Severity.avertisment
    public init() {}
    public func check(content ctx: ContentContext) -> [Finding.Message] {
        let b = ctx.body
        guard b.codIndemnizatie == "09", let child = b.cnpCopil, let born = CNP.birthDate(child) else { return [] }
        return (7...17).contains(born.age(on: b.perioada.inceput)) ? [.olderChild] : []
    }
}

extension Finding.Message {
    /// The public table carries no hint of a health condition.
    static let olderChild = Self("Copil peste 7 ani: verificați încadrarea (copil cu handicap)",
                                 public: "Cod de indemnizație 09: verificați încadrarea")
}
