/// C08: the initial a CONTINUARE names must be a current certificate (any provider) or earlier
/// in the same document, issued on the date the reference gives, and itself an INITIAL.
public struct C08InitialFound: CertificateRule {
    public let code = "C08"
    public let defaultSeverity = Severity.eroare
    public let template = MessageTemplate("Certificatul inițial {serie} {numar} nu a fost găsit")
    public init() {}

    public static func initial(of ctx: CertificateContext) -> KnownCertificate? {
        guard ctx.body.tip == .continuare, let ref = ctx.body.certificatInitial else { return nil }
        return ctx.history.sameNumber(ref.serie, ref.numar).first {
            $0.body.tip == .initial && $0.body.dataAcordarii == ref.dataAcordarii
        }
    }

    public func check(_ ctx: CertificateContext) -> [[String: String]] {
        guard ctx.body.tip == .continuare, let ref = ctx.body.certificatInitial else { return [] }
        return C08InitialFound.initial(of: ctx) == nil ? [["serie": ref.serie, "numar": ref.numar]] : []
    }
}
