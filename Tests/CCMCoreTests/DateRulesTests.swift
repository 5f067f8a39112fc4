import XCTest
@testable import CCMCore

/// C03–C06: the dates of one certificate against the reported month, its period, the day of
/// receipt and the day of issue (02-validation-rules.md §3).
final class DateRulesTests: XCTestCase {

    // MARK: C03 DataAcordarii in luna

    func testC03QuietOnFirstAndLastDayOfLuna() {
        assertQuiet("C03", RT.context(RT.body(inceput: "2026-10-01"), luna: "2026-10"))
        assertOnly([], RT.context(RT.body(inceput: "2026-10-31", zile: 1), luna: "2026-10"))
    }

    func testC03FiresTheDayBeforeAndTheDayAfterLuna() {
        let before = RT.context(RT.body(inceput: "2026-09-30"), luna: "2026-10")
        assertFires("C03", before)
        assertOnly(["C03"], before)
        XCTAssertEqual(RT.messages("C03", before), ["Data acordării 30.09.2026 nu aparține lunii raportate 2026-10"])
        assertFires("C03", RT.context(RT.body(inceput: "2026-11-01"), luna: "2026-10"))
    }

    func testC03FiresForSameMonthOfAnotherYear() {
        assertFires("C03", RT.context(RT.body(inceput: "2025-10-06"), luna: "2026-10"))
    }

    // MARK: C04 period coherence

    private func withPeriod(_ inceput: String, _ sfarsit: String, _ zile: Int) -> CertificateContext {
        var b = RT.body(inceput: inceput)
        b.perioada = Period(inceput: day(inceput), sfarsit: day(sfarsit), zile: zile)
        return RT.context(b)
    }

    func testC04QuietForCoherentPeriods() {
        assertQuiet("C04", withPeriod("2026-10-06", "2026-10-09", 4))
        assertQuiet("C04", withPeriod("2026-10-06", "2026-10-06", 1), "one day")
        assertQuiet("C04", withPeriod("2026-10-30", "2026-11-02", 4), "across a month end")
        assertQuiet("C04", withPeriod("2028-02-28", "2028-03-01", 3), "across a leap day")
    }

    func testC04FiresWhenEndBeforeStart() {
        let ctx = withPeriod("2026-10-06", "2026-10-05", 0)
        assertFires("C04", ctx)
        assertFires("C04", withPeriod("2026-10-06", "2026-10-05", 2), "negative period, whatever zile says")
    }

    func testC04FiresWhenZileDisagrees() {
        let more = withPeriod("2026-10-06", "2026-10-09", 5)
        assertFires("C04", more)
        XCTAssertEqual(RT.messages("C04", more), ["Perioada concediului este incoerentă (06.10.2026 – 09.10.2026, 5 zile)"])
        assertFires("C04", withPeriod("2026-10-06", "2026-10-09", 3))
        assertFires("C04", withPeriod("2028-02-28", "2028-03-01", 2), "the leap day counts")
    }

    // MARK: C05 issued in the future

    func testC05QuietWhenIssuedOnTheDayOfReceipt() {
        assertQuiet("C05", RT.context(RT.body(inceput: "2026-10-20"), receipt: "2026-10-20"))
        assertQuiet("C05", RT.context(RT.body(inceput: "2026-10-19"), receipt: "2026-10-20"))
    }

    func testC05FiresTheDayAfterReceipt() {
        let ctx = RT.context(RT.body(inceput: "2026-10-21"), receipt: "2026-10-20")
        assertFires("C05", ctx)
        assertOnly(["C05"], ctx)
        XCTAssertEqual(RT.messages("C05", ctx), ["Data acordării 21.10.2026 este în viitor"])
    }

    // MARK: C06 retroactive INITIAL

    func testC06InitialMayStartOneDayBeforeIssue() {
        let ctx = RT.context(RT.body(inceput: "2026-10-14", acordat: "2026-10-15"))
        assertQuiet("C06", ctx)
        assertOnly([], ctx)
    }

