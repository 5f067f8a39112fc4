import XCTest
@testable import CCMCore

final class ReflectedTextTests: XCTestCase {
    func testControlCharactersAreWrittenOut() {
        XCTAssertEqual(ReflectedText.escaped("a.xml\n2026 ccm info: fals"), "a.xml\\n2026 ccm info: fals")
        XCTAssertEqual(ReflectedText.escaped("a\r\tb\u{1B}[2K\u{7F}\u{85}"), "a\\r\\tb\\u{1B}[2K\\u{7F}\\u{85}")
        XCTAssertEqual(ReflectedText.escaped("x\u{2028}y\u{202E}z"), "x\\u{2028}y\\u{202E}z")
    }

    func testOrdinaryTextIsUnchanged() {
        for s in ["CCM_31001235_202610_I_1.xml", "Spitalul Județean Timișoara", "„citat” – 12 €", ""] {
            XCTAssertEqual(ReflectedText.escaped(s), s)
            XCTAssertEqual(ReflectedText.short(s), s)
        }
    }

    func testLongTextIsCut() {
        let long = String(repeating: "A", count: 60_000)
        XCTAssertEqual(ReflectedText.short(long, limit: 64), String(repeating: "A", count: 64) + "…")
        XCTAssertEqual(ReflectedText.short(String(repeating: "ș", count: 64), limit: 64), String(repeating: "ș", count: 64))
    }
}

final class ReflectedQuoteTests: XCTestCase {
    func testAQuotedValueMasksACNPAndIsCut() {
        XCTAssertEqual(ReflectedText.quoted("1850512350089"), "„1***********9”")
        XCTAssertEqual(ReflectedText.quoted("x1850512350089y"), "„x1***********9y”")
        XCTAssertEqual(ReflectedText.quoted("31001235"), "„31001235”", "a CUI is no CNP")
        XCTAssertEqual(ReflectedText.quoted("12345678901234"), "„12345678901234”", "14 digits are no CNP")
        XCTAssertEqual(ReflectedText.quoted("a\nb"), "„a\\nb”")
        XCTAssertEqual(ReflectedText.quoted(String(repeating: "Z", count: 500)), "„" + String(repeating: "Z", count: 40) + "…”")
    }
}
