/// C05: `DataAcordarii` after the day the file was received.
public struct C05IssuedInFuture: ContentRule {
    public static let code = "C05"
    public static let defaultSeverity = Severity.eroare
    public init() {}
    public func check(content ctx: ContentContext) -> [Finding.Message] {
        ctx.body.dataAcordarii > ctx.receiptDay ? [.issuedInFuture(ctx.body.dataAcordarii)] : []
    }
}

extension Finding.Message {
    static func issuedInFuture(_ issued: LocalDate) -> Self { Self("Data acordării \(issued.romanian) este în viitor") }
}
