/// C18: when the registry holds doctors for the provider, the parafa must be one of them,
/// active on `DataAcordarii`.
public struct C18Doctor: CertificateRule {
    public let code = "C18"
    public let defaultSeverity = Severity.eroare
    public let template = MessageTemplate("Parafa {parafa} nu aparține furnizorului")
    public init() {}
    public func check(_ ctx: CertificateContext) -> [[String: String]] {
        let b = ctx.body
        guard let doctors = ctx.facts.doctors, !doctors.isEmpty,
              !doctors.contains(where: { $0.parafa == b.medicParafa && $0.isActive(on: b.dataAcordarii) }) else { return [] }
        return [["parafa": b.medicParafa]]
    }
}