    func testC06FiresTwoDaysBeforeIssue() {
        let ctx = RT.context(RT.body(inceput: "2026-10-13", acordat: "2026-10-15"))
        assertFires("C06", ctx)
        assertOnly(["C06"], ctx)
        XCTAssertEqual(RT.messages("C06", ctx), ["Certificatul inițial este acordat retroactiv peste limita permisă"])
    }

    func testC06QuietWhenStartingOnOrAfterIssue() {
        assertQuiet("C06", RT.context(RT.body(inceput: "2026-10-15", acordat: "2026-10-15")))
        assertQuiet("C06", RT.context(RT.body(inceput: "2026-10-20", acordat: "2026-10-15")))
    }

    func testC06OneDayBeforeIssueAcrossAMonthEnd() {
        assertQuiet("C06", RT.context(RT.body(inceput: "2026-09-30", acordat: "2026-10-01")))
        assertFires("C06", RT.context(RT.body(inceput: "2026-09-29", acordat: "2026-10-01")))
    }

    func testC06PlacesOneAndThreeAreNotExempt() {
        assertFires("C06", RT.context(RT.body(loc: 3, inceput: "2026-10-01", acordat: "2026-10-15")))
        assertFires("C06", RT.context(RT.body(loc: 1, inceput: "2026-10-01", acordat: "2026-10-15")))
    }

    func testC06DoesNotJudgeContinuations() {
        let initial = RT.known(RT.body(inceput: "2026-09-01", acordat: "2026-09-01"), numar: "4400100")
        let cont = RT.continuation(of: initial, inceput: "2026-09-05", zile: 3, acordat: "2026-10-15")
        assertQuiet("C06", RT.context(cont, history: [initial]))
    }

    /// The exemptions of C06: codes 07, 08, 14, place 2, an AvizMedicExpert.
    private func exempt(_ name: String, inceput: String, acordat: String) -> CertificateContext {
        switch name {
        case "07": return RT.context(RT.body(cod: "07", inceput: inceput, acordat: acordat))
        case "08": return RT.context(RT.body(cod: "08", inceput: inceput, acordat: acordat, cnp: RT.woman))
        case "14": return RT.context(RT.body(cod: "14", inceput: inceput, acordat: acordat))
        case "loc 2": return RT.context(RT.body(loc: 2, inceput: inceput, acordat: acordat))
        case "aviz": return RT.context(RT.body(inceput: inceput, acordat: acordat, aviz: "AV-17"))
        default: fatalError(name)
        }
    }
    private let exemptions = ["07", "08", "14", "loc 2", "aviz"]

    func testC06ExemptionsAllowAnyDayOfTheMonthOfIssue() {
        for e in exemptions {
            assertQuiet("C06", exempt(e, inceput: "2026-10-01", acordat: "2026-10-31"), e)
            assertQuiet("C06", exempt(e, inceput: "2026-10-13", acordat: "2026-10-15"), e)
        }
    }

    func testC06ExemptionsAllowAnyDayOfTheMonthBefore() {
        for e in exemptions {
            assertQuiet("C06", exempt(e, inceput: "2026-09-01", acordat: "2026-10-15"), e)
            assertQuiet("C06", exempt(e, inceput: "2026-09-01", acordat: "2026-10-31"), e)
            assertQuiet("C06", exempt(e, inceput: "2026-09-30", acordat: "2026-10-01"), e)
        }
    }

    func testC06ExemptionsStopTwoMonthsBefore() {
        for e in exemptions {
            assertFires("C06", exempt(e, inceput: "2026-08-31", acordat: "2026-10-15"), e)
            assertFires("C06", exempt(e, inceput: "2026-08-31", acordat: "2026-10-01"), e)
            assertFires("C06", exempt(e, inceput: "2026-08-01", acordat: "2026-10-31"), e)
        }
    }

    func testC06ExemptionsAcrossTheNewYear() {
        for e in exemptions {
            assertQuiet("C06", exempt(e, inceput: "2025-12-01", acordat: "2026-01-10"), e)
            assertFires("C06", exempt(e, inceput: "2025-11-30", acordat: "2026-01-10"), e)
        }
    }
}
