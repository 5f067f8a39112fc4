/// The personal numeric code (CNP): S AA LL ZZ JJ NNN C.
public enum CNP {
    public enum Problem: Equatable, Sendable {
        case notThirteenDigits, firstDigitZero, impossibleBirthDate, badCounty, serialZero, badControlDigit
    }

    static let weights = [2, 7, 9, 1, 4, 6, 3, 5, 8, 2, 7, 9]
    static let counties: Set<Int> = Set(1...46).union([51, 52, 70])
    /// `counties` by code, for the two digits a CNP has (a look-up per CNP instead of a hash).
    static let isCountyCode: [Bool] = (0..<100).map { counties.contains($0) }

    /// The first problem found, or nil for a valid CNP.
    public static func problem(_ cnp: String) -> Problem? {
        guard let d = ASCIIDigits.read(cnp, pattern: "ddddddddddddd") else { return .notThirteenDigits }
        if d[0] == 0 { return .firstDigitZero }
        if birthDate(digits: d) == nil && (1...6).contains(d[0]) { return .impossibleBirthDate }
        if !isCountyCode[d[7] * 10 + d[8]] { return .badCounty }
        if d[9] == 0 && d[10] == 0 && d[11] == 0 { return .serialZero }
        if controlDigit(d) != d[12] { return .badControlDigit }
        return nil
    }

    public static func isValid(_ cnp: String) -> Bool { problem(cnp) == nil }

    /// Weights 279146358279, sum mod 11, 10 → 1.
    public static func controlDigit(_ d: [Int]) -> Int {
        var sum = 0
        for i in 0..<min(12, d.count) { sum += d[i] * weights[i] }
        let r = sum % 11
        return r == 10 ? 1 : r
    }

    /// Birth date for sex/century digits 1–6 (7–9: residents, century not encoded).
    public static func birthDate(_ cnp: String) -> LocalDate? {
        guard let d = ASCIIDigits.read(cnp, pattern: "ddddddddddddd") else { return nil }
        return birthDate(digits: d)
    }

    static func birthDate(digits d: [Int]) -> LocalDate? {
        let century: Int
        switch d[0] {
        case 1, 2: century = 1900
        case 3, 4: century = 1800
        case 5, 6: century = 2000
        default: return nil
        }
        return LocalDate(year: century + d[1] * 10 + d[2], month: d[3] * 10 + d[4], day: d[5] * 10 + d[6])
    }

    /// `1***********1`: the only form of a CNP that messages may show.
    public static func masked(_ cnp: String) -> String {
        guard let first = cnp.first, let last = cnp.last, cnp.count >= 2 else { return "*" }
        return String(first) + String(repeating: "*", count: cnp.count - 2) + String(last)
    }
}
