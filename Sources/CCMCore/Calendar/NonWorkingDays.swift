/// Romanian non-working days (`01-submission-format.md` §5.5): weekends, the legal holidays
/// computed for each year (Orthodox Easter by the Julian computus), and extra days the
/// government declares, loaded from data.
public struct NonWorkingDays: Sendable {
    public let extraDays: Set<LocalDate>

    public init(extraDays: Set<LocalDate> = []) { self.extraDays = extraDays }

    public func isNonWorking(_ d: LocalDate) -> Bool {
        d.isoWeekday >= 6 || NonWorkingDays.legalHolidays(d.year).contains(d) || extraDays.contains(d)
    }

    /// The first working day strictly after `d`.
    public func firstWorkingDay(after d: LocalDate) -> LocalDate {
        var x = d.adding(days: 1)
        while isNonWorking(x) { x = x.adding(days: 1) }
        return x
    }

    /// Orthodox Easter Sunday (Gregorian date): Meeus' Julian algorithm plus the calendar shift.
    public static func orthodoxEaster(_ year: Int) -> LocalDate {
        let a = year % 4, b = year % 7, c = year % 19
        let d = (19 * c + 15) % 30
        let e = (2 * a + 4 * b - d + 34) % 7
        let month = (d + e + 114) / 31
        let day = (d + e + 114) % 31 + 1
        // Julian → Gregorian: 13 days for 1900–2099; the general rule for other centuries.
        let shift = year / 100 - year / 400 - 2
        let julian = LocalDate(uncheckedYear: year, month: month, day: day)
        return julian.adding(days: shift)
    }

    public static func legalHolidays(_ year: Int) -> Set<LocalDate> {
        let fixed: [(Int, Int)] = [(1, 1), (1, 2), (1, 6), (1, 7), (1, 24), (5, 1), (6, 1),
                                   (8, 15), (11, 30), (12, 1), (12, 25), (12, 26)]
        var days = Set(fixed.compactMap { LocalDate(year: year, month: $0.0, day: $0.1) })
        let easter = orthodoxEaster(year)
        for offset in [-2, 0, 1, 49, 50] { days.insert(easter.adding(days: offset)) }
        return days
    }
}
