import Foundation
import XCTest
@testable import CCMCore

/// File-level rules of 02-validation-rules.md §2: each one made to FIRE and, next to the
/// boundary, to stay QUIET. Messages are checked against the spec's Romanian templates.

private func headerHits(_ rule: some FileRule, _ ctx: FileContext) -> [Finding.Message] { rule.checkHeader(ctx) }

/// The findings the rule book gives for one code on the header of `ctx`.
private func bookFindings(_ code: String, _ ctx: FileContext, book: FileRuleBook = FileRuleBook()) -> [Finding] {
    book.header(ctx).filter { $0.code == code }
}

private func receivedIn(_ luna: String, _ tip: DocumentKind = .initiala, at receivedAt: String) -> FileContext {
    Fixture.context(header: Fixture.header(tip: tip, luna: luna), receivedAt: receivedAt,
                    hasRegisteredInitial: tip == .rectificativa)
}

// MARK: - F07

final class F07ProviderConventionTests: XCTestCase {
    let rule = F07ProviderConvention()

    func testKnownProviderWithOpenConventionIsQuiet() {
        XCTAssertEqual(headerHits(rule, Fixture.context()).count, 0)
    }

    func testUnknownProviderFires() {
        let ctx = Fixture.context(provider: nil)
        XCTAssertEqual(headerHits(rule, ctx).count, 1)
        let f = bookFindings("F07", ctx)
        XCTAssertEqual(f.map(\.message), ["Furnizorul 31001235 nu are convenție activă cu CAS TM pentru luna 2026-10"])
        XCTAssertEqual(f.first?.severity, .eroare)
    }

    func testConventionEndedTheDayBeforeTheMonthFires() {
        let ctx = Fixture.context(provider: Fixture.provider(from: "2020-01-01", until: "2026-09-30"))
        XCTAssertEqual(headerHits(rule, ctx).count, 1)
    }

    func testConventionEndingOnTheFirstDayOfTheMonthIsQuiet() {
        let ctx = Fixture.context(provider: Fixture.provider(from: "2020-01-01", until: "2026-10-01"))
        XCTAssertEqual(headerHits(rule, ctx).count, 0)
    }

    func testConventionStartingOnTheLastDayOfTheMonthIsQuiet() {
        let ctx = Fixture.context(provider: Fixture.provider(from: "2026-10-31"))
        XCTAssertEqual(headerHits(rule, ctx).count, 0)
    }

    func testConventionStartingTheDayAfterTheMonthFires() {
        let ctx = Fixture.context(provider: Fixture.provider(from: "2026-11-01"))
        XCTAssertEqual(headerHits(rule, ctx).count, 1)
    }

    func testConventionWithinTheMonthIsQuiet() {
        let ctx = Fixture.context(provider: Fixture.provider(from: "2026-10-10", until: "2026-10-20"))
        XCTAssertEqual(headerHits(rule, ctx).count, 0)
    }

    func testHeaderCasaDifferentFromDeploymentFires() {
        let ctx = Fixture.context(header: Fixture.header(casa: "IS"))
        XCTAssertEqual(headerHits(rule, ctx).count, 1)
    }

    func testRegistryCasaDifferentFromDeploymentFires() {
        let ctx = Fixture.context(provider: Fixture.provider(casa: "IS"))
        XCTAssertEqual(headerHits(rule, ctx).count, 1)
    }

    func testAnotherDeploymentWithMatchingCasaIsQuiet() {
        let ctx = Fixture.context(header: Fixture.header(casa: "IS"), deployment: Deployment(casa: "IS", mediu: .productie),
                                  provider: Fixture.provider(casa: "IS"))
        XCTAssertEqual(headerHits(rule, ctx).count, 0)
        let wrong = Fixture.context(deployment: Deployment(casa: "IS", mediu: .productie))
        XCTAssertEqual(bookFindings("F07", wrong).map(\.message),
                       ["Furnizorul 31001235 nu are convenție activă cu CAS IS pentru luna 2026-10"])
    }
}

// MARK: - F08

final class F08TotalsTests: XCTestCase {
    let rule = F08Totals()

    private func tally(_ certs: [ReportedCertificate], declared: DeclaredTotals?) -> DocumentTally {
        var t = DocumentTally()
        for c in certs { t.add(c) }
        t.declared = declared
        return t
    }

