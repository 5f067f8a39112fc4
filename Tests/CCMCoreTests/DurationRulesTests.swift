import XCTest
@testable import CCMCore

/// C14 with the shipped `Schemas/reguli.toml` (02-validation-rules.md §4): the set in force on
/// `DataAcordarii`, each limit at its boundary.
final class DurationRulesTests: XCTestCase {

    /// The C14 details reported (one per exceeded limit): the message past its fixed words.
    private func details(_ ctx: CertificateContext) -> [String] {
        RT.check("C14", ctx).map { $0.text.replacingOccurrences(of: "Durata depășește limita: ", with: "") }
    }

    private func assertC14(_ ctx: CertificateContext, _ expected: [String], file: StaticString = #filePath, line: UInt = #line) {
        XCTAssertEqual(details(ctx), expected, file: file, line: line)
    }

    // MARK: Set 2024, code 01, place 1

    func testSet2024Place1InitialOf4IsQuiet() {
        let ctx = RT.context(RT.body(zile: 4))
        XCTAssertEqual(ctx.ruleSet?.name, "Set 2024")
        assertQuiet("C14", ctx)
        assertOnly([], ctx)
    }

    func testSet2024Place1InitialOf5Fires() {
        let ctx = RT.context(RT.body(zile: 5))
        assertC14(ctx, ["certificat inițial, medic de familie: 5 zile, maxim 4 (Set 2024)"])
        assertOnly(["C14"], ctx)
        XCTAssertEqual(RT.messages("C14", ctx), ["Durata depășește limita: certificat inițial, medic de familie: 5 zile, maxim 4 (Set 2024)"])
    }

    func testSet2024Place1InitialLimitDoesNotApplyToAContinuation() {
        let i = RT.known(RT.body(inceput: "2026-10-01", zile: 2), numar: "4400100")
        let c = RT.continuation(of: i, inceput: "2026-10-03", zile: 5, acordat: "2026-10-02")
        assertQuiet("C14", RT.context(c, history: [i]), "2 + 5 = 7 in the chain, 5 in one continuation")
    }

    func testSet2024Place1ChainOf7IsQuietAnd8Fires() {
        let i = RT.known(RT.body(inceput: "2026-10-05", zile: 4), numar: "4400100", cui: RT.otherProvider)
        let seven = RT.continuation(of: i, inceput: "2026-10-09", zile: 3, acordat: "2026-10-08")
        assertQuiet("C14", RT.context(seven, history: [i]))
        let eight = RT.continuation(of: i, inceput: "2026-10-09", zile: 4, acordat: "2026-10-08")
        assertC14(RT.context(eight, history: [i]), ["zile în lanț, medic de familie: 8 zile, maxim 7 (Set 2024)"])
    }

    func testSet2024Place1ChainOfThreeMembers() {
        let i = RT.known(RT.body(inceput: "2026-10-01", zile: 3), numar: "4400100")
        let c1 = RT.known(RT.continuation(of: i, inceput: "2026-10-04", zile: 2, acordat: "2026-10-03"), numar: "4400101")
        let quiet = RT.continuation(of: i, inceput: "2026-10-06", zile: 2, acordat: "2026-10-05")
        assertQuiet("C14", RT.context(quiet, history: [i, c1]))
        let fires = RT.continuation(of: i, inceput: "2026-10-06", zile: 3, acordat: "2026-10-05")
        assertC14(RT.context(fires, history: [i, c1]), ["zile în lanț, medic de familie: 8 zile, maxim 7 (Set 2024)"])
    }

    func testSet2024Place1ChainCountsOnlyPlace1Members() {
        // days of (this chain, place 1): a place-3 initial is not summed into the place-1 limit.
        let i = RT.known(RT.body(loc: 3, inceput: "2026-10-01", zile: 10), numar: "4400100")
        let c = RT.continuation(of: i, loc: 1, inceput: "2026-10-11", zile: 4, acordat: "2026-10-10")
        assertQuiet("C14", RT.context(c, history: [i]))
    }

