/// F11: a RECTIFICATIVA for a (CUI, luna) without a registered INITIALA.
public struct F11NoInitial: FileRule {
    public static let code = "F11"
    public static let defaultSeverity = Severity.eroare
    public init() {}

    public func checkHeader(_ ctx: FileContext) -> [Finding.Message] {
        ctx.header.tip == .rectificativa && !ctx.hasRegisteredInitial ? [.noInitial(ctx.header.luna)] : []
    }
}

extension Finding.Message {
    static func noInitial(_ luna: YearMonth) -> Self { Self("Nu există o raportare inițială pentru luna \(luna)") }
}