    private let twoCerts = [Fixture.certificate(body: Fixture.body(zile: 4)),
                            Fixture.certificate(numar: "4400124", body: Fixture.body(zile: 10))]

    func testEqualTotalsAreQuiet() {
        XCTAssertEqual(rule.checkEnd(tally(twoCerts, declared: .init(nrCertificate: 2, totalZile: 14)), Fixture.context()).count, 0)
    }

    /// Splits an F08 message along its template "declarat {declarat}, calculat {calculat}".
    private func parts(_ m: String) -> (declared: String, computed: String)? {
        let prefix = "Totalurile de control nu corespund: declarat "
        guard m.hasPrefix(prefix), let r = m.range(of: ", calculat ") else { return nil }
        return (String(m[m.index(m.startIndex, offsetBy: prefix.count)..<r.lowerBound]), String(m[r.upperBound...]))
    }

    private func numbers(_ s: String) -> [Int] {
        s.split(whereSeparator: { !$0.isNumber }).compactMap { Int($0) }
    }

    /// The counts read as Romanian says them: "1 certificat", "20 de zile".
    func testTheCountsAgreeWithTheirNouns() {
        let one = [Fixture.certificate(body: Fixture.body(zile: 4))]
        let f = rule.checkEnd(tally(one, declared: .init(nrCertificate: 20, totalZile: 1)), Fixture.context())
        XCTAssertEqual(f.first?.text, "Totalurile de control nu corespund: declarat 20 de certificate / 1 zi, calculat 1 certificat / 4 zile")
    }

    func testDifferentCountFires() {
        let t = tally(twoCerts, declared: .init(nrCertificate: 3, totalZile: 14))
        XCTAssertEqual(rule.checkEnd(t, Fixture.context()).count, 1)
        let f = FileRuleBook().end(t, Fixture.context()).filter { $0.code == "F08" }
        XCTAssertEqual(f.count, 1)
        XCTAssertEqual(f.first?.severity, .eroare)
        guard let p = parts(f.first?.message ?? "") else { return XCTFail("not the F08 template: \(f)") }
        XCTAssertEqual(numbers(p.declared), [3, 14], p.declared)
        XCTAssertEqual(numbers(p.computed), [2, 14], p.computed)
    }

    func testDifferentDaysFires() {
        let t = tally(twoCerts, declared: .init(nrCertificate: 2, totalZile: 15))
        XCTAssertEqual(rule.checkEnd(t, Fixture.context()).count, 1)
        let m = FileRuleBook().end(t, Fixture.context()).first { $0.code == "F08" }?.message ?? ""
        guard let p = parts(m) else { return XCTFail("not the F08 template: \(m)") }
        XCTAssertEqual(numbers(p.declared), [2, 15], p.declared)
        XCTAssertEqual(numbers(p.computed), [2, 14], p.computed)
    }

    func testNoTotaluriIsQuiet() {
        XCTAssertEqual(rule.checkEnd(tally(twoCerts, declared: nil), Fixture.context()).count, 0)
    }

    func testEmptyReportWithZeroTotalsIsQuiet() {
        XCTAssertEqual(rule.checkEnd(tally([], declared: .init(nrCertificate: 0, totalZile: 0)), Fixture.context()).count, 0)
        XCTAssertEqual(rule.checkEnd(tally([], declared: .init(nrCertificate: 1, totalZile: 0)), Fixture.context()).count, 1)
    }

    func testStergereCountsAsACertificateButHasNoDays() {
        // The spec's rectificative example: one STERGERE and one MODIFICARE of 4 days → Totaluri 2 / 4.
        let certs = [Fixture.certificate(.stergere, numar: "4400124", body: nil),
                     Fixture.certificate(.modificare, body: Fixture.body(zile: 4))]
        let ctx = Fixture.context(header: Fixture.header(tip: .rectificativa), hasRegisteredInitial: true)
        XCTAssertEqual(rule.checkEnd(tally(certs, declared: .init(nrCertificate: 2, totalZile: 4)), ctx).count, 0)
        XCTAssertEqual(rule.checkEnd(tally(certs, declared: .init(nrCertificate: 1, totalZile: 4)), ctx).count, 1)
    }
}

// MARK: - F09

final class F09MonthNotOverTests: XCTestCase {
    let rule = F09MonthNotOver()

