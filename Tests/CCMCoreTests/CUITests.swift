import XCTest
@testable import CCMCore

/// CUI syntax (01-submission-format.md §3) and control digit (02-validation-rules.md C21).
final class CUITests: XCTestCase {

    func testSpecExamplesAreValid() {
        for text in ["31001235", "42005674"] {
            let cui = CUI(text)
            XCTAssertEqual(cui?.digits, text)
            XCTAssertEqual(cui?.hasValidControlDigit, true, text)
        }
    }

    func testROPrefixIsAcceptedAndDropped() {
        let cui = CUI("RO31001235")
        XCTAssertEqual(cui?.digits, "31001235")
        XCTAssertEqual(cui?.description, "31001235")
        XCTAssertEqual(cui?.hasValidControlDigit, true)
        XCTAssertEqual(CUI("RO31001235"), CUI("31001235"))
    }

    func testLengthBounds() {
        XCTAssertNil(CUI("5"), "1 digit")
        XCTAssertNil(CUI("RO5"), "1 digit after the prefix")
        XCTAssertNil(CUI("12345678901"), "11 digits")
        XCTAssertNil(CUI("RO12345678901"), "11 digits after the prefix")
        XCTAssertNotNil(CUI("19"), "2 digits")
        XCTAssertNotNil(CUI("1234567890"), "10 digits")
        XCTAssertNotNil(CUI("RO1234567890"), "10 digits after the prefix")
    }

    func testRejectsNonDigitsAndWhiteSpace() {
        for text in ["", "RO", "3100123A", " 31001235", "31001235 ", "31 001235", "RO 31001235", "-31001235",
                     "3100123５", "３１００１２３５"] {
            XCTAssertNil(CUI(text), "\"\(text)\" must not parse")
        }
    }

    func testDigitsWithCombiningMarksAreNotDigits() {
        XCTAssertNil(CUI("3\u{301}1001235"))
        XCTAssertNil(CUI("1\u{FE0F}\u{20E3}9"))
    }

    func testWrongControlDigitIsASeparateVerdict() {
        let cui = CUI("31001236")
        XCTAssertNotNil(cui, "syntax is fine; the control digit is a business rule")
        XCTAssertEqual(cui?.hasValidControlDigit, false)
        XCTAssertEqual(CUI("42005675")?.hasValidControlDigit, false)
    }

    func testControlDigitWhenTheRemainderIsTen() {
        // Body 1: padded 000000001 · key → 2; 2·10 mod 11 = 9. Body 6: 12·10 = 120 mod 11 = 10 → 0.
        XCTAssertEqual(CUI.controlDigit(of: "1"), 9)
        XCTAssertEqual(CUI.controlDigit(of: "6"), 0)
        XCTAssertEqual(CUI("60")?.hasValidControlDigit, true)
        XCTAssertEqual(CUI("61")?.hasValidControlDigit, false)
    }

    func testControlDigitOfOverlongBodyIsNil() {
        XCTAssertNil(CUI.controlDigit(of: "1234567890"))
        XCTAssertNil(CUI.controlDigit(of: "12a"))
    }

    // MARK: Property: agrees with an implementation written from the spec text

    /// C21: key 753217532, aligned on the right with the body (the digits before the control
    /// digit); control = sum × 10 mod 11, 10 → 0.
    private func referenceIsValid(_ digits: String) -> Bool {
        let values = digits.map { Int(String($0))! }
        let body = Array(values.dropLast()), control = values.last!
        let key = "753217532".map { Int(String($0))! }
        var sum = 0
        for (i, v) in body.reversed().enumerated() { sum += v * key[key.count - 1 - i] }
        let r = (sum * 10) % 11
        return (r == 10 ? 0 : r) == control
    }

    func testControlDigitAgreesWithReferenceOnRandomCUIs() {
        var rng = LCG(seed: 0xC0FFEE)
        var valid = 0, invalid = 0
        for _ in 0..<5_000 {
            var text = rng.digits(rng.int(in: 2...10))
            if rng.chance(50) {
                // Force the right digit half of the time so both verdicts are well represented.
                for c in 0...9 where referenceIsValid(String(text.dropLast()) + "\(c)") {
                    text = String(text.dropLast()) + "\(c)"
                }
            }
            let prefixed = rng.chance(30) ? "RO" + text : text
            guard let cui = CUI(prefixed) else { XCTFail("\(prefixed) should parse"); continue }
            let expected = referenceIsValid(text)
            XCTAssertEqual(cui.hasValidControlDigit, expected, prefixed)
            if expected { valid += 1 } else { invalid += 1 }
        }
        XCTAssertGreaterThan(valid, 1_500)
        XCTAssertGreaterThan(invalid, 1_500)
    }
}
