/// A house of health insurance as it names itself to providers: "Casa de Asigurări de Sănătate
/// Timiș" in full, "CAS Timiș" in a sender's name or a page title.
public struct HealthInsuranceHouse: Sendable, Equatable {
    public var code: String
    public var fullName: String
    public var shortName: String

    public init(code: String, fullName: String, shortName: String) {
        self.code = code; self.fullName = fullName; self.shortName = shortName
    }
}
