/// C06: an INITIAL may start at most one day before it was issued; with code 07, 08 or 14,
/// place 2 (hospital) or an expert's opinion, any day of the month of issue or the month before.
public struct C06Retroactive: ContentRule {
    public static let code = "C06"
    public static let defaultSeverity = Severity.eroare
    public init() {}
    public func check(content ctx: ContentContext) -> [Finding.Message] {
        let b = ctx.body
        guard b.tip == .initial else { return [] }
        let exempt = ["07", "08", "14"].contains(b.codIndemnizatie) || b.locPrescriere == 2 || b.avizNumar != nil
        let earliest = exempt ? b.dataAcordarii.yearMonth.previous.firstDay : b.dataAcordarii.adding(days: -1)
        return b.perioada.inceput < earliest ? [.retroactive] : []
    }
}

extension Finding.Message {
    static let retroactive = Self("Certificatul inițial este acordat retroactiv peste limita permisă")
}
