/// F11: a RECTIFICATIVA for a (CUI, luna) without a registered INITIALA.
public struct F11NoInitial: FileRule {
    public let code = "F11"
    public let defaultSeverity = Severity.eroare
    public let template = MessageTemplate("Nu există o raportare inițială pentru luna {luna}")
    public init() {}

    public func checkHeader(_ ctx: FileContext) -> [[String: String]] {
        ctx.header.tip == .rectificativa && !ctx.hasRegisteredInitial ? [["luna": ctx.header.luna.description]] : []
    }
}
