/// C15: past 90 days in a chain (this certificate included), the certificate needs an expert's
/// opinion (`AvizMedicExpert`); codes 08, 09, 10, 11 and 15 are exempt.
public struct C15ExpertOpinion: CertificateRule {
    public static let code = "C15"
    public static let defaultSeverity = Severity.eroare
    public init() {}
    public static let exemptCodes: Set<String> = ["08", "09", "10", "11", "15"]
    public func check(_ ctx: CertificateContext) -> [Finding.Message] {
        let b = ctx.body
        guard !C15ExpertOpinion.exemptCodes.contains(b.codIndemnizatie), b.avizNumar == nil else { return [] }
        let me = ctx.certificate
        let others = ctx.history.chain(ctx.chainKey).filter { !($0.serie == me.serie && $0.numar == me.numar) }
        let total = others.reduce(b.perioada.zile) { $0 + $1.body.perioada.zile }
        return total > 90 ? [.expertOpinionMissing] : []
    }
}

extension Finding.Message {
    static let expertOpinionMissing = Self("Lipsește avizul medicului expert pentru depășirea a 90 de zile")
}
