import XCTest
@testable import CCMCore

/// C16–C19: duplicates, the provider's pads and doctors, overlaps (02-validation-rules.md §3).
final class RegistryRulesTests: XCTestCase {

    // MARK: C16 already reported

    /// The same (Serie, Numar) as the judged certificate, known with the given owner and month.
    private func sameNumber(cui: String, luna: String, sameDocument: Bool = false) -> KnownCertificate {
        RT.known(RT.body(inceput: "2026-10-06"), numar: RT.numar, cui: cui, luna: luna, sameDocument: sameDocument)
    }

    func testC16QuietWithoutHistory() {
        let ctx = RT.context()
        assertQuiet("C16", ctx)
        XCTAssertFalse(C16AlreadyReported.isOwnRepeat(ctx))
    }

    func testC16QuietForAnotherNumberOrSerie() {
        let otherNumber = RT.known(RT.body(inceput: "2026-09-01"), numar: "4400124", cui: RT.otherProvider)
        let otherSerie = RT.known(RT.body(inceput: "2026-09-01"), numar: RT.numar, serie: "CCMBM", cui: RT.otherProvider)
        assertQuiet("C16", RT.context(history: [otherNumber, otherSerie]))
    }

    func testC16SameNumberOfAnotherProviderFires() {
        let ctx = RT.context(history: [sameNumber(cui: RT.otherProvider, luna: "2026-10")])
        assertFires("C16", ctx)
        XCTAssertEqual(RT.messages("C16", ctx), ["Certificatul CCMAM 4400123 a mai fost raportat"])
        XCTAssertFalse(C16AlreadyReported.isOwnRepeat(ctx), "another provider's number: stored with errors")
    }

    func testC16SameNumberOfAnotherProviderInAnotherMonthFires() {
        let ctx = RT.context(history: [sameNumber(cui: RT.otherProvider, luna: "2026-07")])
        assertFires("C16", ctx)
        XCTAssertFalse(C16AlreadyReported.isOwnRepeat(ctx))
    }

    func testC16OwnCertificateOfAnotherMonthFires() {
        let ctx = RT.context(history: [sameNumber(cui: RT.provider, luna: "2026-09")])
        assertFires("C16", ctx)
        XCTAssertTrue(C16AlreadyReported.isOwnRepeat(ctx), "an own repeat: listed, not stored")
    }

    func testC16EarlierInTheSameDocumentFires() {
        let ctx = RT.context(history: [sameNumber(cui: RT.provider, luna: "2026-10", sameDocument: true)])
        assertFires("C16", ctx)
        XCTAssertTrue(C16AlreadyReported.isOwnRepeat(ctx))
    }

    func testC16AdaugareNamingOwnCurrentCertificateFires() {
        let ctx = RT.context(operatie: .adaugare, tip: .rectificativa,
                             history: [sameNumber(cui: RT.provider, luna: "2026-10")])
        assertFires("C16", ctx)
        XCTAssertTrue(C16AlreadyReported.isOwnRepeat(ctx))
    }

    func testC16AdaugareOfANewNumberIsQuiet() {
        assertQuiet("C16", RT.context(operatie: .adaugare, tip: .rectificativa))
    }

    func testC16ModificareOfOwnCurrentCertificateOfTheSameMonthIsQuiet() {
        let ctx = RT.context(operatie: .modificare, tip: .rectificativa,
                             history: [sameNumber(cui: RT.provider, luna: "2026-10")])
        assertQuiet("C16", ctx)
        XCTAssertFalse(C16AlreadyReported.isOwnRepeat(ctx))
    }

    func testC16ModificareOfANumberOfAnotherProviderFires() {
        let ctx = RT.context(operatie: .modificare, tip: .rectificativa,
                             history: [sameNumber(cui: RT.otherProvider, luna: "2026-10")])
        assertFires("C16", ctx)
        XCTAssertFalse(C16AlreadyReported.isOwnRepeat(ctx))
    }

    func testC16ModificareOfOwnCertificateOfAnotherMonthFires() {
        let ctx = RT.context(operatie: .modificare, tip: .rectificativa,
                             history: [sameNumber(cui: RT.provider, luna: "2026-09")])
        assertFires("C16", ctx)
        XCTAssertTrue(C16AlreadyReported.isOwnRepeat(ctx))
    }

    func testC16BothOwnAndForeignConflictsIsAnOwnRepeat() {
        let ctx = RT.context(history: [sameNumber(cui: RT.otherProvider, luna: "2026-10"),
                                       sameNumber(cui: RT.provider, luna: "2026-10", sameDocument: true)])
        assertFires("C16", ctx)
        XCTAssertEqual(RT.check("C16", ctx).count, 1, "one finding however many conflicts")
        XCTAssertTrue(C16AlreadyReported.isOwnRepeat(ctx))
    }

    // MARK: C17 pads

