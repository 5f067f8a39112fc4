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

    /// `25.10.2026 09:20`: a Bucharest time as a person reads it (the minute it falls in), with
    /// its UTC offset when that wall-clock time happens twice — the night summer time ends,
    /// 03:00–04:00 comes first at +03:00, then again at +02:00: `25.10.2026 03:30 (+03:00)`.
    /// The one helper for every local time shown (centralizer, e-mails, notes).
    public static func wallClock(_ instant: Date) -> String {
        let offset = timeZone.secondsFromGMT(for: instant)
        let local = Int((instant.timeIntervalSince1970).rounded(.down)) + offset
        let days = local >= 0 ? local / 86400 : (local - 86399) / 86400
        let d = LocalDate(dayNumber: days), minute = (local - days * 86400) / 60
        var text = pad(d.day) + "." + pad(d.month) + "." + String(d.year) + " " + pad(minute / 60) + ":" + pad(minute % 60)
        if isRepeated(instant) { text += " (" + utcOffset(offset) + ")" }
        return text
    }

    /// Whether the Bucharest wall-clock time of `instant` is also that of another instant an
    /// hour away (the hour repeated when summer time ends).
    public static func isRepeated(_ instant: Date) -> Bool {
        func wall(_ t: Date) -> Double { t.timeIntervalSince1970 + Double(timeZone.secondsFromGMT(for: t)) }
        let w = wall(instant)
        return wall(instant.addingTimeInterval(3600)) == w || wall(instant.addingTimeInterval(-3600)) == w
    }

    /// `+03:00`: the Bucharest offset at `instant`.
    public static func utcOffset(of instant: Date) -> String { utcOffset(timeZone.secondsFromGMT(for: instant)) }

    static func utcOffset(_ seconds: Int) -> String {
        let m = abs(seconds) / 60
        return (seconds < 0 ? "-" : "+") + pad(m / 60) + ":" + pad(m % 60)
    }

    private static func pad(_ v: Int) -> String { v < 10 ? "0" + String(v) : String(v) }
}
