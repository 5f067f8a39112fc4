/// F09: `luna` must be strictly before the month of receipt (Bucharest time).
public struct F09MonthNotOver: FileRule {
    public static let code = "F09"
    public static let defaultSeverity = Severity.eroare
    public init() {}

    public func checkHeader(_ ctx: FileContext) -> [Finding.Message] {
        let receiptMonth = Bucharest.localDate(of: ctx.receivedAt).yearMonth
        return ctx.header.luna < receiptMonth ? [] : [.monthNotOver(ctx.header.luna)]
    }
}

extension Finding.Message {
    static func monthNotOver(_ luna: YearMonth) -> Self { Self("Luna raportată \(luna) nu este încheiată") }
}
