/// C13: place 4 (the CAS itself) cannot appear in a provider's report.
public struct C13PlaceOfIssue: ContentRule {
    public static let code = "C13"
    public static let defaultSeverity = Severity.eroare
    public init() {}
    public func check(content ctx: ContentContext) -> [Finding.Message] { ctx.body.locPrescriere == 4 ? [.placeNotAllowed] : [] }
}

extension Finding.Message {
    static let placeNotAllowed = Self("Loc de prescriere nepermis pentru furnizor")
}