    /// Six other 2026 certificates of the insured (code 01, place 1), `first` days for the first
    /// and 4 for the others, plus certificates that must not count.
    private func yearHistoryPlace1(first: Int) -> [KnownCertificate] {
        let counted = [
            RT.known(RT.body(inceput: "2026-01-12", zile: first), numar: "4400001"),
            RT.known(RT.body(inceput: "2026-02-09", zile: 4), numar: "4400002", cui: RT.otherProvider),
            RT.known(RT.body(inceput: "2026-03-09", zile: 4), numar: "4400003"),
            RT.known(RT.body(inceput: "2026-04-20", zile: 4), numar: "4400004"),
            RT.known(RT.body(inceput: "2026-05-11", zile: 4), numar: "4400005", cui: RT.otherProvider),
            RT.known(RT.body(inceput: "2026-06-08", zile: 4), numar: "4400006"),
        ]
        let notCounted = [
            RT.known(RT.body(inceput: "2025-12-29", zile: 4), numar: "4300001"),            // another year (inceput 2025)
            RT.known(RT.body(inceput: "2025-06-02", zile: 4), numar: "4300002"),            // another year
            RT.known(RT.body(loc: 3, inceput: "2026-07-06", zile: 10), numar: "4400007"),   // place 3
            RT.known(RT.body(loc: 2, inceput: "2026-07-20", zile: 10), numar: "4400008"),   // place 2
            RT.known(RT.body(cod: "02", inceput: "2026-08-03", zile: 5), numar: "4400009"), // code 02
            RT.known(RT.body(inceput: "2026-09-07", zile: 4, cnp: RT.woman), numar: "4400010"), // another insured
        ]
        return counted + notCounted
    }

    func testSet2024Place1InsuredYearOf28IsQuiet() {
        let ctx = RT.context(RT.body(inceput: "2026-10-06", zile: 4), history: yearHistoryPlace1(first: 4))
        assertQuiet("C14", ctx)
        assertOnly([], ctx)
    }

    func testSet2024Place1InsuredYearOf29Fires() {
        let ctx = RT.context(RT.body(inceput: "2026-10-06", zile: 4), history: yearHistoryPlace1(first: 5))
        assertC14(ctx, ["zile în an, medic de familie: 29 zile, maxim 28 (Set 2024)"])
    }

    func testSet2024Place1InsuredYearCountsEarlierCertificatesOfTheSameDocument() {
        var h = yearHistoryPlace1(first: 4)
        h.append(RT.known(RT.body(inceput: "2026-10-01", zile: 1), numar: "4400011", luna: "2026-10", sameDocument: true))
        assertC14(RT.context(RT.body(inceput: "2026-10-06", zile: 4), history: h),
                  ["zile în an, medic de familie: 29 zile, maxim 28 (Set 2024)"])
    }

    func testInsuredYearDoesNotCountTheOldVersionOfThisCertificate() {
        // A MODIFICARE of this provider's own certificate: its replaced version is not summed.
        var h = yearHistoryPlace1(first: 4)
        h.append(RT.known(RT.body(inceput: "2026-10-06", zile: 4), numar: RT.numar))
        assertQuiet("C14", RT.context(RT.body(inceput: "2026-10-06", zile: 4), operatie: .modificare, tip: .rectificativa,
                                      history: h))
    }

    func testTheSameNumberAtAnotherProviderIsNotSummedTwice() {
        // A known certificate with this (Serie, Numar), whoever reported it, is this certificate
        // reported again (C16's business), not another episode: it is not added to the sums.
        var h = yearHistoryPlace1(first: 4)
        h.append(RT.known(RT.body(inceput: "2026-09-21", zile: 1), numar: RT.numar, cui: RT.otherProvider))
        assertQuiet("C14", RT.context(RT.body(inceput: "2026-10-06", zile: 4), history: h))
        // The same day under another number is another certificate and counts.
        h[h.count - 1] = RT.known(RT.body(inceput: "2026-09-21", zile: 1), numar: "4400124", cui: RT.otherProvider)
        assertC14(RT.context(RT.body(inceput: "2026-10-06", zile: 4), history: h),
                  ["zile în an, medic de familie: 29 zile, maxim 28 (Set 2024)"])
    }

