/// C17: when the registry holds pads for the provider, the number must lie in one of them.
public struct C17Pads: CertificateRule {
    public let code = "C17"
    public let defaultSeverity = Severity.eroare
    public let template = MessageTemplate("Certificatul {serie} {numar} nu face parte din carnetele distribuite furnizorului")
    public init() {}
    public func check(_ ctx: CertificateContext) -> [[String: String]] {
        let c = ctx.certificate
        guard let pads = ctx.facts.pads, !pads.isEmpty, !pads.contains(where: { $0.contains(serie: c.serie, numar: c.numar) }) else { return [] }
        return [["serie": c.serie, "numar": c.numar]]
    }
}
