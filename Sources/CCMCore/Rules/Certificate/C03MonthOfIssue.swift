/// C03: `DataAcordarii` is not in the reported month.
public struct C03MonthOfIssue: ContentRule {
    public static let code = "C03"
    public static let defaultSeverity = Severity.eroare
    public init() {}
    public func check(content ctx: ContentContext) -> [Finding.Message] {
        ctx.header.luna.contains(ctx.body.dataAcordarii) ? []
            : [.issuedOutsideMonth(ctx.body.dataAcordarii, luna: ctx.header.luna)]
    }
}

extension Finding.Message {
    static func issuedOutsideMonth(_ issued: LocalDate, luna: YearMonth) -> Self {
        Self("Data acordării \(issued.romanian) nu aparține lunii raportate \(luna)")
    }
}
