import Foundation

/// Which publication of a month's table a moment belongs to, and the methodology's days around
/// it (seed 001): reports by the 12th of the next month, the table published on the 14th–18th,
/// published again at that month's end with the rectifications received since.
public enum Edition {
    /// "Ediția din 14.11.2026" up to the 18th of the month after `luna` (before the 14th the table is
    /// a draft: "Situație provizorie la …"); "Actualizare la 30.11.2026" after, i.e. the month-end
    /// republication and any later one.
    public static func label(luna: YearMonth, asOf: Date) -> String {
        let day = Bucharest.localDate(of: asOf)
        if day < publicationStart(luna) { return "Situație provizorie la \(day.romanian)" }
        if day <= publicationEnd(luna) { return "Ediția din \(day.romanian)" }
        return "Actualizare la \(day.romanian)"
    }

    /// The reporting deadline: the 12th of the month after `luna`.
    public static func reportingDeadline(_ luna: YearMonth) -> LocalDate { W01LateReport.deadlineDay(luna) }
    public static func publicationStart(_ luna: YearMonth) -> LocalDate { day(14, after: luna) }
    public static func publicationEnd(_ luna: YearMonth) -> LocalDate { day(18, after: luna) }
    /// The month-end republication, which includes the rectifications received until then.
    public static func republication(_ luna: YearMonth) -> LocalDate { luna.next.lastDay }

    static func day(_ d: Int, after luna: YearMonth) -> LocalDate {
        LocalDate(uncheckedYear: luna.next.year, month: luna.next.month, day: d)
    }

    static let months = ["ianuarie", "februarie", "martie", "aprilie", "mai", "iunie", "iulie", "august",
                         "septembrie", "octombrie", "noiembrie", "decembrie"]

    /// "octombrie 2026".
    public static func monthName(_ m: YearMonth) -> String {
        (1...12).contains(m.month) ? "\(months[m.month - 1]) \(m.year)" : m.description
    }
}
