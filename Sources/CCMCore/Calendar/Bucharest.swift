import Foundation

/// Civil time in Europe/Bucharest: the methodology's days and deadlines are Romanian calendar days.
public enum Bucharest {
    public static let timeZone: TimeZone = TimeZone(identifier: "Europe/Bucharest") ?? TimeZone(secondsFromGMT: 7200)!

    static var calendar: Calendar {
        var c = Calendar(identifier: .gregorian)
        c.timeZone = timeZone
        return c
    }

    /// The calendar day of an instant in Bucharest.
    public static func localDate(of instant: Date) -> LocalDate {
        let c = calendar.dateComponents([.year, .month, .day], from: instant)
        return LocalDate(uncheckedYear: c.year ?? 1970, month: c.month ?? 1, day: c.day ?? 1)
    }

    /// The instant of a Bucharest wall-clock time on a given day.
    public static func instant(_ d: LocalDate, hour: Int, minute: Int, second: Int) -> Date {
        let comps = DateComponents(timeZone: timeZone, year: d.year, month: d.month, day: d.day,
                                   hour: hour, minute: minute, second: second)
        return calendar.date(from: comps) ?? Date(timeIntervalSince1970: 0)
    }

    /// ISO 8601 with the Bucharest offset of that instant (`2026-11-03T09:20:00+02:00`).
    public static func iso8601(_ instant: Date) -> String {
        let f = ISO8601DateFormatter()
        f.timeZone = timeZone
        f.formatOptions = [.withInternetDateTime]
        return f.string(from: instant)
    }
}