    private let pad = Pad(cui: RT.provider, serie: "CCMAM", from: 4_400_000, to: 4_400_999, distributed: day("2026-01-05"))

    private func withPads(_ pads: [Pad]?, numar: String = RT.numar, serie: String = RT.serie) -> CertificateContext {
        RT.context(serie: serie, numar: numar, facts: ProviderFacts(pads: pads))
    }

    func testC17QuietWhenNoPadsAreRegistered() {
        assertQuiet("C17", withPads(nil, numar: "9999999"))
        assertQuiet("C17", withPads([], numar: "9999999"))
    }

    func testC17QuietInsideAPad() {
        let ctx = withPads([pad])
        assertQuiet("C17", ctx)
        assertOnly([], ctx)
        assertQuiet("C17", withPads([pad], numar: "4400000"), "first number")
        assertQuiet("C17", withPads([pad], numar: "4400999"), "last number")
    }

    func testC17FiresOutsideEveryPad() {
        let after = withPads([pad], numar: "4401000")
        assertFires("C17", after)
        assertOnly(["C17"], after)
        XCTAssertEqual(RT.messages("C17", after), ["Certificatul CCMAM 4401000 nu face parte din carnetele distribuite furnizorului"])
        assertFires("C17", withPads([pad], numar: "4399999"), "before the first number")
        assertFires("C17", withPads([pad], serie: "CCMBM"), "another series")
        assertFires("C17", withPads([pad], numar: "44A0123"), "not a number")
    }

    func testC17AnyOfSeveralPadsWillDo() {
        let second = Pad(cui: RT.provider, serie: "CCMBM", from: 100, to: 199, distributed: day("2026-02-01"))
        assertQuiet("C17", withPads([second, pad]))
        assertQuiet("C17", withPads([pad, second], numar: "150", serie: "CCMBM"))
        assertFires("C17", withPads([pad, second], numar: "200", serie: "CCMBM"))
    }

    // MARK: C18 doctors

    private func doctor(_ parafa: String = "A12345", from: String = "2025-01-01", until: String? = nil) -> Doctor {
        Doctor(cui: RT.provider, parafa: parafa, nume: "Popescu Ana", from: day(from), until: until.map { day($0) })
    }

    /// The default certificate (issued 2026-10-06, parafa A12345) with these doctors registered.
    private func withDoctors(_ doctors: [Doctor]?, body: CertificateBody = RT.body()) -> CertificateContext {
        RT.context(body, facts: ProviderFacts(doctors: doctors))
    }

    func testC18QuietWhenNoDoctorsAreRegistered() {
        assertQuiet("C18", withDoctors(nil, body: RT.body(parafa: "Z00000")))
        assertQuiet("C18", withDoctors([], body: RT.body(parafa: "Z00000")))
    }

    func testC18QuietForAnActiveDoctor() {
        let ctx = withDoctors([doctor()])
        assertQuiet("C18", ctx)
        assertOnly([], ctx)
        assertQuiet("C18", withDoctors([doctor(from: "2026-10-06")]), "from the day of issue")
        assertQuiet("C18", withDoctors([doctor(until: "2026-10-06")]), "until the day of issue")
    }

    func testC18FiresForAnUnknownParafa() {
        let ctx = withDoctors([doctor()], body: RT.body(parafa: "B99999"))
        assertFires("C18", ctx)
        assertOnly(["C18"], ctx)
        XCTAssertEqual(RT.messages("C18", ctx), ["Parafa B99999 nu aparține furnizorului"])
    }

    func testC18FiresForADoctorInactiveOnTheDayOfIssue() {
        assertFires("C18", withDoctors([doctor(until: "2026-10-05")]), "left the day before")
        assertFires("C18", withDoctors([doctor(from: "2026-10-07")]), "starts the day after")
    }

    func testC18JudgesOnDataAcordariiNotInceput() {
        let b = RT.body(inceput: "2026-10-05", acordat: "2026-10-06")
        assertQuiet("C18", withDoctors([doctor(from: "2026-10-06")], body: b))
        assertFires("C18", withDoctors([doctor(until: "2026-10-05")], body: b))
    }

    func testC18AnyActivePeriodOfTheParafaWillDo() {
        let periods = [doctor(from: "2020-01-01", until: "2024-12-31"), doctor(from: "2026-01-01"), doctor("B99999")]
        assertQuiet("C18", withDoctors(periods))
        assertFires("C18", withDoctors([doctor(from: "2020-01-01", until: "2024-12-31"), doctor("B99999")]))
    }

    // MARK: C19 overlap

    /// Another certificate of the insured (another chain), by default the same employer.
    private func other(_ inceput: String, _ zile: Int, cod: String = "01", loc: Int = 1, cnp: String = RT.insured,
                       angajator: String? = RT.employer, copil: String? = nil, numar: String = "4400200",
                       cui: String = RT.provider) -> KnownCertificate {
        RT.known(RT.body(cod: cod, loc: loc, inceput: inceput, zile: zile, cnp: cnp, angajator: angajator, copil: copil),
                 numar: numar, cui: cui)
    }