    // MARK: Set 2024, code 01, place 3

    func testSet2024Place3InitialOf15IsQuietAnd16Fires() {
        let fifteen = RT.context(RT.body(loc: 3, zile: 15))
        assertQuiet("C14", fifteen)
        assertOnly([], fifteen)
        assertC14(RT.context(RT.body(loc: 3, zile: 16)),
                  ["certificat inițial, ambulatoriu de specialitate: 16 zile, maxim 15 (Set 2024)"])
    }

    func testSet2024Place3InitialLimitDoesNotApplyToAContinuation() {
        let i = RT.known(RT.body(loc: 3, inceput: "2026-09-21", zile: 10), numar: "4400100")
        let c = RT.continuation(of: i, inceput: "2026-10-01", zile: 20, acordat: "2026-09-30")
        assertQuiet("C14", RT.context(c, history: [i]))
    }

    /// October place-3 days of the insured: a September certificate running into October (not
    /// counted: its inceput is in September), 15 + 9 days starting in October, and this one.
    private func octoberPlace3(zile: Int) -> CertificateContext {
        let h = [
            RT.known(RT.body(loc: 3, inceput: "2026-09-22", zile: 15), numar: "4400001"),
            RT.known(RT.body(loc: 3, inceput: "2026-10-07", zile: 15), numar: "4400002", cui: RT.otherProvider),
            RT.known(RT.body(loc: 3, inceput: "2026-10-22", zile: 9), numar: "4400003"),
            RT.known(RT.body(loc: 1, inceput: "2026-10-01", zile: 4), numar: "4400004"),      // place 1
            RT.known(RT.body(loc: 3, inceput: "2026-10-01", zile: 4, cnp: RT.woman), numar: "4400005"),
        ]
        return RT.context(RT.body(loc: 3, inceput: "2026-10-31", zile: zile), history: h)
    }

    func testSet2024Place3CalendarMonthOf31IsQuiet() {
        assertQuiet("C14", octoberPlace3(zile: 7))
    }

    func testSet2024Place3CalendarMonthOf32Fires() {
        assertC14(octoberPlace3(zile: 8),
                  ["zile în luna calendaristică, ambulatoriu de specialitate: 32 zile, maxim 31 (Set 2024)"])
    }

    /// 2026 place-3 days: five certificates (the last of `last` days) and this one of 15.
    private func yearPlace3(last: Int) -> CertificateContext {
        let h = [
            RT.known(RT.body(loc: 3, inceput: "2026-01-05", zile: 15), numar: "4400001"),
            RT.known(RT.body(loc: 3, inceput: "2026-02-02", zile: 15), numar: "4400002"),
            RT.known(RT.body(loc: 3, inceput: "2026-03-02", zile: 15), numar: "4400003", cui: RT.otherProvider),
            RT.known(RT.body(loc: 3, inceput: "2026-04-06", zile: 15), numar: "4400004"),
            RT.known(RT.body(loc: 3, inceput: "2026-05-04", zile: last), numar: "4400005"),
            RT.known(RT.body(loc: 3, inceput: "2025-11-02", zile: 15), numar: "4300001"),     // 2025
            RT.known(RT.body(loc: 1, inceput: "2026-06-01", zile: 4), numar: "4400006"),      // place 1
        ]
        return RT.context(RT.body(loc: 3, inceput: "2026-10-06", zile: 15), history: h)
    }

    func testSet2024Place3YearOf90IsQuiet() {
        let ctx = yearPlace3(last: 15)
        assertQuiet("C14", ctx)
        assertOnly([], ctx)
    }

