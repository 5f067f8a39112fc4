/// F12: `operatie` is required on every certificate of a RECTIFICATIVA and forbidden in an INITIALA.
public struct F12Operation: FileRule {
    public static let code = "F12"
    public static let defaultSeverity = Severity.eroare
    public init() {}

    public func checkCertificate(_ c: ReportedCertificate, _ ctx: FileContext) -> [Finding.Message] {
        let wrong = (ctx.header.tip == .rectificativa) == (c.operatie == nil)
        return wrong ? [.operationMisplaced(serie: c.serie, numar: c.numar)] : []
    }
}

extension Finding.Message {
    static func operationMisplaced(serie: String, numar: String) -> Self {
        Self("Atributul operatie lipsește sau nu este permis (certificatul \(serie) \(numar))")
    }
}
