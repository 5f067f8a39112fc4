/// A calendar day with no time zone (`xs:date` without offset), as the format uses.
public struct LocalDate: Hashable, Comparable, Sendable, CustomStringConvertible {
    public let year: Int
    public let month: Int
    public let day: Int

    public init?(year: Int, month: Int, day: Int) {
        guard (1...9999).contains(year), (1...12).contains(month),
              day >= 1, day <= LocalDate.daysIn(year: year, month: month) else { return nil }
        self.year = year; self.month = month; self.day = day
    }

    /// For values that are valid by construction (the 1st or 12th of a month, a computed Easter):
    /// no optional to unwrap, even at the edges of the range (year 10000 after 9999-12).
    init(uncheckedYear year: Int, month: Int, day: Int) {
        self.year = year; self.month = month; self.day = day
    }

    /// Parses `YYYY-MM-DD` exactly (no offset, no white space).
    public init?(_ text: String) {
        guard let date = ASCIIDigits.read(text, pattern: "dddd-dd-dd", { d in
            LocalDate(year: ASCIIDigits.number(d, 0..<4), month: ASCIIDigits.number(d, 4..<6), day: ASCIIDigits.number(d, 6..<8))
        }) else { return nil }
        self = date
    }

    public static func isLeap(_ y: Int) -> Bool { (y % 4 == 0 && y % 100 != 0) || y % 400 == 0 }

    public static func daysIn(year: Int, month: Int) -> Int {
        switch month {
        case 2: return isLeap(year) ? 29 : 28
        case 4, 6, 9, 11: return 30
        default: return 31
        }
    }

    /// Days since 1970-01-01 (proleptic Gregorian), for arithmetic.
    public var dayNumber: Int {
        // Howard Hinnant's days_from_civil.
        let y = month <= 2 ? year - 1 : year
        let era = (y >= 0 ? y : y - 399) / 400
        let yoe = y - era * 400
        let mp = (month + 9) % 12
        let doy = (153 * mp + 2) / 5 + day - 1
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy
        return era * 146097 + doe - 719468
    }

    public init(dayNumber z0: Int) {
        let z = z0 + 719468
        let era = (z >= 0 ? z : z - 146096) / 146097
        let doe = z - era * 146097
        let yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100)
        let mp = (5 * doy + 2) / 153
        let d = doy - (153 * mp + 2) / 5 + 1
        let m = mp < 10 ? mp + 3 : mp - 9
        self.year = yoe + era * 400 + (m <= 2 ? 1 : 0)
        self.month = m
        self.day = d
    }

    public func adding(days: Int) -> LocalDate { LocalDate(dayNumber: dayNumber + days) }

    /// 1 = Monday … 7 = Sunday (ISO).
    public var isoWeekday: Int {
        let w = (dayNumber + 3) % 7 // 1970-01-01 was a Thursday (ISO 4)
        return (w < 0 ? w + 7 : w) + 1
    }

    public var yearMonth: YearMonth { YearMonth(uncheckedYear: year, month: month) }

    public var description: String {
        guard (0...9999).contains(year) else { return String(format4: year) + "-" + String(format2: month) + "-" + String(format2: day) }
        // Ten bytes written in place: dates are written for every stored certificate.
        func digit(_ v: Int) -> UInt8 { UInt8(ascii: "0") + UInt8(v) }
        let dash = UInt8(ascii: "-")
        return String(decoding: [digit(year / 1000), digit(year / 100 % 10), digit(year / 10 % 10), digit(year % 10), dash,
                                 digit(month / 10), digit(month % 10), dash, digit(day / 10), digit(day % 10)], as: UTF8.self)
    }

    public static func < (a: LocalDate, b: LocalDate) -> Bool { a.dayNumber < b.dayNumber }

    /// `dd.MM.yyyy`, the form Romanian readers expect in messages.
    public var romanian: String { String(format2: day) + "." + String(format2: month) + "." + String(format4: year) }
}

extension Character {
    /// `[0-9]` only: not other scripts' digits, not a digit with combining marks.
    var isASCIIDigit: Bool { asciiValue.map { (0x30...0x39).contains($0) } ?? false }
}

extension String {
    init(format2 v: Int) { self = v < 10 ? "0\(v)" : "\(v)" }
    init(format4 v: Int) {
        var digits = "\(v)"
        while digits.count < 4 { digits = "0" + digits }
        self = digits
    }
}
