import Foundation
import XCTest
@testable import CCMCore

/// LocalDate, YearMonth and Bucharest civil time.
final class CalendarTests: XCTestCase {

    // MARK: LocalDate parsing

    func testParsesAWellFormedDate() {
        let d = LocalDate("2026-10-06")
        XCTAssertEqual(d?.year, 2026)
        XCTAssertEqual(d?.month, 10)
        XCTAssertEqual(d?.day, 6)
    }

    func testRejectsFebruary29InACommonYear() {
        XCTAssertNil(LocalDate("2026-02-29"))
        XCTAssertNil(LocalDate("2100-02-29"), "2100 is divisible by 100 but not 400: not leap")
    }

    func testAcceptsFebruary29InLeapYears() {
        XCTAssertEqual(LocalDate("2028-02-29"), LocalDate(year: 2028, month: 2, day: 29))
        XCTAssertNotNil(LocalDate("2000-02-29"), "2000 is divisible by 400: leap")
    }

    func testRejectsLooseForms() {
        for text in ["2026-2-01", " 2026-10-06", "2026-10-06 ", "2026-10-06Z", "2026-10-06+02:00",
                     "2026-10-6", "26-10-06", "2026/10/06", "2026-10", "", "2026-13-01", "2026-00-10",
                     "2026-10-00", "2026-04-31", "+026-10-06", "2026-1a-06", "2026-10-06-01"] {
            XCTAssertNil(LocalDate(text), "\"\(text)\" must not parse")
        }
    }

    func testDigitsWithCombiningMarksAreRejected() {
        XCTAssertNil(LocalDate("2026-1\u{301}0-06"))
        XCTAssertNil(YearMonth("2026-0\u{301}1"))
    }

    func testMemberwiseInitValidatesDays() {
        XCTAssertNil(LocalDate(year: 2026, month: 4, day: 31))
        XCTAssertNil(LocalDate(year: 2026, month: 0, day: 1))
        XCTAssertNotNil(LocalDate(year: 2026, month: 12, day: 31))
    }

    func testDescriptionAndRomanianForms() {
        XCTAssertEqual(day("2026-01-05").description, "2026-01-05")
        XCTAssertEqual(day("2026-11-12").romanian, "12.11.2026")
        XCTAssertEqual(LocalDate(year: 812, month: 3, day: 4)?.description, "0812-03-04")
        XCTAssertEqual(LocalDate(year: 9999, month: 12, day: 31)?.description, "9999-12-31")
        XCTAssertEqual(LocalDate(year: 1, month: 1, day: 1)?.description, "0001-01-01")
        XCTAssertEqual(LocalDate(uncheckedYear: 10000, month: 1, day: 1).description, "10000-01-01")
    }

    // MARK: Day arithmetic against Foundation's Gregorian calendar (an independent implementation)

    private var utcGregorian: Calendar {
        var c = Calendar(identifier: .gregorian)
        c.timeZone = TimeZone(identifier: "UTC")!
        return c
    }

    private func checkAgainstFoundation(_ n: Int, _ cal: Calendar, file: StaticString = #filePath, line: UInt = #line) {
        let date = Date(timeIntervalSince1970: TimeInterval(n) * 86_400)
        let c = cal.dateComponents([.year, .month, .day, .weekday], from: date)
        let d = LocalDate(dayNumber: n)
        XCTAssertEqual([d.year, d.month, d.day], [c.year!, c.month!, c.day!], "day number \(n)", file: file, line: line)
        guard let back = LocalDate(year: c.year!, month: c.month!, day: c.day!) else {
            return XCTFail("Foundation's \(c) rejected by LocalDate", file: file, line: line)
        }
        XCTAssertEqual(back.dayNumber, n, file: file, line: line)
        // Foundation: 1 = Sunday … 7 = Saturday; ISO: 1 = Monday … 7 = Sunday.
        XCTAssertEqual(d.isoWeekday, (c.weekday! + 5) % 7 + 1, "weekday of \(d)", file: file, line: line)
    }

    func testDayNumberRoundTripsAgainstFoundationOver20000Days() {
        let cal = utcGregorian
        // 1961-10-15 … 2016-07-29, contiguous: covers 2000-02-29 and every month boundary in between.
        for n in -3_000..<17_000 { checkAgainstFoundation(n, cal) }
    }

