/// C17: when the registry holds pads for the provider, the number must lie in one of them.
public struct C17Pads: CertificateRule {
    public static let code = "C17"
    public static let defaultSeverity = Severity.eroare
    public init() {}
    public func check(_ ctx: CertificateContext) -> [Finding.Message] {
        let c = ctx.certificate
        guard let pads = ctx.facts.pads, !pads.isEmpty, !pads.contains(where: { $0.contains(serie: c.serie, numar: c.numar) }) else { return [] }
        return [.outsidePads(serie: c.serie, numar: c.numar)]
    }
}

extension Finding.Message {
    static func outsidePads(serie: String, numar: String) -> Self {
        Self("Certificatul \(serie) \(numar) nu face parte din carnetele distribuite furnizorului")
    }
}