    func testSet2024Place3YearOf91Fires() {
        assertC14(yearPlace3(last: 16), ["zile în an, ambulatoriu de specialitate: 91 zile, maxim 90 (Set 2024)"])
    }

    // MARK: Both sets, other codes

    func testCode08CertificateOf126IsQuietAnd127Fires() {
        let ok = RT.context(RT.body(cod: "08", inceput: "2026-10-01", zile: 126, cnp: RT.woman))
        assertQuiet("C14", ok)
        assertOnly([], ok)
        assertC14(RT.context(RT.body(cod: "08", inceput: "2026-10-01", zile: 127, cnp: RT.woman)),
                  ["certificat de sarcină și lăuzie: 127 zile, maxim 126 (Set 2024)"])
    }

    func testCode08LimitIsPerCertificateAndAppliesToContinuations() {
        let i = RT.known(RT.body(cod: "08", inceput: "2026-06-01", zile: 120, cnp: RT.woman), numar: "4400100")
        let c = RT.continuation(of: i, inceput: "2026-09-29", zile: 126, acordat: "2026-09-28")
        assertQuiet("C14", RT.context(c, history: [i]), "no chain limit for 08")
        let c127 = RT.continuation(of: i, inceput: "2026-09-29", zile: 127, acordat: "2026-09-28")
        assertC14(RT.context(c127, history: [i]), ["certificat de sarcină și lăuzie: 127 zile, maxim 126 (Set 2024)"])
    }

    func testCode08UnderSet2018() {
        assertQuiet("C14", RT.context(RT.body(cod: "08", inceput: "2023-03-01", zile: 126, cnp: RT.woman)))
        assertC14(RT.context(RT.body(cod: "08", inceput: "2023-03-01", zile: 127, cnp: RT.woman)),
                  ["certificat de sarcină și lăuzie: 127 zile, maxim 126 (Set 2018)"])
    }

    private let child = childCNP(born: "2022-03-10")
    private let otherChild = childCNP(born: "2020-07-21", serial: 8)

    /// 2026 code-09 days for `child`: 20 by the mother, `father` by the father (another
    /// provider), plus days that do not count; this certificate is the father's.
    private func code09(father: Int, zile: Int) -> CertificateContext {
        let h = [
            RT.known(RT.body(cod: "09", inceput: "2026-03-02", zile: 20, cnp: RT.woman, copil: child), numar: "4400001"),
            RT.known(RT.body(cod: "09", inceput: "2026-05-04", zile: father, copil: child), numar: "4400002",
                     cui: RT.otherProvider),
            RT.known(RT.body(cod: "09", inceput: "2025-11-03", zile: 30, cnp: RT.woman, copil: child), numar: "4300001"),
            RT.known(RT.body(cod: "09", inceput: "2026-06-01", zile: 30, copil: otherChild), numar: "4400003"),
        ]
        return RT.context(RT.body(cod: "09", inceput: "2026-10-06", zile: zile, copil: child), history: h)
    }

    func testCode09SameChild45IsQuiet() {
        let ctx = code09(father: 21, zile: 4)
        assertQuiet("C14", ctx)
        assertOnly([], ctx)
    }

    func testCode09SameChild46Fires() {
        assertC14(code09(father: 21, zile: 5), ["zile în an pentru același copil: 46 zile, maxim 45 (Set 2024)"])
        assertC14(code09(father: 22, zile: 4), ["zile în an pentru același copil: 46 zile, maxim 45 (Set 2024)"])
    }

    func testCode09TwoDifferentChildrenAreNotSummed() {
        let h = [RT.known(RT.body(cod: "09", inceput: "2026-03-02", zile: 41, copil: child), numar: "4400001")]
        assertQuiet("C14", RT.context(RT.body(cod: "09", inceput: "2026-10-06", zile: 10, copil: otherChild), history: h))
        assertFires("C14", RT.context(RT.body(cod: "09", inceput: "2026-10-06", zile: 5, copil: child), history: h))
    }

