/// C10: a continuation is for the same insured (CNP) and disease (3-character ICD-10 category) as its initial.
public struct C10SameInsuredAndDisease: CertificateRule {
    public let code = "C10"
    public let defaultSeverity = Severity.eroare
    public let template = MessageTemplate("Certificatul în continuare nu corespunde asiguratului sau diagnosticului inițial")
    public init() {}
    public func check(_ ctx: CertificateContext) -> [[String: String]] {
        guard let initial = C08InitialFound.initial(of: ctx) else { return [] }
        let same = initial.body.cnp == ctx.body.cnp
            && initial.body.codDiagnostic.prefix(3) == ctx.body.codDiagnostic.prefix(3)
        return same ? [] : [[:]]
    }
}
