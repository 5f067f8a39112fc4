/// C05: `DataAcordarii` after the day the file was received.
public struct C05IssuedInFuture: ContentRule {
    public let code = "C05"
    public let defaultSeverity = Severity.eroare
    public let template = MessageTemplate("Data acordării {data} este în viitor")
    public init() {}
    public func check(content ctx: ContentContext) -> [[String: String]] {
        ctx.body.dataAcordarii > ctx.receiptDay ? [["data": ctx.body.dataAcordarii.romanian]] : []
    }
}
