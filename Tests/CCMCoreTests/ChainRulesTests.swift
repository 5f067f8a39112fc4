import XCTest
@testable import CCMCore

/// C07–C10 and C15: continuations, their initial and the chain (02-validation-rules.md §3).
final class ChainRulesTests: XCTestCase {

    /// The initial of the chain: 2026-10-05 (Mon) – 2026-10-08 (Thu), issued 2026-10-05, J06,
    /// reported by another provider.
    private let initial = RT.known(RT.body(inceput: "2026-10-05", zile: 4), numar: "4400100", cui: RT.otherProvider)

    /// The continuation: 2026-10-09 – 2026-10-11, issued on the initial's last day.
    private func cont(inceput: String = "2026-10-09", zile: Int = 3, acordat: String = "2026-10-08",
                      cnp: String? = nil, diagnostic: String? = nil) -> CertificateBody {
        RT.continuation(of: initial, inceput: inceput, zile: zile, acordat: acordat, cnp: cnp, diagnostic: diagnostic)
    }

    func testValidContinuationIsClean() {
        assertOnly([], RT.context(cont(), history: [initial]))
    }

    // MARK: C07 the reference

    func testC07ContinuationWithoutReferenceFires() {
        var b = cont()
        b.certificatInitial = nil
        let ctx = RT.context(b, history: [initial])
        assertFires("C07", ctx)
        XCTAssertEqual(RT.messages("C07", ctx),
                       ["Certificatul în continuare trebuie să indice certificatul inițial (și numai el)"])
    }

    func testC07InitialWithReferenceFires() {
        var b = RT.body()
        b.certificatInitial = RT.ref(initial)
        assertFires("C07", RT.context(b, history: [initial]))
    }

    func testC07QuietForInitialWithoutAndContinuationWithReference() {
        assertQuiet("C07", RT.context())
        assertQuiet("C07", RT.context(cont(), history: [initial]))
    }

    // MARK: C08 the initial found

    func testC08QuietWhenInitialIsCurrentAtAnotherProvider() {
        let ctx = RT.context(cont(), history: [initial])
        assertQuiet("C08", ctx)
    }

    func testC08QuietWhenInitialIsEarlierInTheSameDocument() {
        let sameDoc = RT.known(initial.body, numar: initial.numar, cui: RT.provider, luna: "2026-10", sameDocument: true)
        let ctx = RT.context(RT.continuation(of: sameDoc, inceput: "2026-10-09", zile: 3, acordat: "2026-10-08"),
                             history: [sameDoc])
        assertQuiet("C08", ctx)
        assertOnly([], ctx)
    }

    func testC08FiresWhenInitialAbsent() {
        let ctx = RT.context(cont(), history: [])
        assertFires("C08", ctx)
        assertOnly(["C08"], ctx)
        XCTAssertEqual(RT.messages("C08", ctx), ["Certificatul inițial CCMAM 4400100 nu a fost găsit"])
    }

    func testC08FiresWhenOnlyAnotherSerieOrNumberIsKnown() {
        let otherSerie = RT.known(initial.body, numar: initial.numar, serie: "CCMBM", cui: RT.otherProvider)
        assertFires("C08", RT.context(cont(), history: [otherSerie]))
        let otherNumber = RT.known(initial.body, numar: "4400101", cui: RT.otherProvider)
        assertFires("C08", RT.context(cont(), history: [otherNumber]))
    }

    func testC08FiresWhenTheNamedCertificateIsItselfAContinuation() {
        var b = initial.body
        b.tip = .continuare
        b.certificatInitial = CertificateRef(serie: "CCMAM", numar: "4400050", dataAcordarii: day("2026-10-01"))
        let notAnInitial = RT.known(b, numar: initial.numar, cui: RT.otherProvider)
        assertFires("C08", RT.context(cont(), history: [notAnInitial]))
    }

    func testC08FiresWhenTheIssueDateDiffersFromTheReference() {
        var b = cont()
        b.certificatInitial = CertificateRef(serie: initial.serie, numar: initial.numar, dataAcordarii: day("2026-10-04"))
        assertFires("C08", RT.context(b, history: [initial]))
        b.certificatInitial = CertificateRef(serie: initial.serie, numar: initial.numar, dataAcordarii: day("2026-10-06"))
        assertFires("C08", RT.context(b, history: [initial]))
    }

