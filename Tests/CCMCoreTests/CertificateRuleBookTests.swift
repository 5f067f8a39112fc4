import XCTest
@testable import CCMCore
import CCMFormats

/// The certificate rule book: its catalogue and the severities in force (02-validation-rules.md §1, §3).
final class CertificateRuleBookTests: XCTestCase {

    func testCatalogueHoldsC01ToC21AndW02InCodeOrder() {
        let expected = (1...21).map { "C" + ($0 < 10 ? "0\($0)" : "\($0)") } + ["W02"]
        XCTAssertEqual(RuleRegistry.certificate.map(\.code), expected)
    }

    func testShippedFileKeepsTheDefaultSeverityOfEveryCertificateRule() {
        for rule in RuleRegistry.certificate {
            XCTAssertEqual(RT.rules.severities[rule.code], rule.defaultSeverity, rule.code)
        }
    }

    func testCleanCertificateIsValid() {
        let f = RT.findings(RT.context())
        XCTAssertEqual(f, [])
        XCTAssertEqual(CertificateRuleBook.status(f), .valid)
    }

    func testAnErrorMakesTheCertificateCuErori() {
        let f = RT.findings(RT.context(RT.body(loc: 4), line: 42))
        XCTAssertEqual(f, [Finding(code: "C13", severity: .eroare, message: "Loc de prescriere nepermis pentru furnizor", line: 42)])
        XCTAssertEqual(CertificateRuleBook.status(f), .cuErori)
    }

    func testEveryFailingRuleIsListedInCodeOrder() {
        let ctx = RT.context(RT.body(loc: 4, cnp: "1234", angajator: "42005675", diagnostic: "I53"))
        XCTAssertEqual(RT.findings(ctx).map(\.code), ["C01", "C11", "C13", "C21"])
    }

    /// The rules judged when a file is prepared, before the database is asked: those that need
    /// neither history (C08–C10, C14–C16, C19) nor the registry's pads and doctors (C17, C18).
    func testContentRulesAreThoseWithoutHistoryOrRegistry() {
        XCTAssertEqual(RuleRegistry.certificate.filter { $0 is any ContentRule }.map(\.code),
                       ["C01", "C02", "C03", "C04", "C05", "C06", "C07", "C11", "C12", "C13", "C20", "C21", "W02"])
    }

    /// Content findings judged beforehand keep their places among the history rules' findings.
    func testContentJudgedBeforehandKeepsCodeOrder() {
        let same = RT.known(RT.body(inceput: "2026-10-06"), numar: RT.numar, cui: RT.otherProvider, luna: "2026-10")
        let ctx = RT.context(RT.body(loc: 4, cnp: "1234", angajator: "42005675", diagnostic: "I53"), history: [same])
        let content = RT.book.evaluateContent(ctx.content)
        XCTAssertEqual(RT.book.evaluate(ctx, content: content).map(\.code), ["C01", "C11", "C13", "C16", "C21"])
        XCTAssertEqual(content.findings.flatMap { $0 }.map(\.code), ["C01", "C11", "C13", "C21"], "C16 is judged with history")
        // What was judged beforehand is what is reported: the content rules are not run again.
        var altered = content
        altered.findings = altered.findings.map { _ in [] }
        XCTAssertEqual(RT.book.evaluate(ctx, content: altered).map(\.code), ["C16"])
    }

    func testContentJudgedBeforehandHonoursOff() {
        let book = CertificateRuleBook(severities: ["C13": .off, "C16": .off])
        let same = RT.known(RT.body(inceput: "2026-10-06"), numar: RT.numar, cui: RT.otherProvider, luna: "2026-10")
        let ctx = RT.context(RT.body(loc: 4, diagnostic: "I53"), history: [same])
        XCTAssertEqual(book.evaluate(ctx, content: book.evaluateContent(ctx.content)).map(\.code), ["C11"])
    }

    func testOffSilencesARule() {
        let book = CertificateRuleBook(severities: ["C13": .off])
        let f = book.evaluate(RT.context(RT.body(loc: 4)))
        XCTAssertEqual(f, [])
        XCTAssertEqual(CertificateRuleBook.status(f), .valid)
    }

    func testOffSilencesOnlyThatRule() {
        let book = CertificateRuleBook(severities: ["C13": .off])
        XCTAssertEqual(book.evaluate(RT.context(RT.body(loc: 4, diagnostic: "I53"))).map(\.code), ["C11"])
    }

    func testAvertismentKeepsTheCertificateValid() {
        let book = CertificateRuleBook(severities: ["C13": .avertisment])
        let f = book.evaluate(RT.context(RT.body(loc: 4)))
        XCTAssertEqual(f.map(\.code), ["C13"])
        XCTAssertEqual(f.first?.severity, .avertisment)
        XCTAssertEqual(CertificateRuleBook.status(f), .valid)
    }

    func testW02WarnsByDefaultAndCanBeRaised() {
        let ctx = RT.context(RT.body(cod: "09", copil: childCNP(born: "2015-01-01")))
        XCTAssertEqual(CertificateRuleBook.status(RT.findings(ctx)), .valid)
        let raised = CertificateRuleBook(severities: ["W02": .eroare]).evaluate(ctx)
        XCTAssertEqual(raised.map(\.severity), [.eroare])
        XCTAssertEqual(CertificateRuleBook.status(raised), .cuErori)
        XCTAssertEqual(CertificateRuleBook(severities: ["W02": .off]).evaluate(ctx), [])
    }

    func testSeveritiesFromARulesFileApply() throws {
        let text = RT.reguliText.replacingOccurrences(of: "C13 = \"EROARE\"", with: "C13 = \"OFF\"")
            .replacingOccurrences(of: "C11 = \"EROARE\"", with: "C11 = \"AVERTISMENT\"")
        let config = try RulesFile.parse(text, knownCodes: RuleRegistry.configurableCodes)
        let f = CertificateRuleBook(severities: config.severities).evaluate(RT.context(RT.body(loc: 4, diagnostic: "I53")))
        XCTAssertEqual(f.map(\.code), ["C11"])
        XCTAssertEqual(f.map(\.severity), [.avertisment])
        XCTAssertEqual(CertificateRuleBook.status(f), .valid)
    }

    func testSeverityOfFallsBackToTheDefault() {
        let book = CertificateRuleBook(severities: ["C13": .off])
        XCTAssertEqual(book.severity(of: C13PlaceOfIssue()), .off)
        XCTAssertEqual(book.severity(of: C12EmergencyOrInfectious()), .eroare)
        XCTAssertEqual(book.severity(of: W02OlderChild()), .avertisment)
    }
}
