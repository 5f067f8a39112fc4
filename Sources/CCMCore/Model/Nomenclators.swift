/// The code lists of `01-submission-format.md` §5 and the extra non-working days, as loaded
/// from `Schemas/` (the CAS updates those files without a rebuild).
public struct Nomenclators: Sendable {
    public var indemnityCodes: Set<String>
    public var icd10Categories: Set<String>
    public var emergencies: Set<Int>
    public var groupADiseases: Set<Int>
    public var calendar: NonWorkingDays

    public init(indemnityCodes: Set<String>, icd10Categories: Set<String>, emergencies: Set<Int>,
                groupADiseases: Set<Int>, calendar: NonWorkingDays) {
        self.indemnityCodes = indemnityCodes; self.icd10Categories = icd10Categories
        self.emergencies = emergencies; self.groupADiseases = groupADiseases; self.calendar = calendar
    }

    /// `J06` and `J06.9` are valid when the category `J06` is listed.
    public func isKnownDiagnosis(_ code: String) -> Bool { icd10Categories.contains(String(code.prefix(3))) }
}
