/// C03: `DataAcordarii` is not in the reported month.
public struct C03MonthOfIssue: ContentRule {
    public let code = "C03"
    public let defaultSeverity = Severity.eroare
    public let template = MessageTemplate("Data acordării {data} nu aparține lunii raportate {luna}")
    public init() {}
    public func check(content ctx: ContentContext) -> [[String: String]] {
        ctx.header.luna.contains(ctx.body.dataAcordarii) ? []
            : [["data": ctx.body.dataAcordarii.romanian, "luna": ctx.header.luna.description]]
    }
}
