/// C09: a continuation starts the day after the latest end E among the chain's other members
/// that start before it, and is issued by E, or on the first working day after a non-working E.
public struct C09Continuity: CertificateRule {
    public static let code = "C09"
    public static let defaultSeverity = Severity.eroare
    public init() {}
    public func check(_ ctx: CertificateContext) -> [Finding.Message] {
        let b = ctx.body
        guard b.tip == .continuare, C08InitialFound.initial(of: ctx) != nil else { return [] }
        let me = ctx.certificate
        let earlier = ctx.history.chain(ctx.chainKey).filter {
            !($0.serie == me.serie && $0.numar == me.numar) && $0.body.perioada.inceput < b.perioada.inceput
        }
        guard let end = earlier.map(\.body.perioada.sfarsit).max() else { return [] }
        let calendar = ctx.nomenclators.calendar
        let issuedInTime = b.dataAcordarii <= end
            || (calendar.isNonWorking(end) && b.dataAcordarii == calendar.firstWorkingDay(after: end))
        return b.perioada.inceput == end.adding(days: 1) && issuedInTime ? [] : [.notContinuous(endedOn: end)]
    }
}

extension Finding.Message {
    static func notContinuous(endedOn end: LocalDate) -> Self {
        Self("Certificatul în continuare nu continuă perioada anterioară (încheiată la \(end.romanian))")
    }
}