    func testC08QuietForAnInitial() {
        assertQuiet("C08", RT.context())
    }

    // MARK: C09 continuity

    /// The spec's example: an initial 2026-04-07 – 2026-04-10 (Good Friday; Easter 2026-04-12,
    /// Easter Monday 2026-04-13 are holidays), and a continuation starting 2026-04-11.
    private let goodFridayInitial = RT.known(RT.body(inceput: "2026-04-07", zile: 4), numar: "4400100")
    private func afterGoodFriday(inceput: String = "2026-04-11", acordat: String) -> CertificateContext {
        let b = RT.continuation(of: goodFridayInitial, inceput: inceput, zile: 3, acordat: acordat)
        return RT.context(b, receipt: "2026-05-05", history: [goodFridayInitial])
    }

    func testC09CalendarAssumptionsOfTheExample() {
        let cal = NonWorkingDays()
        XCTAssertTrue(cal.isNonWorking(day("2026-04-10")), "Good Friday")
        XCTAssertTrue(cal.isNonWorking(day("2026-04-13")), "Easter Monday")
        XCTAssertEqual(cal.firstWorkingDay(after: day("2026-04-10")), day("2026-04-14"))
    }

    func testC09IssuedOnTheFirstWorkingDayAfterANonWorkingEndIsQuiet() {
        let ctx = afterGoodFriday(acordat: "2026-04-14")
        assertQuiet("C09", ctx)
        assertOnly([], ctx)
    }

    func testC09IssuedOnTheSecondWorkingDayFires() {
        let ctx = afterGoodFriday(acordat: "2026-04-15")
        assertFires("C09", ctx)
        assertOnly(["C09"], ctx)
        XCTAssertEqual(RT.messages("C09", ctx), ["Certificatul în continuare nu continuă perioada anterioară (încheiată la 10.04.2026)"])
    }

    func testC09IssuedOnTheEndDayItselfIsQuiet() {
        assertQuiet("C09", afterGoodFriday(acordat: "2026-04-10"))
    }

    func testC09IssuedBeforeTheEndIsQuiet() {
        assertQuiet("C09", afterGoodFriday(acordat: "2026-04-09"))
    }

    func testC09IssuedOnANonWorkingDayBetweenEndAndFirstWorkingDayFires() {
        // Literally: DataAcordarii > E and not the first working day after E.
        assertFires("C09", afterGoodFriday(acordat: "2026-04-13"))
    }

    func testC09GapFires() {
        assertFires("C09", afterGoodFriday(inceput: "2026-04-12", acordat: "2026-04-10"), "starts 2 days after E")
    }

    func testC09OverlapFires() {
        assertFires("C09", afterGoodFriday(inceput: "2026-04-10", acordat: "2026-04-10"), "starts on E")
    }

    func testC09WorkingDayEndAllowsNoLateIssue() {
        // E = Thursday 2026-10-08, a working day.
        assertQuiet("C09", RT.context(cont(acordat: "2026-10-08"), history: [initial]))
        assertFires("C09", RT.context(cont(acordat: "2026-10-09"), history: [initial]), "issued the day after a working E")
    }

    func testC09SaturdayEndAllowsMondayNotTuesday() {
        let i = RT.known(RT.body(inceput: "2026-10-07", zile: 4), numar: "4400100")   // ends Sat 2026-10-10
        func c(_ acordat: String) -> CertificateContext {
            RT.context(RT.continuation(of: i, inceput: "2026-10-11", zile: 3, acordat: acordat), history: [i])
        }
        assertQuiet("C09", c("2026-10-12"))
        assertFires("C09", c("2026-10-13"))
    }

