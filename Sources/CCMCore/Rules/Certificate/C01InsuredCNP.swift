/// C01: the insured's CNP is invalid (structure or control digit).
public struct C01InsuredCNP: ContentRule {
    public static let code = "C01"
    public static let defaultSeverity = Severity.eroare
    /// The provider needs the masked CNP to find the certificate.
    public static let providerReadsDetail = true
    public init() {}
    public func check(content ctx: ContentContext) -> [Finding.Message] {
        CNP.problem(ctx.body.cnp) == nil ? [] : [.insuredCNPInvalid(ctx.body.cnp)]
    }
}

extension Finding.Message {
    /// Only the masked CNP, and not even that in public: its first digit tells sex and century.
    static func insuredCNPInvalid(_ cnp: String) -> Self {
        Self("CNP asigurat invalid: \(CNP.masked(cnp))", public: "CNP asigurat invalid")
    }
}
