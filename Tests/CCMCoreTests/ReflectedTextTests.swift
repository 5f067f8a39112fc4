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
