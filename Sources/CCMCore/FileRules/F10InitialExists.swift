/// F10: a second INITIALA for a (CUI, luna) that already has a registered one.
public struct F10InitialExists: FileRule {
    public static let code = "F10"
    public static let defaultSeverity = Severity.eroare
    public init() {}

    public func checkHeader(_ ctx: FileContext) -> [Finding.Message] {
        ctx.header.tip == .initiala && ctx.hasRegisteredInitial ? [.initialExists(ctx.header.luna)] : []
    }
}

extension Finding.Message {
    static func initialExists(_ luna: YearMonth) -> Self {
        Self("Există deja o raportare inițială pentru luna \(luna); transmiteți o rectificativă")
    }
}