    func testDayNumberAgainstFoundationAcrossCenturies() {
        let cal = utcGregorian
        // 1700 … 2400, strided: 1700/1800/1900/2100 are not leap, 2000/2400 are.
        let from = LocalDate(year: 1700, month: 1, day: 1)!.dayNumber
        let to = LocalDate(year: 2400, month: 12, day: 31)!.dayNumber
        for n in stride(from: from, through: to, by: 13) { checkAgainstFoundation(n, cal) }
        for y in [1700, 1800, 1900, 2000, 2100, 2400] {
            for (m, d) in [(2, 28), (3, 1)] { checkAgainstFoundation(LocalDate(year: y, month: m, day: d)!.dayNumber, cal) }
        }
    }

    func testEpochIsDayZero() {
        XCTAssertEqual(day("1970-01-01").dayNumber, 0)
        XCTAssertEqual(day("1970-01-02").dayNumber, 1)
        XCTAssertEqual(day("1969-12-31").dayNumber, -1)
    }

    func testAddingDaysCrossesMonthAndYearBoundaries() {
        XCTAssertEqual(day("2026-10-31").adding(days: 1), day("2026-11-01"))
        XCTAssertEqual(day("2026-12-31").adding(days: 1), day("2027-01-01"))
        XCTAssertEqual(day("2028-02-28").adding(days: 1), day("2028-02-29"))
        XCTAssertEqual(day("2026-03-01").adding(days: -1), day("2026-02-28"))
        XCTAssertEqual(day("2026-10-06").adding(days: 365), day("2027-10-06"))
    }

    func testIsoWeekdayOfKnownDates() {
        XCTAssertEqual(day("1970-01-01").isoWeekday, 4) // Thursday
        XCTAssertEqual(day("1969-07-20").isoWeekday, 7) // Sunday, Apollo 11 landing
        XCTAssertEqual(day("2000-01-01").isoWeekday, 6) // Saturday
        XCTAssertEqual(day("2001-09-11").isoWeekday, 2) // Tuesday
        XCTAssertEqual(day("2024-02-29").isoWeekday, 4) // Thursday
        XCTAssertEqual(day("2026-04-12").isoWeekday, 7) // Orthodox Easter: a Sunday
        XCTAssertEqual(day("2026-11-30").isoWeekday, 1) // Monday
        XCTAssertEqual(day("2026-10-10").isoWeekday, 6) // Saturday
    }

    func testOrderingFollowsTheCalendar() {
        XCTAssertLessThan(day("2026-09-30"), day("2026-10-01"))
        XCTAssertLessThan(day("2025-12-31"), day("2026-01-01"))
        XCTAssertFalse(day("2026-10-01") < day("2026-10-01"))
    }

    // MARK: YearMonth

    func testYearMonthParsing() {
        XCTAssertEqual(YearMonth("2026-10"), YearMonth(year: 2026, month: 10))
        for text in ["2026-1", "2026-13", "2026-00", "2026-10-01", " 2026-10", "2026-10Z", "202610", ""] {
            XCTAssertNil(YearMonth(text), "\"\(text)\" must not parse")
        }
    }

    func testYearMonthBoundsAndNeighbours() {
        XCTAssertEqual(month("2026-02").firstDay, day("2026-02-01"))
        XCTAssertEqual(month("2026-02").lastDay, day("2026-02-28"))
        XCTAssertEqual(month("2028-02").lastDay, day("2028-02-29"))
        XCTAssertEqual(month("2026-10").lastDay, day("2026-10-31"))
        XCTAssertEqual(month("2026-12").next, month("2027-01"))
        XCTAssertEqual(month("2027-01").previous, month("2026-12"))
        XCTAssertEqual(month("2026-10").next, month("2026-11"))
        XCTAssertEqual(month("2026-10").description, "2026-10")
        XCTAssertTrue(month("2026-10").contains(day("2026-10-31")))
        XCTAssertFalse(month("2026-10").contains(day("2026-11-01")))
        XCTAssertFalse(month("2026-10").contains(day("2025-10-15")))
        XCTAssertLessThan(month("2026-12"), month("2027-01"))
        XCTAssertEqual(day("2026-10-06").yearMonth, month("2026-10"))
    }

