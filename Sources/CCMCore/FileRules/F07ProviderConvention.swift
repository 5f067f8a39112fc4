/// F07: provider unknown to the registry, no convention covering any day of `luna`, or the
/// document names another CAS than this deployment's.
public struct F07ProviderConvention: FileRule {
    public static let code = "F07"
    public static let defaultSeverity = Severity.eroare
    public init() {}

    public func checkHeader(_ ctx: FileContext) -> [Finding.Message] {
        let h = ctx.header
        let ok = ctx.provider.map { $0.hasConvention(in: h.luna) && $0.casa == ctx.deployment.casa } ?? false
        guard !ok || h.casa != ctx.deployment.casa else { return [] }
        return [.noConvention(cui: h.cui, casa: ctx.deployment.casa, luna: h.luna)]
    }
}

extension Finding.Message {
    static func noConvention(cui: String, casa: String, luna: YearMonth) -> Self {
        Self("Furnizorul \(cui) nu are convenție activă cu CAS \(casa) pentru luna \(luna)")
    }
}
