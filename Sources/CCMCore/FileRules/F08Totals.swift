/// F08: `Totaluri` differ from the content.
public struct F08Totals: FileRule {
    public let code = "F08"
    public let defaultSeverity = Severity.eroare
    public let template = MessageTemplate("Totalurile de control nu corespund: declarat {declarat}, calculat {calculat}")
    public init() {}

    public func checkEnd(_ t: DocumentTally, _ ctx: FileContext) -> [[String: String]] {
        guard let d = t.declared, d.nrCertificate != t.certificates || d.totalZile != t.days else { return [] }
        return [["declarat": "\(d.nrCertificate) certificate / \(d.totalZile) zile",
                 "calculat": "\(t.certificates) certificate / \(t.days) zile"]]
    }
}