    // MARK: Bucharest civil time (+02:00 in winter, +03:00 in summer)

    func testLocalDateOfAnInstantUsesBucharestTime() {
        XCTAssertEqual(Bucharest.localDate(of: instant("2026-10-31T22:30:00Z")), day("2026-11-01"))
        XCTAssertEqual(Bucharest.localDate(of: instant("2026-10-31T21:59:59Z")), day("2026-10-31"))
        XCTAssertEqual(Bucharest.localDate(of: instant("2026-06-30T21:00:00Z")), day("2026-07-01")) // summer: +03:00
        XCTAssertEqual(Bucharest.localDate(of: instant("2026-06-30T20:59:59Z")), day("2026-06-30"))
    }

    func testInstantOfAWallClockTime() {
        XCTAssertEqual(Bucharest.instant(day("2026-11-12"), hour: 23, minute: 59, second: 59),
                       instant("2026-11-12T21:59:59Z"))
        XCTAssertEqual(Bucharest.instant(day("2026-07-12"), hour: 23, minute: 59, second: 59),
                       instant("2026-07-12T20:59:59Z"))
    }

    func testIso8601CarriesTheOffsetOfThatInstant() {
        XCTAssertEqual(Bucharest.iso8601(instant("2026-11-03T07:20:00Z")), "2026-11-03T09:20:00+02:00")
        XCTAssertEqual(Bucharest.iso8601(instant("2026-07-03T07:20:00Z")), "2026-07-03T10:20:00+03:00")
    }

    // MARK: Times shown to a person: the repeated hour carries its offset

    func testWallClockShowsTheOffsetOnlyInTheHourThatHappensTwice() {
        // 25 October 2026: 04:00 +03:00 becomes 03:00 +02:00, so 03:00–03:59 happens twice.
        XCTAssertEqual(Bucharest.wallClock(instant("2026-10-24T23:59:00Z")), "25.10.2026 02:59")
        XCTAssertEqual(Bucharest.wallClock(instant("2026-10-25T00:00:00Z")), "25.10.2026 03:00 (+03:00)")
        XCTAssertEqual(Bucharest.wallClock(instant("2026-10-25T00:30:00Z")), "25.10.2026 03:30 (+03:00)")
        XCTAssertEqual(Bucharest.wallClock(instant("2026-10-25T00:59:59Z")), "25.10.2026 03:59 (+03:00)")
        XCTAssertEqual(Bucharest.wallClock(instant("2026-10-25T01:00:00Z")), "25.10.2026 03:00 (+02:00)")
        XCTAssertEqual(Bucharest.wallClock(instant("2026-10-25T01:30:00Z")), "25.10.2026 03:30 (+02:00)")
        XCTAssertEqual(Bucharest.wallClock(instant("2026-10-25T02:00:00Z")), "25.10.2026 04:00")
        // Spring forward (29 March 2026, 03:00 does not exist): nothing repeats.
        XCTAssertEqual(Bucharest.wallClock(instant("2026-03-29T00:59:00Z")), "29.03.2026 02:59")
        XCTAssertEqual(Bucharest.wallClock(instant("2026-03-29T01:00:00Z")), "29.03.2026 04:00")
        XCTAssertEqual(Bucharest.wallClock(instant("2026-11-03T07:20:59Z")), "03.11.2026 09:20")
        XCTAssertEqual(Bucharest.utcOffset(of: instant("2026-07-03T07:20:00Z")), "+03:00")
    }

    /// Outside the repeated hour, the same text as the DateFormatter it replaces, hour by hour
    /// over two years and at odd seconds.
    func testWallClockAgreesWithDateFormatter() {
        let f = DateFormatter()
        f.timeZone = Bucharest.timeZone
        f.locale = Locale(identifier: "en_US_POSIX")
        f.dateFormat = "dd.MM.yyyy HH:mm"
        var t = instant("2025-01-01T00:00:00Z")
        while t < instant("2027-01-01T00:00:00Z") {
            for d in [t, t.addingTimeInterval(59.9), t.addingTimeInterval(1799)] where !Bucharest.isRepeated(d) {
                XCTAssertEqual(Bucharest.wallClock(d), f.string(from: d))
            }
            t = t.addingTimeInterval(3600)
        }
    }
}
