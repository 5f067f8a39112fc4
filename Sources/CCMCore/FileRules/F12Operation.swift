/// F12: `operatie` is required on every certificate of a RECTIFICATIVA and forbidden in an INITIALA.
public struct F12Operation: FileRule {
    public let code = "F12"
    public let defaultSeverity = Severity.eroare
    public let template = MessageTemplate("Atributul operatie lipsește sau nu este permis (certificatul {serie} {numar})")
    public init() {}

    public func checkCertificate(_ c: ReportedCertificate, _ ctx: FileContext) -> [[String: String]] {
        let wrong = (ctx.header.tip == .rectificativa) == (c.operatie == nil)
        return wrong ? [["serie": c.serie, "numar": c.numar]] : []
    }
}
