/// C18: when the registry holds doctors for the provider, the parafa must be one of them,
/// active on `DataAcordarii`.
public struct C18Doctor: CertificateRule {
    public static let code = "C18"
    public static let defaultSeverity = Severity.eroare
    public init() {}
    public func check(_ ctx: CertificateContext) -> [Finding.Message] {
        let b = ctx.body
        guard let doctors = ctx.facts.doctors, !doctors.isEmpty,
              !doctors.contains(where: { $0.parafa == b.medicParafa && $0.isActive(on: b.dataAcordarii) }) else { return [] }
        return [.otherDoctor(parafa: b.medicParafa)]
    }
}

extension Finding.Message {
    static func otherDoctor(parafa: String) -> Self { Self("Parafa \(parafa) nu aparține furnizorului") }
}
