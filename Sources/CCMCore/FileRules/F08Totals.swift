/// F08: `Totaluri` differ from the content.
public struct F08Totals: FileRule {
    public let code = "F08"
    public let defaultSeverity = Severity.eroare
    public let template = MessageTemplate("Totalurile de control nu corespund: declarat {declarat}, calculat {calculat}")
    public init() {}

    public func checkEnd(_ t: DocumentTally, _ ctx: FileContext) -> [[String: String]] {
        guard let d = t.declared, d.nrCertificate != t.certificates || d.totalZile != t.days else { return [] }
        func totals(_ n: Int, _ days: Int) -> String {
            RomanianCount.of(n, "certificat", "certificate") + " / " + RomanianCount.of(days, "zi", "zile")
        }
        return [["declarat": totals(d.nrCertificate, d.totalZile), "calculat": totals(t.certificates, t.days)]]
    }
}
