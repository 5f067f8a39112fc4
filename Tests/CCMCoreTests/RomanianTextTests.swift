import XCTest
@testable import CCMCore

/// Names are stored and compared in the comma-below form (01-submission-format.md §1).
final class RomanianTextTests: XCTestCase {

    private func scalars(_ s: String) -> [UInt32] { s.unicodeScalars.map(\.value) }

    func testCedillaLettersBecomeCommaBelow() {
        // ş U+015F → ș U+0219, ţ U+0163 → ț U+021B, Ş U+015E → Ș U+0218, Ţ U+0162 → Ț U+021A
        XCTAssertEqual(scalars(RomanianText.commaBelow("\u{15F}")), [0x219])
        XCTAssertEqual(scalars(RomanianText.commaBelow("\u{163}")), [0x21B])
        XCTAssertEqual(scalars(RomanianText.commaBelow("\u{15E}")), [0x218])
        XCTAssertEqual(scalars(RomanianText.commaBelow("\u{162}")), [0x21A])
    }

    func testWholeWords() {
        XCTAssertEqual(scalars(RomanianText.commaBelow("\u{15E}tefan \u{162}ăran, Timi\u{15F}oara, \u{163}ară")),
                       scalars("\u{218}tefan \u{21A}ăran, Timi\u{219}oara, \u{21B}ară"))
    }

    func testDecomposedCedillaBecomesCommaBelow() {
        // s/t/S/T followed by U+0327 COMBINING CEDILLA
        XCTAssertEqual(scalars(RomanianText.commaBelow("s\u{327}")), [0x219])
        XCTAssertEqual(scalars(RomanianText.commaBelow("t\u{327}")), [0x21B])
        XCTAssertEqual(scalars(RomanianText.commaBelow("S\u{327}")), [0x218])
        XCTAssertEqual(scalars(RomanianText.commaBelow("T\u{327}")), [0x21A])
        XCTAssertEqual(scalars(RomanianText.commaBelow("Bras\u{327}ov")), scalars("Bra\u{219}ov"))
    }

    func testAlreadyCommaBelowAndOtherTextIsUnchanged() {
        for text in ["Ștefan Țăran", "Brașov", "Ionescu", "Îngrijire, mână, ăștia", "", "CMI Dr. Popescu Ana", "Šárka"] {
            XCTAssertEqual(scalars(RomanianText.commaBelow(text)), scalars(text), text)
        }
    }

    func testOtherCedillasAreLeftAlone() {
        // ç is not a Romanian letter: keep it, while fixing the ş next to it.
        XCTAssertEqual(scalars(RomanianText.commaBelow("Fran\u{E7}ois \u{15F}")), scalars("Fran\u{E7}ois \u{219}"))
        XCTAssertEqual(scalars(RomanianText.commaBelow("\u{160}\u{161}")), [0x160, 0x161], "Š š are not cedilla letters")
    }

    func testResultCompares() {
        // After normalisation the two spellings of a name are the same string.
        XCTAssertNotEqual("Timi\u{15F}oara", "Timi\u{219}oara")
        XCTAssertEqual(RomanianText.commaBelow("Timi\u{15F}oara"), RomanianText.commaBelow("Timi\u{219}oara"))
        XCTAssertEqual(RomanianText.commaBelow("Timis\u{327}oara"), "Timi\u{219}oara")
    }
}