    // The judged certificate is the default: 2026-10-06 – 2026-10-09.

    func testC19OverlapWithTheSameEmployerFires() {
        let ctx = RT.context(history: [other("2026-10-08", 5)])
        assertFires("C19", ctx)
        assertOnly(["C19"], ctx)
        XCTAssertEqual(RT.messages("C19", ctx), ["Perioada se suprapune cu certificatul CCMAM 4400200"])
    }

    func testC19OverlapWithAnotherProvidersCertificateFires() {
        assertFires("C19", RT.context(history: [other("2026-10-01", 10, cui: RT.otherProvider)]))
    }

    func testC19OverlapWithAnotherEmployerIsQuiet() {
        assertQuiet("C19", RT.context(history: [other("2026-10-08", 5, angajator: RT.otherEmployer)]))
    }

    func testC19BothWithoutEmployerFires() {
        let ctx = RT.context(RT.body(angajator: nil), history: [other("2026-10-08", 5, angajator: nil)])
        assertFires("C19", ctx)
    }

    func testC19OnlyOneWithoutEmployerIsQuiet() {
        assertQuiet("C19", RT.context(RT.body(angajator: nil), history: [other("2026-10-08", 5)]))
        assertQuiet("C19", RT.context(history: [other("2026-10-08", 5, angajator: nil)]))
    }

    func testC19AdjacentPeriodsAreQuiet() {
        assertQuiet("C19", RT.context(history: [other("2026-10-02", 4)]), "ends the day before")
        assertQuiet("C19", RT.context(history: [other("2026-10-10", 4)]), "starts the day after")
    }

    func testC19OneDayOverlapFires() {
        assertFires("C19", RT.context(history: [other("2026-10-03", 4)]), "ends on our first day")
        assertFires("C19", RT.context(history: [other("2026-10-09", 4)]), "starts on our last day")
        assertFires("C19", RT.context(history: [other("2026-10-07", 1)]), "inside")
        assertFires("C19", RT.context(history: [other("2026-10-01", 20)]), "around")
    }

    func testC19AnotherInsuredIsQuiet() {
        assertQuiet("C19", RT.context(history: [other("2026-10-06", 4, cnp: RT.woman)]))
    }

    func testC19SameChainIsQuiet() {
        let i = RT.known(RT.body(inceput: "2026-10-05", zile: 4), numar: "4400100")
        let c1 = RT.known(RT.continuation(of: i, inceput: "2026-10-09", zile: 2, acordat: "2026-10-08"), numar: "4400101")
        let me = RT.continuation(of: i, inceput: "2026-10-08", zile: 3, acordat: "2026-10-08")
        assertQuiet("C19", RT.context(me, history: [i, c1]), "overlapping members of one chain are C09's business")
        // The initial seen from its continuation's side, and a continuation seen from the initial.
        assertQuiet("C19", RT.context(i.body, numar: i.numar, history: [c1]))
    }

    func testC19OwnOtherVersionIsQuiet() {
        let old = RT.known(RT.body(inceput: "2026-10-06", zile: 3), numar: RT.numar)
        assertQuiet("C19", RT.context(operatie: .modificare, tip: .rectificativa, history: [old]))
    }

    func testC19TwoCode09ForDifferentChildrenAreQuiet() {
        let a = childCNP(born: "2021-02-03"), b = childCNP(born: "2023-06-07", serial: 8)
        let ctx = RT.context(RT.body(cod: "09", copil: a), history: [other("2026-10-06", 4, cod: "09", copil: b)])
        assertQuiet("C19", ctx)
        assertOnly([], ctx)
    }

    func testC19TwoCode09ForTheSameChildFire() {
        let a = childCNP(born: "2021-02-03")
        assertFires("C19", RT.context(RT.body(cod: "09", copil: a), history: [other("2026-10-06", 4, cod: "09", copil: a)]))
    }

    func testC19Code09AgainstAnotherCodeFires() {
        let a = childCNP(born: "2021-02-03")
        assertFires("C19", RT.context(RT.body(cod: "09", copil: a), history: [other("2026-10-06", 4, cod: "01")]))
        assertFires("C19", RT.context(history: [other("2026-10-06", 4, cod: "09", copil: a)]))
    }

    func testC19NamesEveryOverlappingCertificate() {
        let ctx = RT.context(history: [other("2026-10-05", 2, numar: "4400201"), other("2026-10-09", 3, numar: "4400202"),
                                       other("2026-10-02", 4, numar: "4400203")])
        XCTAssertEqual(Set(RT.check("C19", ctx).map(\.text)), ["Perioada se suprapune cu certificatul \(RT.serie) 4400201",
                                                          "Perioada se suprapune cu certificatul \(RT.serie) 4400202"])
    }
}
