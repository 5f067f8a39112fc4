/// C10: a continuation is for the same insured (CNP) and disease (3-character ICD-10 category) as its initial.
public struct C10SameInsuredAndDisease: CertificateRule {
    public static let code = "C10"
    public static let defaultSeverity = Severity.eroare
    public init() {}
    public func check(_ ctx: CertificateContext) -> [Finding.Message] {
        guard let initial = C08InitialFound.initial(of: ctx) else { return [] }
        let same = initial.body.cnp == ctx.body.cnp
            && initial.body.codDiagnostic.prefix(3) == ctx.body.codDiagnostic.prefix(3)
        return same ? [] : [.otherInsuredOrDisease]
    }
}

extension Finding.Message {
    static let otherInsuredOrDisease = Self("Certificatul în continuare nu corespunde asiguratului sau diagnosticului inițial")
}
