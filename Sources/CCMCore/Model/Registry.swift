public enum ProviderType: String, Sendable, CaseIterable { case mf = "MF", amb = "AMB", spital = "SPITAL", altul = "ALTUL" }

/// A provider as the registry knows it (`03-registry-and-enrolment.md` §1, furnizori.csv).
public struct Provider: Sendable, Equatable {
    public var cui: String
    public var denumire: String
    public var casa: String
    public var nrConventie: String
    public var conventieDeLa: LocalDate
    public var conventiePanaLa: LocalDate?
    public var email: String?
    public var tip: ProviderType

    public init(cui: String, denumire: String, casa: String, nrConventie: String, conventieDeLa: LocalDate,
                conventiePanaLa: LocalDate?, email: String?, tip: ProviderType) {
        self.cui = cui; self.denumire = denumire; self.casa = casa; self.nrConventie = nrConventie
        self.conventieDeLa = conventieDeLa; self.conventiePanaLa = conventiePanaLa; self.email = email; self.tip = tip
    }

    /// True when the convention covers at least one day of the month.
    public func hasConvention(in luna: YearMonth) -> Bool {
        conventieDeLa <= luna.lastDay && (conventiePanaLa.map { $0 >= luna.firstDay } ?? true)
    }
}

/// The 42 county CAS codes (`01-submission-format.md` §3).
public enum CasaCode {
    public static let all: Set<String> = ["AB", "AR", "AG", "BC", "BH", "BN", "BT", "BV", "BR", "B", "BZ", "CS", "CL",
                                          "CJ", "CT", "CV", "DB", "DJ", "GL", "GR", "GJ", "HR", "HD", "IL", "IS", "IF",
                                          "MM", "MH", "MS", "NT", "OT", "PH", "SM", "SJ", "SB", "SV", "TR", "TM", "TL",
                                          "VS", "VL", "VN"]
}

/// Who runs this processor: the deployment's CAS and environment.
public struct Deployment: Sendable, Equatable {
    public var casa: String
    public var mediu: Environment
    public init(casa: String, mediu: Environment) { self.casa = casa; self.mediu = mediu }
}
