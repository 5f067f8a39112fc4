/// A reported month (`luna`, `xs:gYearMonth` as `YYYY-MM`).
public struct YearMonth: Hashable, Comparable, Sendable, CustomStringConvertible {
    public let year: Int
    public let month: Int

    init(uncheckedYear year: Int, month: Int) { self.year = year; self.month = month }

    public init?(year: Int, month: Int) {
        guard (1...9999).contains(year), (1...12).contains(month) else { return nil }
        self.year = year; self.month = month
    }

    /// Parses `YYYY-MM` exactly.
    public init?(_ text: String) {
        guard let d = ASCIIDigits.read(text, pattern: "dddd-dd") else { return nil }
        self.init(year: ASCIIDigits.number(d, 0..<4), month: ASCIIDigits.number(d, 4..<6))
    }

    public var firstDay: LocalDate { LocalDate(uncheckedYear: year, month: month, day: 1) }
    public var lastDay: LocalDate { firstDay.adding(days: LocalDate.daysIn(year: year, month: month) - 1) }
    public var next: YearMonth { month == 12 ? YearMonth(uncheckedYear: year + 1, month: 1) : YearMonth(uncheckedYear: year, month: month + 1) }
    public var previous: YearMonth { month == 1 ? YearMonth(uncheckedYear: year - 1, month: 12) : YearMonth(uncheckedYear: year, month: month - 1) }

    public func contains(_ d: LocalDate) -> Bool { d.year == year && d.month == month }

    public var description: String { String(format4: year) + "-" + String(format2: month) }

    public static func < (a: YearMonth, b: YearMonth) -> Bool { (a.year, a.month) < (b.year, b.month) }
}