    func testC09UsesTheLatestEndAmongEarlierMembers() {
        let i = RT.known(RT.body(loc: 3, inceput: "2026-10-01", zile: 2), numar: "4400100")
        let c1 = RT.known(RT.continuation(of: i, inceput: "2026-10-03", zile: 3, acordat: "2026-10-02"), numar: "4400101",
                          cui: RT.otherProvider)
        let me = RT.continuation(of: i, inceput: "2026-10-06", zile: 3, acordat: "2026-10-05")
        assertQuiet("C09", RT.context(me, history: [c1, i]), "E = 2026-10-05, the continuation's end")
        let tooEarly = RT.continuation(of: i, inceput: "2026-10-03", zile: 3, acordat: "2026-10-02")
        XCTAssertEqual(RT.check("C09", RT.context(tooEarly, numar: "4400102", history: [c1, i])), [],
                       "a member starting on the same day is not an earlier one")
        let gap = RT.continuation(of: i, inceput: "2026-10-07", zile: 3, acordat: "2026-10-05")
        XCTAssertEqual(RT.check("C09", RT.context(gap, history: [c1, i])).map(\.text),
                       ["Certificatul în continuare nu continuă perioada anterioară (încheiată la 05.10.2026)"])
    }

    func testC09IgnoresMembersStartingLater() {
        let i = RT.known(RT.body(loc: 3, inceput: "2026-10-01", zile: 2), numar: "4400100")
        let later = RT.known(RT.continuation(of: i, inceput: "2026-10-05", zile: 2, acordat: "2026-10-04"), numar: "4400102")
        let me = RT.continuation(of: i, inceput: "2026-10-03", zile: 2, acordat: "2026-10-02")
        assertQuiet("C09", RT.context(me, numar: "4400101", history: [i, later]))
    }

    func testC09IgnoresOwnOtherVersionAndOtherChains() {
        let i = RT.known(RT.body(loc: 3, inceput: "2026-10-01", zile: 2), numar: "4400100")
        let me = RT.continuation(of: i, inceput: "2026-10-03", zile: 2, acordat: "2026-10-02")
        let ownOld = RT.known(RT.continuation(of: i, inceput: "2026-10-02", zile: 2, acordat: "2026-10-02"), numar: RT.numar)
        let otherChain = RT.known(RT.body(loc: 3, inceput: "2026-09-28", zile: 10), numar: "4400090")
        assertQuiet("C09", RT.context(me, history: [i, ownOld, otherChain]))
    }

    func testC09QuietWhenTheInitialIsNotFound() {
        assertQuiet("C09", RT.context(cont(inceput: "2026-10-20", acordat: "2026-10-20"), history: []))
    }

    // MARK: C10 same insured, same disease

    func testC10OtherInsuredFires() {
        let ctx = RT.context(cont(cnp: RT.woman), history: [initial])
        assertFires("C10", ctx)
        XCTAssertEqual(RT.messages("C10", ctx), ["Certificatul în continuare nu corespunde asiguratului sau diagnosticului inițial"])
    }

    func testC10OtherCategoryFires() {
        assertFires("C10", RT.context(cont(diagnostic: "J20"), history: [initial]))
        assertFires("C10", RT.context(cont(diagnostic: "J20.9"), history: [initial]))
    }

    func testC10SubcategoryOfTheSameCategoryIsQuiet() {
        let ctx = RT.context(cont(diagnostic: "J06.9"), history: [initial])
        assertQuiet("C10", ctx)
        assertOnly([], ctx)
        let i9 = RT.known(RT.body(inceput: "2026-10-05", zile: 4, diagnostic: "J06.9"), numar: "4400100")
        assertQuiet("C10", RT.context(RT.continuation(of: i9, inceput: "2026-10-09", zile: 3, acordat: "2026-10-08",
                                                      diagnostic: "J06"), history: [i9]))
    }

    func testC10QuietWhenTheInitialIsNotFound() {
        assertQuiet("C10", RT.context(cont(cnp: RT.woman), history: []))
    }

    // MARK: C15 expert's opinion past 90 days

