import XCTest
@testable import CCMCore

/// The one judge of ingest and revalidation: C16's own repeat and C22's kept verdict are its
/// answers, not special cases around it.
final class DocumentJudgeTests: XCTestCase {
    let judge = DocumentJudge(config: RT.rules, nomenclators: RT.nomenclators)
    let header = RT.header()

    private func reported(_ body: CertificateBody? = RT.body(), operatie: CertificateOperation? = nil) -> ReportedCertificate {
        ReportedCertificate(position: 1, line: 7, operatie: operatie, serie: RT.serie, numar: RT.numar, body: body, motiv: nil)
    }

    private func sameNumber(cui: String, luna: String, versionId: Int? = nil) -> KnownCertificate {
        var k = RT.known(RT.body(), numar: RT.numar, cui: cui, luna: luna)
        k.versionId = versionId
        return k
    }

    func testOwnRepeatIsListedNotStored() {
        let v = judge.certificate(reported(), in: header, receiptDay: day("2026-11-10"), facts: ProviderFacts(),
                                  history: [sameNumber(cui: RT.provider, luna: "2026-09")])
        XCTAssertTrue(v.findings.map(\.code).contains("C16"))
        XCTAssertEqual(v.status, .cuErori)
        XCTAssertFalse(v.stored)
    }

    func testAnotherProvidersNumberIsStoredWithErrors() {
        let v = judge.certificate(reported(), in: header, receiptDay: day("2026-11-10"), facts: ProviderFacts(),
                                  history: [sameNumber(cui: RT.otherProvider, luna: "2026-10")])
        XCTAssertTrue(v.findings.map(\.code).contains("C16"))
        XCTAssertTrue(v.stored)
    }

    func testContentJudgedBeforehandGivesTheSameVerdict() {
        let day = day("2026-11-10"), c = reported(RT.body(cnp: "1850512350012"))
        let now = judge.certificate(c, in: header, receiptDay: day, facts: ProviderFacts(), history: [])
        let ahead = judge.certificate(c, in: header, receiptDay: day, facts: ProviderFacts(), history: [],
                                      content: judge.content(of: c, in: header, receiptDay: day))
        XCTAssertEqual(now, ahead)
        XCTAssertFalse(now.findings.isEmpty)
    }

    func testStergereIsJudgedOnItsTargetOnly() {
        let v = judge.certificate(reported(nil, operatie: .stergere), in: RT.header(tip: .rectificativa), receiptDay: day("2026-11-10"),
                                  facts: ProviderFacts(), history: [])
        XCTAssertEqual(v.findings.map(\.code), ["C22"])
    }

    /// Judged again from its stored row: its scope is the row's, its target verdict stays, and
    /// neither itself nor a later version of its number is its own history.
    func testAgainKeepsTheTargetVerdictAndSkipsItsOwnVersions() {
        var stored = sameNumber(cui: RT.provider, luna: "2026-10", versionId: 10)
        stored.sameDocument = false
        let c22 = Finding(code: "C22", severity: .eroare, message: "Certificatul CCMAM 4400123 nu există în raportările lunii 2026-10")
        let v = judge.again(stored, operatie: .modificare, position: 1, receiptDay: day("2026-11-10"), facts: ProviderFacts(),
                            neighbours: [stored, sameNumber(cui: RT.provider, luna: "2026-10", versionId: 11)], earlier: [c22])
        XCTAssertEqual(v.findings.map(\.code), ["C22"])
        XCTAssertTrue(v.says([c22]))
        let earlierRepeat = judge.again(stored, operatie: nil, position: 1, receiptDay: day("2026-11-10"), facts: ProviderFacts(),
                                        neighbours: [sameNumber(cui: RT.otherProvider, luna: "2026-10", versionId: 3)], earlier: [])
        XCTAssertTrue(earlierRepeat.findings.map(\.code).contains("C16"), "an earlier number of another provider is history")
        XCTAssertFalse(earlierRepeat.says([]))
    }

    func testDocumentVerdictSortsByCodeThenLine() {
        let f = [Finding(code: "F08", severity: .eroare, message: "b", line: 9), Finding(code: "F02", severity: .avertisment, message: "a", line: 3),
                 Finding(code: "F08", severity: .eroare, message: "a", line: 2)]
        let v = judge.verdict(f)
        XCTAssertEqual(v.reasons.map(\.line), [3, 2, 9])
        XCTAssertEqual(v.status, .respins)
        XCTAssertEqual(judge.verdict([f[1]]).status, .inregistrat)
    }

    func testEnrolmentNamesEachSignerNotEnrolled() {
        let found = judge.enrolment([(sha256: "aa", subject: "Ana"), (sha256: "bb", subject: "Dan")], enrolled: ["aa"], cui: RT.provider)
        XCTAssertEqual(found.map(\.code), ["F06"])
        XCTAssertTrue(found[0].message.contains("Dan"))
    }
}