    func testCode09SingleCertificateOf46Fires() {
        assertC14(RT.context(RT.body(cod: "09", inceput: "2026-10-06", zile: 46, copil: child)),
                  ["zile în an pentru același copil: 46 zile, maxim 45 (Set 2024)"])
    }

    /// 2026 code-15 days of the woman: 60 + `second`, plus days that do not count.
    private func code15(second: Int, zile: Int) -> CertificateContext {
        let h = [
            RT.known(RT.body(cod: "15", inceput: "2026-01-05", zile: 60, cnp: RT.woman), numar: "4400001"),
            RT.known(RT.body(cod: "15", inceput: "2026-04-06", zile: second, cnp: RT.woman), numar: "4400002",
                     cui: RT.otherProvider),
            RT.known(RT.body(cod: "15", inceput: "2025-09-01", zile: 60, cnp: RT.woman), numar: "4300001"),   // 2025
            RT.known(RT.body(cod: "01", inceput: "2026-09-01", zile: 4, cnp: RT.woman), numar: "4400003"),    // code 01
            RT.known(RT.body(cod: "15", inceput: "2026-02-02", zile: 60,
                             cnp: makeCNP(sex: 2, born: "1992-01-01", serial: 9)), numar: "4400004"),    // another insured
        ]
        return RT.context(RT.body(cod: "15", inceput: "2026-10-06", zile: zile, cnp: RT.woman), history: h)
    }

    func testCode15Year120IsQuiet() {
        let ctx = code15(second: 56, zile: 4)
        assertQuiet("C14", ctx)
        assertOnly([], ctx)
    }

    func testCode15Year121Fires() {
        assertC14(code15(second: 56, zile: 5), ["zile în an, risc maternal: 121 zile, maxim 120 (Set 2024)"])
    }

    /// A chain of `cod` at place 2: a 180-day initial from 2026-04-01, this continuation after it.
    private func longChain(cod: String, zile: Int) -> CertificateContext {
        let i = RT.known(RT.body(cod: cod, loc: 2, inceput: "2026-04-01", zile: 180, cnp: RT.woman, aviz: "AV-1"),
                         numar: "4400100", cui: RT.otherProvider)
        let end = i.body.perioada.sfarsit
        let c = RT.continuation(of: i, inceput: end.adding(days: 1).description, zile: zile, acordat: end.description,
                                aviz: "AV-2")
        return RT.context(c, history: [i])
    }

    func testChainOf183IsQuietAnd184FiresForCodes01To07And13() {
        for cod in ["01", "02", "03", "04", "05", "06", "07", "13"] {
            assertQuiet("C14", longChain(cod: cod, zile: 3), "code \(cod)")
            assertC14(longChain(cod: cod, zile: 4), ["zile în lanț: 184 zile, maxim 183 (Set 2024)"])
        }
    }

    func testChainOf183CleanForCode01() {
        assertOnly([], longChain(cod: "01", zile: 3))
    }

    func testChainLimitDoesNotApplyToOtherCodes() {
        for cod in ["10", "11", "12", "14"] {
            assertQuiet("C14", longChain(cod: cod, zile: 10), "code \(cod)")
        }
    }

    func testNoRuleSetNoC14() {
        assertQuiet("C14", RT.context(RT.body(zile: 200), config: nil))
    }

    // MARK: Which set: DataAcordarii decides

    func testLastDayOfSet2018() {
        XCTAssertEqual(RT.rules.set(on: day("2024-05-13"))?.name, "Set 2018")
        XCTAssertEqual(RT.rules.set(on: day("2024-05-14"))?.name, "Set 2024")
        XCTAssertNil(RT.rules.set(on: day("2018-01-11")))
        XCTAssertEqual(RT.rules.set(on: day("2018-01-12"))?.name, "Set 2018")
    }

