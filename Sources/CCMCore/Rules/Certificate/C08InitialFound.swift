/// C08: the initial a CONTINUARE names must be a current certificate (any provider) or earlier
/// in the same document, issued on the date the reference gives, and itself an INITIAL.
public struct C08InitialFound: CertificateRule {
    public static let code = "C08"
    public static let defaultSeverity = Severity.eroare
    public init() {}

    public static func initial(of ctx: CertificateContext) -> KnownCertificate? {
        guard ctx.body.tip == .continuare, let ref = ctx.body.certificatInitial else { return nil }
        return ctx.history.sameNumber(ref.serie, ref.numar).first {
            $0.body.tip == .initial && $0.body.dataAcordarii == ref.dataAcordarii
        }
    }

    public func check(_ ctx: CertificateContext) -> [Finding.Message] {
        guard ctx.body.tip == .continuare, let ref = ctx.body.certificatInitial else { return [] }
        return C08InitialFound.initial(of: ctx) == nil ? [.initialNotFound(serie: ref.serie, numar: ref.numar)] : []
    }
}

extension Finding.Message {
    static func initialNotFound(serie: String, numar: String) -> Self {
        Self("Certificatul inițial \(serie) \(numar) nu a fost găsit")
    }
}
