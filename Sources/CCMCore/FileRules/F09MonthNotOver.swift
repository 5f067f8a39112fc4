/// F09: `luna` must be strictly before the month of receipt (Bucharest time).
public struct F09MonthNotOver: FileRule {
    public let code = "F09"
    public let defaultSeverity = Severity.eroare
    public let template = MessageTemplate("Luna raportată {luna} nu este încheiată")
    public init() {}

    public func checkHeader(_ ctx: FileContext) -> [[String: String]] {
        let receiptMonth = Bucharest.localDate(of: ctx.receivedAt).yearMonth
        return ctx.header.luna < receiptMonth ? [] : [["luna": ctx.header.luna.description]]
    }
}
