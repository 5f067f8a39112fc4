/// C14: the duration limits of the rule set in force on `DataAcordarii` (§4), each a
/// `DurationLimit` of the rules file: this certificate, this INITIAL, the chain, or the
/// insured's / child's days in the year or month of `inceput`, this certificate included.
public struct C14DurationLimits: CertificateRule {
    public static let code = "C14"
    public static let defaultSeverity = Severity.eroare
    /// The provider needs to know which limit it exceeded.
    public static let providerReadsDetail = true
    public init() {}

    public func check(_ ctx: CertificateContext) -> [Finding.Message] {
        guard let set = ctx.ruleSet else { return [] }
        let b = ctx.body
        return set.limits.compactMap { limit -> Finding.Message? in
            guard limit.matches(b) else { return nil }
            let days: Int
            switch limit.scope {
            case .certificat: days = b.perioada.zile
            case .initial:
                guard b.tip == .initial else { return nil }
                days = b.perioada.zile
            case .lant: days = total(ctx.history.chain(ctx.chainKey), ctx, limit) { _ in true }
            case .asiguratAn:
                days = total(ctx.history.insured(b.cnp), ctx, limit) { $0.perioada.inceput.year == b.perioada.inceput.year }
            case .asiguratLuna:
                days = total(ctx.history.insured(b.cnp), ctx, limit) { $0.perioada.inceput.yearMonth == b.perioada.inceput.yearMonth }
            case .copilAn:
                guard let child = b.cnpCopil else { return nil }
                days = total(ctx.history.child(child), ctx, limit) { $0.perioada.inceput.year == b.perioada.inceput.year }
            }
            guard days > limit.max else { return nil }
            return .durationExceeded(limit, days: days, set: set.name)
        }
    }

    /// Days of the known certificates that match the limit and the period filter, plus this one.
    func total(_ known: [KnownCertificate], _ ctx: CertificateContext, _ limit: DurationLimit,
               _ inPeriod: (CertificateBody) -> Bool) -> Int {
        // A known certificate with this number is this one reported again (C16), not another episode.
        let others = known.filter { !($0.serie == ctx.certificate.serie && $0.numar == ctx.certificate.numar) }
        return others.filter { limit.matches($0.body) && inPeriod($0.body) }.reduce(ctx.body.perioada.zile) { $0 + $1.body.perioada.zile }
    }
}

extension Finding.Message {
    /// Which limit it was (pregnancy, maternal risk, a child's illness…) hints at a condition: the
    /// public table names only the rule set.
    static func durationExceeded(_ limit: DurationLimit, days: Int, set: String) -> Self {
        let what = limit.description.isEmpty ? limit.scope.rawValue : limit.description
        return Self("Durata depășește limita: \(what): \(days) zile, maxim \(limit.max) (\(set))",
                    public: "Durata depășește limita permisă (\(set))")
    }
}
