/// C07: a CONTINUARE must name its initial certificate, and an INITIAL must not.
public struct C07InitialReference: ContentRule {
    public let code = "C07"
    public let defaultSeverity = Severity.eroare
    public let template = MessageTemplate("Certificatul în continuare trebuie să indice certificatul inițial (și numai el)")
    public init() {}
    public func check(content ctx: ContentContext) -> [[String: String]] {
        (ctx.body.tip == .continuare) == (ctx.body.certificatInitial == nil) ? [[:]] : []
    }
}
