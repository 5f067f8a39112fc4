/// C12: `CodUrgenta` required for 06 and `CodBoalaInfecto` for 05, forbidden otherwise, and in their nomenclators.
public struct C12EmergencyOrInfectious: ContentRule {
    public let code = "C12"
    public let defaultSeverity = Severity.eroare
    public let template = MessageTemplate("Cod de urgență / boală infectocontagioasă lipsă sau invalid")
    /// The public table does not say that a certificate is for an emergency or an infectious disease.
    public let publicTemplate: MessageTemplate? = MessageTemplate("Un cod cerut (sau interzis) de codul de indemnizație este greșit")
    public init() {}
    public func check(content ctx: ContentContext) -> [[String: String]] {
        let b = ctx.body, n = ctx.nomenclators
        let urgentaOK = b.codIndemnizatie == "06" ? b.codUrgenta.map(n.emergencies.contains) ?? false : b.codUrgenta == nil
        let infectoOK = b.codIndemnizatie == "05" ? b.codBoalaInfecto.map(n.groupADiseases.contains) ?? false : b.codBoalaInfecto == nil
        return urgentaOK && infectoOK ? [] : [[:]]
    }
}
