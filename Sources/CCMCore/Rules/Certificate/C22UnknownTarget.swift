/// C22: a MODIFICARE or STERGERE must target a current certificate of this provider in this month.
/// It judges the operation, not the content, so it also runs on a STERGERE (which has none).
public struct C22UnknownTarget: TargetRule {
    public static let code = "C22"
    public static let defaultSeverity = Severity.eroare
    public init() {}
    public func check(_ c: ReportedCertificate, header h: ReportScope, history: CertificateHistory) -> [Finding.Message] {
        guard c.operatie == .modificare || c.operatie == .stergere else { return [] }
        let found = history.sameNumber(c.serie, c.numar).contains { $0.cui == h.cui && $0.luna == h.luna && !$0.sameDocument }
        return found ? [] : [.unknownTarget(serie: c.serie, numar: c.numar, luna: h.luna)]
    }
}

extension Finding.Message {
    static func unknownTarget(serie: String, numar: String, luna: YearMonth) -> Self {
        Self("Certificatul \(serie) \(numar) nu există în raportările lunii \(luna)")
    }
}