    func testIssued20240513Place1InitialOf10IsQuietUnderSet2018() {
        let ctx = RT.context(RT.body(inceput: "2024-05-13", zile: 10))
        XCTAssertEqual(ctx.ruleSet?.name, "Set 2018")
        assertQuiet("C14", ctx)
        assertOnly([], ctx)
        assertQuiet("C14", RT.context(RT.body(inceput: "2024-05-13", zile: 14)))
    }

    func testIssued20240513Place1InitialOf15FiresUnderSet2018() {
        assertC14(RT.context(RT.body(inceput: "2024-05-13", zile: 15)),
                  ["certificat, medic de familie: 15 zile, maxim 14 (Set 2018)"])
    }

    func testSet2018Place1CertificateLimitAppliesToContinuationsToo() {
        let i = RT.known(RT.body(inceput: "2023-03-01", zile: 10), numar: "4400100")
        let c = RT.continuation(of: i, inceput: "2023-03-11", zile: 15, acordat: "2023-03-10")
        assertC14(RT.context(c, history: [i]), ["certificat, medic de familie: 15 zile, maxim 14 (Set 2018)"])
        let c14 = RT.continuation(of: i, inceput: "2023-03-11", zile: 14, acordat: "2023-03-10")
        assertQuiet("C14", RT.context(c14, history: [i]), "Set 2018 has no 7-day chain limit")
    }

    func testIssued20240514Place1InitialOf10FiresUnderSet2024() {
        assertC14(RT.context(RT.body(inceput: "2024-05-14", zile: 10)),
                  ["certificat inițial, medic de familie: 10 zile, maxim 4 (Set 2024)",
                   "zile în lanț, medic de familie: 10 zile, maxim 7 (Set 2024)"])
    }

    func testTheSetFollowsDataAcordariiNotInceput() {
        // Starts on the last day of Set 2018, issued on the first of Set 2024.
        let ctx = RT.context(RT.body(inceput: "2024-05-13", zile: 5, acordat: "2024-05-14"))
        XCTAssertEqual(ctx.ruleSet?.name, "Set 2024")
        assertC14(ctx, ["certificat inițial, medic de familie: 5 zile, maxim 4 (Set 2024)"])
        let before = RT.context(RT.body(inceput: "2024-05-14", zile: 5, acordat: "2024-05-13"))
        XCTAssertEqual(before.ruleSet?.name, "Set 2018")
        assertQuiet("C14", before)
    }

    func testIssued2026IsJudgedBySet2024() {
        let ctx = RT.context(RT.body(inceput: "2026-03-02", zile: 5))
        XCTAssertEqual(ctx.ruleSet?.name, "Set 2024")
        assertC14(ctx, ["certificat inițial, medic de familie: 5 zile, maxim 4 (Set 2024)"])
    }

    func testSet2018Place3CertificateOf30And31() {
        assertQuiet("C14", RT.context(RT.body(loc: 3, inceput: "2023-03-01", zile: 30)))
        assertC14(RT.context(RT.body(loc: 3, inceput: "2023-03-01", zile: 31)),
                  ["certificat, ambulatoriu de specialitate: 31 zile, maxim 30 (Set 2018)"])
    }

    func testSet2018Place1YearOf90And91() {
        func ctx(_ last: Int) -> CertificateContext {
            let h = (0..<6).map { i in
                RT.known(RT.body(inceput: "2023-0\(i + 1)-02", zile: i == 5 ? last : 14), numar: "440000\(i)")
            }   // 5 × 14 + last
            return RT.context(RT.body(inceput: "2023-09-04", zile: 6), history: h)
        }
        assertQuiet("C14", ctx(14))   // 70 + 14 + 6 = 90
        assertC14(ctx(14 + 1), ["zile în an, medic de familie: 91 zile, maxim 90 (Set 2018)"])
    }

    func testBeforeTheFirstSetNothingIsLimited() {
        let ctx = RT.context(RT.body(inceput: "2018-01-11", zile: 200))
        XCTAssertNil(ctx.ruleSet)
        assertQuiet("C14", ctx)
    }
}
