/// F13: a TEST document sent to production, or the reverse.
public struct F13Environment: FileRule {
    public let code = "F13"
    public let defaultSeverity = Severity.eroare
    public let template = MessageTemplate("Raportare de {mediu} transmisă în alt mediu")
    public init() {}

    public func checkHeader(_ ctx: FileContext) -> [[String: String]] {
        ctx.header.mediu == ctx.deployment.mediu ? [] : [["mediu": ctx.header.mediu.rawValue]]
    }
}
