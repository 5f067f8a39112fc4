/// The common shape of an RFC 3339 moment, `2026-11-10T10:00:00+02:00` or `…Z`, read by hand:
/// Foundation's `ISO8601DateFormatter` starts ICU's date parser for it (about a tenth of a
/// run's start, for one option). Only that shape, with a real day from 1583 on (the Gregorian
/// calendar's), hour, minute and second, and an offset of at most 14 hours; anything else is
/// nil, and the caller asks the formatter (fractions of a second, other offsets), which reads
/// the same instant from this shape (`InternetTimeTests`).
public enum InternetTime {
    /// Seconds since 1970-01-01T00:00:00Z, or nil.
    public static func seconds(_ text: String) -> Int? {
        if text.utf8.last == UInt8(ascii: "Z") {
            return ASCIIDigits.read(text, pattern: "dddd-dd-ddTdd:dd:ddZ") { d in instant(d, offsetMinutes: 0) }
        }
        let sign: Int
        switch text.utf8.dropLast(5).last {
        case UInt8(ascii: "+"): sign = 1
        case UInt8(ascii: "-"): sign = -1
        default: return nil
        }
        let pattern: StaticString = sign > 0 ? "dddd-dd-ddTdd:dd:dd+dd:dd" : "dddd-dd-ddTdd:dd:dd-dd:dd"
        return ASCIIDigits.read(text, pattern: pattern) { d -> Int? in
            let hours = ASCIIDigits.number(d, 14..<16), minutes = ASCIIDigits.number(d, 16..<18)
            guard hours < 14 || (hours == 14 && minutes == 0), minutes < 60 else { return nil }
            return instant(d, offsetMinutes: sign * (hours * 60 + minutes))
        }
    }

    private static func instant(_ d: UnsafeBufferPointer<Int>, offsetMinutes: Int) -> Int? {
        // The formatter's calendar is Julian before 1582's reform; those years are left to it.
        guard let day = LocalDate(year: ASCIIDigits.number(d, 0..<4), month: ASCIIDigits.number(d, 4..<6), day: ASCIIDigits.number(d, 6..<8)),
              day.year >= 1583 else { return nil }
        let hour = ASCIIDigits.number(d, 8..<10), minute = ASCIIDigits.number(d, 10..<12), second = ASCIIDigits.number(d, 12..<14)
        guard hour < 24, minute < 60, second < 60 else { return nil }
        return ((day.dayNumber * 24 + hour) * 60 + minute - offsetMinutes) * 60 + second
    }
}
