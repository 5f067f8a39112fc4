import Foundation
import XCTest
@testable import CCMCore

/// The rule book: severities in force, overrides, and the document verdict they lead to.
final class FileRuleBookTests: XCTestCase {

    /// October's INITIALA received on 31 October: F09 (month not over) and nothing else.
    let earlyContext = Fixture.context(receivedAt: "2026-10-31T12:00:00+02:00")

    func testCatalogHoldsTheCoreFileRulesOnceInCodeOrder() {
        XCTAssertEqual(RuleRegistry.file.map(\.code), ["F07", "F08", "F09", "F10", "F11", "F12", "F13", "W01"])
    }

    func testDefaultSeverities() {
        let book = FileRuleBook()
        for rule in book.rules {
            XCTAssertEqual(book.severity(of: rule), rule.code == "W01" ? .avertisment : .eroare, rule.code)
        }
    }

    func testCleanDocumentHasNoFindings() {
        let book = FileRuleBook(), ctx = Fixture.context()
        var tally = DocumentTally()
        let c = Fixture.certificate()
        tally.add(c)
        tally.declared = DeclaredTotals(nrCertificate: 1, totalZile: 4)
        XCTAssertEqual(book.header(ctx) + book.certificate(c, ctx) + book.end(tally, ctx), [])
        XCTAssertEqual(FileVerdict.status([]), .inregistrat)
    }

    func testEveryReasonIsReported() {
        // Unknown provider, TEST in production, month not over, second INITIALA: four reasons at once.
        let ctx = Fixture.context(header: Fixture.header(mediu: .test), receivedAt: "2026-10-20T10:00:00+03:00",
                                  provider: nil, hasRegisteredInitial: true)
        XCTAssertEqual(Set(FileRuleBook().header(ctx).map(\.code)), ["F07", "F09", "F10", "F13"])
    }

    func testErrorRefusesTheDocument() {
        let findings = FileRuleBook().header(earlyContext)
        XCTAssertEqual(findings.map(\.code), ["F09"])
        XCTAssertEqual(FileVerdict.status(findings), .respins)
    }

    func testOverrideToOffSilencesARule() {
        let book = FileRuleBook(severities: ["F09": .off])
        XCTAssertEqual(book.header(earlyContext), [])
        XCTAssertEqual(FileVerdict.status(book.header(earlyContext)), .inregistrat)
        // Other rules keep working.
        let unknown = Fixture.context(receivedAt: "2026-10-31T12:00:00+02:00", provider: nil)
        XCTAssertEqual(book.header(unknown).map(\.code), ["F07"])
    }

    func testOverrideToAvertismentRegistersTheDocument() {
        let book = FileRuleBook(severities: ["F09": .avertisment])
        let findings = book.header(earlyContext)
        XCTAssertEqual(findings.map(\.code), ["F09"])
        XCTAssertEqual(findings.first?.severity, .avertisment)
        XCTAssertEqual(findings.first?.message, "Luna raportată 2026-10 nu este încheiată")
        XCTAssertEqual(FileVerdict.status(findings), .inregistrat)
    }

    func testOverrideAppliesToCertificateAndEndRulesToo() {
        let rect = Fixture.context(header: Fixture.header(tip: .rectificativa), hasRegisteredInitial: true)
        let c = Fixture.certificate(nil)
        XCTAssertEqual(FileRuleBook(severities: ["F12": .off]).certificate(c, rect), [])
        XCTAssertEqual(FileRuleBook(severities: ["F12": .avertisment]).certificate(c, rect).map(\.severity), [.avertisment])
        var t = DocumentTally()
        t.declared = DeclaredTotals(nrCertificate: 5, totalZile: 0)
        XCTAssertEqual(FileRuleBook(severities: ["F08": .off]).end(t, Fixture.context()), [])
        XCTAssertEqual(FileRuleBook().end(t, Fixture.context()).map(\.code), ["F08"])
    }

    func testWarningAloneRegistersTheDocument() {
        let late = Fixture.context(receivedAt: "2026-11-20T10:00:00+02:00")
        let findings = FileRuleBook().header(late)
        XCTAssertEqual(findings.map(\.code), ["W01"])
        XCTAssertEqual(FileVerdict.status(findings), .inregistrat)
    }

    func testWarningRaisedToErrorRefusesTheDocument() {
        let late = Fixture.context(receivedAt: "2026-11-20T10:00:00+02:00")
        let findings = FileRuleBook(severities: ["W01": .eroare]).header(late)
        XCTAssertEqual(findings.map(\.severity), [.eroare])
        XCTAssertEqual(FileVerdict.status(findings), .respins)
    }

    func testOverrideOfAnotherCodeChangesNothing() {
        let findings = FileRuleBook(severities: ["F13": .off, "C01": .off]).header(earlyContext)
        XCTAssertEqual(findings.map(\.code), ["F09"])
        XCTAssertEqual(findings.first?.severity, .eroare)
    }

    func testVerdictFromMixedFindings() {
        let warn = Finding(code: "W01", severity: .avertisment, message: "w")
        let err = Finding(code: "F04", severity: .eroare, message: "e")
        XCTAssertEqual(FileVerdict.status([warn]), .inregistrat)
        XCTAssertEqual(FileVerdict.status([warn, err]), .respins)
        XCTAssertEqual(FileVerdict.status([Finding(code: "X", severity: .off, message: "")]), .inregistrat)
    }

    /// A file's reasons, wherever they are reported, by code and then by line (none: first).
    func testReasonsAreOrderedByCodeThenLine() {
        let f = { (code: String, line: Int?) in Finding(code: code, severity: .eroare, message: code, line: line) }
        XCTAssertEqual(FileVerdict.ordered([f("F08", nil), f("F02", 9), f("F02", nil), f("F02", 3), f("F01", 40)]).map { "\($0.code)/\($0.line ?? 0)" },
                       ["F01/40", "F02/0", "F02/3", "F02/9", "F08/0"])
    }

    func testSeverityOrder() {
        XCTAssertLessThan(Severity.off, Severity.avertisment)
        XCTAssertLessThan(Severity.avertisment, Severity.eroare)
        XCTAssertEqual(Severity(rawValue: "AVERTISMENT"), .avertisment)
        XCTAssertNil(Severity(rawValue: "eroare"))
    }

    /// A value is written as it is: braces in a detail are not a placeholder filled again (a
    /// template filled key by key, in a dictionary's order, did so in some runs and not others).
    func testAValueWithBracesStaysAsItIs() {
        XCTAssertEqual(F01NotWellFormed.finding("eticheta {linie} nu este închisă", line: 3).message,
                       "Fișierul nu este un XML valid: eticheta {linie} nu este închisă (linia 3)")
        XCTAssertEqual(F02Schema.finding("valoarea {detaliu} {coloana}", line: 4, column: 17).message,
                       "Fișierul nu respectă schema: valoarea {detaliu} {coloana} (linia 4, coloana 17)")
    }
}
