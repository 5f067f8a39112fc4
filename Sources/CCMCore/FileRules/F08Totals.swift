/// F08: `Totaluri` differ from the content.
public struct F08Totals: FileRule {
    public static let code = "F08"
    public static let defaultSeverity = Severity.eroare
    public init() {}

    public func checkEnd(_ t: DocumentTally, _ ctx: FileContext) -> [Finding.Message] {
        guard let d = t.declared, d.nrCertificate != t.certificates || d.totalZile != t.days else { return [] }
        return [.totalsDiffer(declared: (d.nrCertificate, d.totalZile), computed: (t.certificates, t.days))]
    }
}

extension Finding.Message {
    static func totalsDiffer(declared: (certificates: Int, days: Int), computed: (certificates: Int, days: Int)) -> Self {
        func totals(_ t: (certificates: Int, days: Int)) -> String {
            RomanianCount.of(t.certificates, "certificat", "certificate") + " / " + RomanianCount.of(t.days, "zi", "zile")
        }
        return Self("Totalurile de control nu corespund: declarat \(totals(declared)), calculat \(totals(computed))")
    }
}
