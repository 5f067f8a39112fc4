import XCTest
@testable import CCMCore

/// The public table says what is wrong with a certificate without hinting at a condition
/// (`04-outputs.md` §1): no pregnancy, maternal risk, child's illness, emergency or infectious
/// disease, no indemnity code, no sex. The operator's message keeps the detail.
final class PublicMessageTests: XCTestCase {
    static let hints = ["sarcină", "lăuzie", "maternal", "copil", "urgență", "infecto", "08", "15", "05", "06", "medic de familie"]

    func publicMessages(_ code: String, _ ctx: CertificateContext) -> [String] {
        RT.findings(ctx).filter { $0.code == code }.compactMap(\.publicMessage)
    }

    func assertNoHint(_ messages: [String], file: StaticString = #filePath, line: UInt = #line) {
        XCTAssertFalse(messages.isEmpty, "the rule fired and has a public message", file: file, line: line)
        for m in messages { for h in Self.hints { XCTAssertFalse(m.contains(h), "„\(h)” in „\(m)”", file: file, line: line) } }
    }

    func testC14NamesOnlyTheRuleSetPublicly() {
        let ctx = RT.context(RT.body(zile: 5))
        XCTAssertEqual(publicMessages("C14", ctx), ["Durata depășește limita permisă (Set 2024)"])
        assertNoHint(publicMessages("C14", ctx))
        XCTAssertEqual(RT.messages("C14", ctx), ["Durata depășește limita: certificat inițial, medic de familie: 5 zile, maxim 4 (Set 2024)"])
    }

    func testC20DoesNotSayTheCodeOrTheSexPublicly() {
        for cod in ["08", "15"] {
            let ctx = RT.context(RT.body(cod: cod, cnp: RT.insured))
            XCTAssertEqual(publicMessages("C20", ctx), ["Codul de indemnizație nu corespunde asiguratului"])
            assertNoHint(publicMessages("C20", ctx))
        }
    }

    func testC12DoesNotSayEmergencyOrInfectiousPublicly() {
        for ctx in [RT.context(RT.body(cod: "05")), RT.context(RT.body(cod: "06"))] {
            assertNoHint(publicMessages("C12", ctx))
            XCTAssertEqual(RT.messages("C12", ctx), ["Cod de urgență / boală infectocontagioasă lipsă sau invalid"])
        }
    }

    func testAFindingSaidTwiceInTheSameWordsIsOneEntryOfItsLine() {
        let e = { (code: String, message: String) in CertificateErrorLine(serie: "CCMAM", numar: "1", code: code, message: message) }
        XCTAssertEqual(CertificateErrorLine.describe([e("C14", "Durata depășește limita permisă (Set 2024)"), e("C09", "x"),
                                                      e("C14", "Durata depășește limita permisă (Set 2024)")]),
                       ["CCMAM 1: C14 Durata depășește limita permisă (Set 2024); C09 x"])
    }
}