    /// A chain at place 2 (no per-place C14 limit): an initial of `first` days from 2026-08-01,
    /// and this continuation of `zile` days right after it.
    private func chain(first: Int, zile: Int, cod: String = "01", aviz: String? = nil) -> CertificateContext {
        let i = RT.known(RT.body(cod: cod, loc: 2, inceput: "2026-08-01", zile: first, cnp: RT.woman), numar: "4400100",
                         cui: RT.otherProvider)
        let start = i.body.perioada.sfarsit.adding(days: 1)
        let b = RT.continuation(of: i, inceput: start.description, zile: zile,
                                acordat: i.body.perioada.sfarsit.description, aviz: aviz)
        return RT.context(b, history: [i])
    }

    func testC15ChainOf90IsQuiet() {
        let ctx = chain(first: 60, zile: 30)
        assertQuiet("C15", ctx)
        assertOnly([], ctx)
    }

    func testC15ChainOf91WithoutAvizFires() {
        let ctx = chain(first: 60, zile: 31)
        assertFires("C15", ctx)
        assertOnly(["C15"], ctx)
        XCTAssertEqual(RT.messages("C15", ctx), ["Lipsește avizul medicului expert pentru depășirea a 90 de zile"])
    }

    func testC15ChainOf91WithAvizIsQuiet() {
        assertQuiet("C15", chain(first: 60, zile: 31, aviz: "AV-2026-17"))
        assertQuiet("C15", chain(first: 90, zile: 60, aviz: "AV-2026-17"))
    }

    func testC15SingleInitialOf90And91() {
        assertQuiet("C15", RT.context(RT.body(loc: 2, inceput: "2026-08-01", zile: 90, acordat: "2026-08-01")))
        assertFires("C15", RT.context(RT.body(loc: 2, inceput: "2026-08-01", zile: 91, acordat: "2026-08-01")))
    }

    func testC15ExemptCodes() {
        for cod in ["08", "09", "10", "11", "15"] {
            assertQuiet("C15", chain(first: 60, zile: 31, cod: cod), "code \(cod)")
            assertQuiet("C15", chain(first: 60, zile: 100, cod: cod), "code \(cod)")
        }
    }

    func testC15Code08InitialOver90IsQuiet() {
        let ctx = RT.context(RT.body(cod: "08", inceput: "2026-10-01", zile: 120, cnp: RT.woman))
        assertQuiet("C15", ctx)
        assertOnly([], ctx)
    }

    func testC15NonExemptCodes() {
        for cod in ["01", "02", "03", "04", "05", "06", "07", "12", "13", "14"] {
            assertFires("C15", chain(first: 60, zile: 31, cod: cod), "code \(cod)")
            assertQuiet("C15", chain(first: 60, zile: 30, cod: cod), "code \(cod)")
        }
    }

    func testC15CountsOnlyThisChain() {
        let otherChain = RT.known(RT.body(loc: 2, inceput: "2026-06-01", zile: 60), numar: "4400050")
        let ctx = RT.context(RT.body(loc: 2, inceput: "2026-10-01", zile: 31), history: [otherChain])
        assertQuiet("C15", ctx)
    }

    func testC15DoesNotCountTheSameNumberReportedByAnotherProvider() {
        // The same (Serie, Numar) at another provider is this certificate reported again (C16), not another member.
        let i = RT.known(RT.body(loc: 2, inceput: "2026-08-01", zile: 60), numar: "4400100")
        let me = RT.continuation(of: i, inceput: "2026-09-30", zile: 30, acordat: "2026-09-29")
        let again = RT.known(me, numar: RT.numar, cui: RT.otherProvider)
        assertQuiet("C15", RT.context(me, history: [i, again]))
    }

    func testC15DoesNotCountTheOldVersionOfThisCertificate() {
        // A MODIFICARE: the replaced version of the same (Serie, Numar) of this provider is not summed twice.
        let i = RT.known(RT.body(loc: 2, inceput: "2026-08-01", zile: 60), numar: "4400100")
        let me = RT.continuation(of: i, inceput: "2026-09-30", zile: 30, acordat: "2026-09-29")
        let old = RT.known(RT.continuation(of: i, inceput: "2026-09-30", zile: 31, acordat: "2026-09-29"), numar: RT.numar)
        assertQuiet("C15", RT.context(me, operatie: .modificare, tip: .rectificativa, history: [i, old]))
    }
}
