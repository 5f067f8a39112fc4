/// C16: (Serie, Numar) is already current for another provider, or for this provider in another
/// month, or earlier in the same document, or an ADAUGARE names one this provider already has.
public struct C16AlreadyReported: CertificateRule {
    public static let code = "C16"
    public static let defaultSeverity = Severity.eroare
    public init() {}

    static func conflicts(_ ctx: CertificateContext) -> [KnownCertificate] {
        let c = ctx.certificate, h = ctx.header
        return ctx.history.sameNumber(c.serie, c.numar).filter { k in
            k.cui != h.cui || k.luna != h.luna || k.sameDocument || c.operatie == .adaugare
        }
    }

    /// A repeat of this provider's own certificate is listed but not stored (the first stays);
    /// a number of another provider's report is stored, with errors, for correction.
    public static func isOwnRepeat(_ ctx: CertificateContext) -> Bool {
        conflicts(ctx).contains { $0.cui == ctx.header.cui }
    }

    public func check(_ ctx: CertificateContext) -> [Finding.Message] {
        C16AlreadyReported.conflicts(ctx).isEmpty ? [] : [.alreadyReported(serie: ctx.certificate.serie, numar: ctx.certificate.numar)]
    }
}

extension Finding.Message {
    static func alreadyReported(serie: String, numar: String) -> Self {
        Self("Certificatul \(serie) \(numar) a mai fost raportat")
    }
}
