/// C12: `CodUrgenta` required for 06 and `CodBoalaInfecto` for 05, forbidden otherwise, and in their nomenclators.
public struct C12EmergencyOrInfectious: ContentRule {
    public static let code = "C12"
    public static let defaultSeverity = Severity.eroare
    /// The provider needs to know which code is wrong.
    public static let providerReadsDetail = true
    public init() {}
    public func check(content ctx: ContentContext) -> [Finding.Message] {
        let b = ctx.body, n = ctx.nomenclators
        let urgentaOK = b.codIndemnizatie == "06" ? b.codUrgenta.map(n.emergencies.contains) ?? false : b.codUrgenta == nil
        let infectoOK = b.codIndemnizatie == "05" ? b.codBoalaInfecto.map(n.groupADiseases.contains) ?? false : b.codBoalaInfecto == nil
        return urgentaOK && infectoOK ? [] : [.emergencyOrInfectiousCode]
    }
}

extension Finding.Message {
    /// The public table does not say that a certificate is for an emergency or an infectious disease.
    static let emergencyOrInfectiousCode = Self("Cod de urgență / boală infectocontagioasă lipsă sau invalid",
                                                public: "Un cod cerut (sau interzis) de codul de indemnizație este greșit")
}
