/// F13: a TEST document sent to production, or the reverse.
public struct F13Environment: FileRule {
    public static let code = "F13"
    public static let defaultSeverity = Severity.eroare
    public init() {}

    public func checkHeader(_ ctx: FileContext) -> [Finding.Message] {
        ctx.header.mediu == ctx.deployment.mediu ? [] : [.otherEnvironment(ctx.header.mediu)]
    }
}

extension Finding.Message {
    static func otherEnvironment(_ mediu: Environment) -> Self { Self("Raportare de \(mediu.rawValue) transmisă în alt mediu") }
}
