import XCTest
@testable import CCMCore

/// Romanian non-working days (01-submission-format.md §5.5).
final class NonWorkingDaysTests: XCTestCase {
    let calendar = NonWorkingDays()

    // MARK: Orthodox Easter (dates as published by the Romanian Orthodox Church)

    func testOrthodoxEasterOfKnownYears() {
        let known: [Int: String] = [
            2000: "2000-04-30", 2001: "2001-04-15", 2010: "2010-04-04", 2019: "2019-04-28",
            2020: "2020-04-19", 2021: "2021-05-02", 2022: "2022-04-24", 2023: "2023-04-16",
            2024: "2024-05-05", 2025: "2025-04-20", 2026: "2026-04-12", 2027: "2027-05-02",
            2028: "2028-04-16",
        ]
        for (year, date) in known {
            XCTAssertEqual(NonWorkingDays.orthodoxEaster(year), day(date), "Orthodox Easter \(year)")
        }
    }

    func testOrthodoxEasterIsASundayBetweenApril4AndMay8() {
        // In 1900–2099 the Julian Easter window (March 22 – April 25) falls on April 4 – May 8 (Gregorian).
        for year in 1900...2099 {
            let e = NonWorkingDays.orthodoxEaster(year)
            XCTAssertEqual(e.isoWeekday, 7, "\(year): \(e) is not a Sunday")
            XCTAssertEqual(e.year, year)
            XCTAssertTrue(day("\(year)-04-04") <= e && e <= day("\(year)-05-08"), "\(year): \(e) out of window")
        }
    }

    // MARK: Movable holidays

    func testEasterHolidays2026() {
        XCTAssertTrue(calendar.isNonWorking(day("2026-04-10")), "Good Friday")
        XCTAssertTrue(calendar.isNonWorking(day("2026-04-12")), "Easter Sunday")
        XCTAssertTrue(calendar.isNonWorking(day("2026-04-13")), "Easter Monday")
        XCTAssertFalse(calendar.isNonWorking(day("2026-04-14")), "the Tuesday after Easter is a working day")
        XCTAssertFalse(calendar.isNonWorking(day("2026-04-09")), "Holy Thursday is a working day")
    }

    func testPentecost() {
        XCTAssertTrue(calendar.isNonWorking(day("2026-06-01")), "Pentecost Monday 2026 (also Children's Day)")
        XCTAssertTrue(calendar.isNonWorking(day("2025-06-09")), "Pentecost Monday 2025")
        XCTAssertTrue(calendar.isNonWorking(day("2024-06-24")), "Pentecost Monday 2024")
        XCTAssertFalse(calendar.isNonWorking(day("2025-06-10")), "the Tuesday after Pentecost 2025")
        XCTAssertTrue(NonWorkingDays.legalHolidays(2025).contains(day("2025-06-08")), "Pentecost Sunday 2025")
    }

    func testGoodFridayOfAnotherYear() {
        XCTAssertTrue(calendar.isNonWorking(day("2025-04-18")))
        XCTAssertTrue(calendar.isNonWorking(day("2024-05-03")))
        XCTAssertTrue(calendar.isNonWorking(day("2024-05-06")), "Easter Monday 2024")
    }

    // MARK: Fixed holidays

    func testFixedHolidaysOn2026Weekdays() {
        // Each of these falls on a Monday–Friday in 2026, so only the holiday rule can make it non-working.
        for d in ["2026-01-01", "2026-01-02", "2026-01-06", "2026-01-07", "2026-05-01",
                  "2026-11-30", "2026-12-01", "2026-12-25"] {
            XCTAssertLessThanOrEqual(day(d).isoWeekday, 5, "test premise: \(d) is a weekday")
            XCTAssertTrue(calendar.isNonWorking(day(d)), d)
        }
        XCTAssertTrue(calendar.isNonWorking(day("2025-08-15")), "Assumption, a Friday in 2025")
        XCTAssertTrue(calendar.isNonWorking(day("2027-01-25")) == false, "the day after 24 January 2027 (a Monday) works")
        XCTAssertTrue(NonWorkingDays.legalHolidays(2026).contains(day("2026-01-24")))
        XCTAssertTrue(NonWorkingDays.legalHolidays(2026).contains(day("2026-12-26")))
    }

    func testOrdinaryWeekdaysWork() {
        for d in ["2026-12-02", "2026-11-27", "2026-01-05", "2026-01-08", "2026-10-06", "2026-12-28", "2026-08-14"] {
            XCTAssertFalse(calendar.isNonWorking(day(d)), d)
        }
    }

    func testWeekends() {
        XCTAssertTrue(calendar.isNonWorking(day("2026-10-10")))
        XCTAssertTrue(calendar.isNonWorking(day("2026-10-11")))
        XCTAssertFalse(calendar.isNonWorking(day("2026-10-12")))
    }

    func testThereAreExactlyTheListedHolidays() {
        // 12 fixed days + Good Friday, Easter Sunday/Monday, Pentecost Sunday/Monday; in 2025 none coincide.
        XCTAssertEqual(NonWorkingDays.legalHolidays(2025).count, 17)
        // In 2026 Pentecost Monday is 1 June: one day fewer.
        XCTAssertEqual(NonWorkingDays.legalHolidays(2026).count, 16)
    }

    // MARK: First working day

    func testFirstWorkingDayAfterGoodFriday() {
        XCTAssertEqual(calendar.firstWorkingDay(after: day("2026-04-10")), day("2026-04-14"))
    }

    func testFirstWorkingDayIsStrictlyAfter() {
        XCTAssertEqual(calendar.firstWorkingDay(after: day("2026-10-06")), day("2026-10-07"))
        XCTAssertEqual(calendar.firstWorkingDay(after: day("2026-10-09")), day("2026-10-12"))
    }

    func testFirstWorkingDayOverNationalDayAndChristmas() {
        XCTAssertEqual(calendar.firstWorkingDay(after: day("2026-11-27")), day("2026-12-02"))
        XCTAssertEqual(calendar.firstWorkingDay(after: day("2026-12-24")), day("2026-12-28"))
        XCTAssertEqual(calendar.firstWorkingDay(after: day("2025-12-31")), day("2026-01-05"))
        XCTAssertEqual(calendar.firstWorkingDay(after: day("2026-01-05")), day("2026-01-08"))
    }

    // MARK: Extra days declared by the government

    func testExtraDaysCount() {
        let withBridge = NonWorkingDays(extraDays: [day("2026-04-14"), day("2026-12-31")])
        XCTAssertTrue(withBridge.isNonWorking(day("2026-04-14")))
        XCTAssertTrue(withBridge.isNonWorking(day("2026-12-31")))
        XCTAssertFalse(withBridge.isNonWorking(day("2026-04-15")))
        XCTAssertEqual(withBridge.firstWorkingDay(after: day("2026-04-10")), day("2026-04-15"))
        // The default calendar is not affected.
        XCTAssertFalse(calendar.isNonWorking(day("2026-12-31")))
    }
}