    func testLastMinuteOfTheMonthFires() {
        let ctx = receivedIn("2026-10", at: "2026-10-31T23:59:00+02:00")
        XCTAssertEqual(headerHits(rule, ctx).count, 1)
        XCTAssertEqual(bookFindings("F09", ctx).map(\.message), ["Luna raportată 2026-10 nu este încheiată"])
    }

    func testFirstMinuteOfTheNextMonthIsQuiet() {
        XCTAssertEqual(headerHits(rule, receivedIn("2026-10", at: "2026-11-01T00:00:30+02:00")).count, 0)
    }

    func testUTCEveningOfTheLastDayIsAlreadyNextMonthInBucharest() {
        XCTAssertEqual(headerHits(rule, receivedIn("2026-10", at: "2026-10-31T22:30:00Z")).count, 0)
        XCTAssertEqual(headerHits(rule, receivedIn("2026-10", at: "2026-10-31T21:59:59Z")).count, 1)
    }

    func testSummerOffset() {
        // June ends at 2026-06-30T21:00:00Z (+03:00).
        XCTAssertEqual(headerHits(rule, receivedIn("2026-06", at: "2026-06-30T20:59:59Z")).count, 1)
        XCTAssertEqual(headerHits(rule, receivedIn("2026-06", at: "2026-06-30T21:00:00Z")).count, 0)
    }

    func testReportForTheCurrentMonthFires() {
        XCTAssertEqual(headerHits(rule, receivedIn("2026-11", at: "2026-11-15T10:00:00+02:00")).count, 1)
        XCTAssertEqual(headerHits(rule, receivedIn("2026-11", .rectificativa, at: "2026-11-30T10:00:00+02:00")).count, 1)
    }

    func testReportForAFutureMonthFires() {
        XCTAssertEqual(headerHits(rule, receivedIn("2026-12", at: "2026-11-15T10:00:00+02:00")).count, 1)
        XCTAssertEqual(headerHits(rule, receivedIn("2027-01", at: "2026-12-15T10:00:00+02:00")).count, 1)
    }

    func testOldMonthsAreQuietAcrossTheYearBoundary() {
        XCTAssertEqual(headerHits(rule, receivedIn("2026-12", at: "2027-01-01T00:00:01+02:00")).count, 0)
        XCTAssertEqual(headerHits(rule, receivedIn("2025-11", at: "2026-10-15T10:00:00+03:00")).count, 0)
    }
}

// MARK: - F10

final class F10InitialExistsTests: XCTestCase {
    let rule = F10InitialExists()

    func testSecondInitialaFires() {
        let ctx = Fixture.context(hasRegisteredInitial: true)
        XCTAssertEqual(headerHits(rule, ctx).count, 1)
        XCTAssertEqual(bookFindings("F10", ctx).map(\.message),
                       ["Există deja o raportare inițială pentru luna 2026-10; transmiteți o rectificativă"])
    }

    func testFirstInitialaIsQuiet() {
        XCTAssertEqual(headerHits(rule, Fixture.context(hasRegisteredInitial: false)).count, 0)
    }

    func testRectificativaAfterInitialaIsQuiet() {
        let ctx = Fixture.context(header: Fixture.header(tip: .rectificativa), hasRegisteredInitial: true)
        XCTAssertEqual(headerHits(rule, ctx).count, 0)
    }
}

// MARK: - F11

final class F11NoInitialTests: XCTestCase {
    let rule = F11NoInitial()

    func testRectificativaWithoutInitialaFires() {
        let ctx = Fixture.context(header: Fixture.header(tip: .rectificativa), hasRegisteredInitial: false)
        XCTAssertEqual(headerHits(rule, ctx).count, 1)
        XCTAssertEqual(bookFindings("F11", ctx).map(\.message), ["Nu există o raportare inițială pentru luna 2026-10"])
    }

    func testRectificativaWithInitialaIsQuiet() {
        let ctx = Fixture.context(header: Fixture.header(tip: .rectificativa), hasRegisteredInitial: true)
        XCTAssertEqual(headerHits(rule, ctx).count, 0)
    }

    func testInitialaWithoutInitialaIsQuiet() {
        XCTAssertEqual(headerHits(rule, Fixture.context(hasRegisteredInitial: false)).count, 0)
    }
}

// MARK: - F12

final class F12OperationTests: XCTestCase {
    let rule = F12Operation()
    let initiala = Fixture.context()
    let rectificativa = Fixture.context(header: Fixture.header(tip: .rectificativa), hasRegisteredInitial: true)

