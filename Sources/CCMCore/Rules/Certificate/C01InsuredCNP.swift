/// C01: the insured's CNP is invalid (structure or control digit).
public struct C01InsuredCNP: ContentRule {
    public let code = "C01"
    public let defaultSeverity = Severity.eroare
    public let template = MessageTemplate("CNP asigurat invalid: {cnp_mascat}")
    /// Not even masked in public: the first digit tells sex and century.
    public let publicTemplate: MessageTemplate? = MessageTemplate("CNP asigurat invalid")
    public init() {}
    public func check(content ctx: ContentContext) -> [[String: String]] {
        CNP.problem(ctx.body.cnp) == nil ? [] : [["cnp_mascat": CNP.masked(ctx.body.cnp)]]
    }
}
