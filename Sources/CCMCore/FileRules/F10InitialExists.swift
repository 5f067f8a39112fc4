/// F10: a second INITIALA for a (CUI, luna) that already has a registered one.
public struct F10InitialExists: FileRule {
    public let code = "F10"
    public let defaultSeverity = Severity.eroare
    public let template = MessageTemplate("Există deja o raportare inițială pentru luna {luna}; transmiteți o rectificativă")
    public init() {}

    public func checkHeader(_ ctx: FileContext) -> [[String: String]] {
        ctx.header.tip == .initiala && ctx.hasRegisteredInitial ? [["luna": ctx.header.luna.description]] : []
    }
}