    func testMissingOperatieInRectificativaFires() {
        let c = Fixture.certificate(nil, serie: "CCMAM", numar: "4400123", line: 12)
        XCTAssertEqual(rule.checkCertificate(c, rectificativa).count, 1)
        let f = FileRuleBook().certificate(c, rectificativa).filter { $0.code == "F12" }
        XCTAssertEqual(f.map(\.message), ["Atributul operatie lipsește sau nu este permis (certificatul CCMAM 4400123)"])
        XCTAssertEqual(f.first?.line, 12, "the finding points at the certificate")
    }

    func testOperatieInRectificativaIsQuiet() {
        for op in [CertificateOperation.adaugare, .modificare] {
            XCTAssertEqual(rule.checkCertificate(Fixture.certificate(op), rectificativa).count, 0, op.rawValue)
        }
        XCTAssertEqual(rule.checkCertificate(Fixture.certificate(.stergere, body: nil), rectificativa).count, 0)
    }

    func testOperatieInInitialaFires() {
        for op in [CertificateOperation.adaugare, .modificare, .stergere] {
            XCTAssertEqual(rule.checkCertificate(Fixture.certificate(op), initiala).count, 1, op.rawValue)
        }
    }

    func testNoOperatieInInitialaIsQuiet() {
        XCTAssertEqual(rule.checkCertificate(Fixture.certificate(nil), initiala).count, 0)
        XCTAssertEqual(FileRuleBook().certificate(Fixture.certificate(nil), initiala), [])
    }
}

// MARK: - F13

final class F13EnvironmentTests: XCTestCase {
    let rule = F13Environment()

    func testTestDocumentInProductionFires() {
        let ctx = Fixture.context(header: Fixture.header(mediu: .test), deployment: Deployment(casa: "TM", mediu: .productie))
        XCTAssertEqual(headerHits(rule, ctx).count, 1)
        XCTAssertEqual(bookFindings("F13", ctx).map(\.message), ["Raportare de TEST transmisă în alt mediu"])
    }

    func testProductionDocumentInTestFires() {
        let ctx = Fixture.context(header: Fixture.header(mediu: .productie), deployment: Deployment(casa: "TM", mediu: .test))
        XCTAssertEqual(bookFindings("F13", ctx).map(\.message), ["Raportare de PRODUCTIE transmisă în alt mediu"])
    }

    func testSameEnvironmentIsQuiet() {
        for env in Environment.allCases {
            let ctx = Fixture.context(header: Fixture.header(mediu: env), deployment: Deployment(casa: "TM", mediu: env))
            XCTAssertEqual(headerHits(rule, ctx).count, 0, env.rawValue)
        }
    }
}

// MARK: - W01

final class W01LateReportTests: XCTestCase {
    let rule = W01LateReport()

    func testLastSecondBeforeTheWinterDeadlineIsQuiet() {
        XCTAssertEqual(headerHits(rule, receivedIn("2026-10", at: "2026-11-12T23:59:59+02:00")).count, 0)
    }

    func testMidnightAfterTheWinterDeadlineFires() {
        let ctx = receivedIn("2026-10", at: "2026-11-13T00:00:00+02:00")
        XCTAssertEqual(headerHits(rule, ctx).count, 1)
        let f = bookFindings("W01", ctx)
        XCTAssertEqual(f.count, 1)
        XCTAssertEqual(f.first?.severity, .avertisment)
        XCTAssertTrue(f.first?.message.contains("12.11.2026") == true, f.first?.message ?? "")
        XCTAssertEqual(f.first?.message, "Raportare transmisă după termenul legal (12.11.2026)")
    }

    func testWinterDeadlineIsBucharestTimeNotUTC() {
        // 23:30 UTC on the 12th is already the 13th in Bucharest.
        XCTAssertEqual(headerHits(rule, receivedIn("2026-10", at: "2026-11-12T22:30:00Z")).count, 1)
        XCTAssertEqual(headerHits(rule, receivedIn("2026-10", at: "2026-11-12T21:59:59Z")).count, 0)
    }

