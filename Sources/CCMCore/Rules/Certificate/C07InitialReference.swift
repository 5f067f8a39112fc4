/// C07: a CONTINUARE must name its initial certificate, and an INITIAL must not.
public struct C07InitialReference: ContentRule {
    public static let code = "C07"
    public static let defaultSeverity = Severity.eroare
    public init() {}
    public func check(content ctx: ContentContext) -> [Finding.Message] {
        (ctx.body.tip == .continuare) == (ctx.body.certificatInitial == nil) ? [.initialReference] : []
    }
}

extension Finding.Message {
    static let initialReference = Self("Certificatul în continuare trebuie să indice certificatul inițial (și numai el)")
}
