/// F07: provider unknown to the registry, no convention covering any day of `luna`, or the
/// document names another CAS than this deployment's.
public struct F07ProviderConvention: FileRule {
    public let code = "F07"
    public let defaultSeverity = Severity.eroare
    public let template = MessageTemplate("Furnizorul {cui} nu are convenție activă cu CAS {casa} pentru luna {luna}")
    public init() {}

    public func checkHeader(_ ctx: FileContext) -> [[String: String]] {
        let h = ctx.header
        let ok = ctx.provider.map { $0.hasConvention(in: h.luna) && $0.casa == ctx.deployment.casa } ?? false
        guard !ok || h.casa != ctx.deployment.casa else { return [] }
        return [["cui": h.cui, "casa": ctx.deployment.casa, "luna": h.luna.description]]
    }
}