    func testSummerDeadlineUsesPlusThree() {
        XCTAssertEqual(headerHits(rule, receivedIn("2026-06", at: "2026-07-12T23:59:59+03:00")).count, 0)
        XCTAssertEqual(headerHits(rule, receivedIn("2026-06", at: "2026-07-13T00:00:00+03:00")).count, 1)
        // 23:30 at +02:00 is 00:30 on the 13th in Bucharest summer time: late.
        XCTAssertEqual(headerHits(rule, receivedIn("2026-06", at: "2026-07-12T23:30:00+02:00")).count, 1)
        XCTAssertEqual(bookFindings("W01", receivedIn("2026-06", at: "2026-07-13T00:00:00+03:00")).first?.message,
                       "Raportare transmisă după termenul legal (12.07.2026)")
    }

    func testDeadlineInstant() {
        XCTAssertEqual(W01LateReport.deadline(month("2026-10")), instant("2026-11-12T23:59:59+02:00"))
        XCTAssertEqual(W01LateReport.deadline(month("2026-06")), instant("2026-07-12T23:59:59+03:00"))
        XCTAssertEqual(W01LateReport.deadlineDay(month("2026-12")), day("2027-01-12"))
    }

    func testDecemberDeadlineIsInJanuary() {
        XCTAssertEqual(headerHits(rule, receivedIn("2026-12", at: "2027-01-12T23:59:59+02:00")).count, 0)
        let late = receivedIn("2026-12", at: "2027-01-13T00:00:00+02:00")
        XCTAssertEqual(bookFindings("W01", late).first?.message, "Raportare transmisă după termenul legal (12.01.2027)")
    }

    func testOnTimeReportIsQuiet() {
        XCTAssertEqual(headerHits(rule, receivedIn("2026-10", at: "2026-11-03T09:20:00+02:00")).count, 0)
    }

    func testLateRectificativaNeverFires() {
        for at in ["2026-11-13T00:00:00+02:00", "2026-11-16T12:00:00+02:00", "2027-05-01T10:00:00+03:00"] {
            XCTAssertEqual(headerHits(rule, receivedIn("2026-10", .rectificativa, at: at)).count, 0, at)
        }
    }
}

// MARK: - F01 / F02 (found by the adapters; the core builds their findings)

final class F01F02Tests: XCTestCase {

    func testF01Finding() {
        let f = F01NotWellFormed.finding("etichetă neînchisă", line: 3)
        XCTAssertEqual(f.code, "F01")
        XCTAssertEqual(f.severity, .eroare)
        XCTAssertEqual(f.line, 3)
        XCTAssertEqual(f.message, "Fișierul nu este un XML valid: etichetă neînchisă (linia 3)")
    }

    func testF02Finding() {
        let f = F02Schema.finding("element neașteptat", line: 4, column: 17)
        XCTAssertEqual(f.code, "F02")
        XCTAssertEqual(f.severity, .eroare)
        XCTAssertEqual([f.line, f.column], [4, 17])
        XCTAssertEqual(f.message, "Fișierul nu respectă schema: element neașteptat (linia 4, coloana 17)")
    }

    func testStergereWithABodyIsAShapeProblem() {
        let problem = F02Schema.shapeProblem(Fixture.certificate(.stergere, serie: "CCMAM", numar: "4400124"))
        XCTAssertNotNil(problem)
        XCTAssertTrue(problem?.contains("CCMAM 4400124") == true, problem ?? "")
    }

    func testAdaugareWithoutABodyIsAShapeProblem() {
        let problem = F02Schema.shapeProblem(Fixture.certificate(.adaugare, serie: "CCMAM", numar: "4400125", body: nil))
        XCTAssertNotNil(problem)
        XCTAssertTrue(problem?.contains("CCMAM 4400125") == true, problem ?? "")
        XCTAssertNotNil(F02Schema.shapeProblem(Fixture.certificate(.modificare, body: nil)))
        XCTAssertNotNil(F02Schema.shapeProblem(Fixture.certificate(nil, body: nil)), "an INITIALA certificate needs its content")
    }

    func testStergereWithoutABodyIsFine() {
        XCTAssertNil(F02Schema.shapeProblem(Fixture.certificate(.stergere, body: nil)))
    }

    func testCertificatesWithTheirContentAreFine() {
        XCTAssertNil(F02Schema.shapeProblem(Fixture.certificate(nil)))
        XCTAssertNil(F02Schema.shapeProblem(Fixture.certificate(.adaugare)))
        XCTAssertNil(F02Schema.shapeProblem(Fixture.certificate(.modificare)))
    }
}
