/// C19: another current certificate of the same insured overlaps this period, with the same
/// employer (or both without), outside this chain, and not two code-09 certificates for different children.
public struct C19Overlap: CertificateRule {
    public static let code = "C19"
    public static let defaultSeverity = Severity.eroare
    public init() {}
    public func check(_ ctx: CertificateContext) -> [Finding.Message] {
        let b = ctx.body, me = ctx.certificate
        return ctx.history.insured(b.cnp).filter { k in
            let o = k.body
            return !(k.serie == me.serie && k.numar == me.numar)
                && k.chainKey != ctx.chainKey
                && o.angajatorCui == b.angajatorCui
                && o.perioada.inceput <= b.perioada.sfarsit && b.perioada.inceput <= o.perioada.sfarsit
                && !(o.codIndemnizatie == "09" && b.codIndemnizatie == "09" && o.cnpCopil != b.cnpCopil)
        }.map { .overlaps(serie: $0.serie, numar: $0.numar) }
    }
}

extension Finding.Message {
    static func overlaps(serie: String, numar: String) -> Self { Self("Perioada se suprapune cu certificatul \(serie) \(numar)") }
}
