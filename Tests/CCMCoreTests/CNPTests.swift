import Foundation
import XCTest
@testable import CCMCore

/// CNP checks of 02-validation-rules.md C01.
final class CNPTests: XCTestCase {

    /// The control digit from the spec text: weights 279146358279, sum mod 11, 10 → 1.
    static func referenceControl(_ first12: String) -> Int {
        let w = "279146358279".map { Int(String($0))! }
        let d = first12.map { Int(String($0))! }
        var sum = 0
        for i in 0..<12 { sum += d[i] * w[i] }
        return sum % 11 == 10 ? 1 : sum % 11
    }

    /// Completes 12 digits with the right control digit.
    static func withControl(_ first12: String) -> String { first12 + "\(referenceControl(first12))" }

    func testSpecExampleIsValid() {
        XCTAssertNil(CNP.problem("1850512350011"))
        XCTAssertTrue(CNP.isValid("1850512350011"))
        XCTAssertEqual(CNP.birthDate("1850512350011"), day("1985-05-12"))
    }

    func testReferenceControlReproducesTheSpecExample() {
        // Guards the test's own helper: the spec example ends in 1.
        XCTAssertEqual(Self.withControl("185051235001"), "1850512350011")
    }

    // MARK: One crafted CNP per problem (every other part valid)

    func testNotThirteenDigits() {
        for text in ["185051235001", "18505123500111", "", "185051235001a", " 850512350011", "1850512350011 "] {
            XCTAssertEqual(CNP.problem(text), .notThirteenDigits, "\"\(text)\"")
        }
    }

    func testFirstDigitZero() {
        XCTAssertEqual(CNP.problem(Self.withControl("085051235001")), .firstDigitZero)
    }

    func testImpossibleBirthDate() {
        XCTAssertEqual(CNP.problem(Self.withControl("185023035001")), .impossibleBirthDate, "30 February")
        XCTAssertEqual(CNP.problem(Self.withControl("185133035001")), .impossibleBirthDate, "month 13")
        XCTAssertEqual(CNP.problem(Self.withControl("185040035001")), .impossibleBirthDate, "day 0")
        XCTAssertEqual(CNP.problem(Self.withControl("185043135001")), .impossibleBirthDate, "31 April")
        XCTAssertEqual(CNP.problem(Self.withControl("100022935001")), .impossibleBirthDate, "1900 is not leap")
        XCTAssertNil(CNP.problem(Self.withControl("500022935001")), "2000 is leap: 29 February 2000 exists")
        XCTAssertEqual(CNP.problem(Self.withControl("300022935001")), .impossibleBirthDate,
                       "1800 (first digit 3) is not leap")
    }

    func testBirthDateIsNotCheckedForResidents() {
        // First digits 7–9 (residents) do not encode the century: the rule only applies to 1–6.
        XCTAssertNil(CNP.problem(Self.withControl("785023035001")))
        XCTAssertNil(CNP.problem(Self.withControl("985133035001")))
    }

    func testBadCounty() {
        for county in ["00", "47", "48", "50", "53", "69", "71", "99"] {
            XCTAssertEqual(CNP.problem(Self.withControl("1850512\(county)001")), .badCounty, "county \(county)")
        }
        for county in ["01", "40", "46", "51", "52", "70"] {
            XCTAssertNil(CNP.problem(Self.withControl("1850512\(county)001")), "county \(county)")
        }
    }

    func testSerialZero() {
        XCTAssertEqual(CNP.problem(Self.withControl("185051235000")), .serialZero)
        XCTAssertNil(CNP.problem(Self.withControl("185051235100")))
    }

    func testBadControlDigit() {
        for last in 0...9 where last != 1 {
            XCTAssertEqual(CNP.problem("185051235001\(last)"), .badControlDigit)
        }
    }

    func testControlRemainderTenBecomesOne() {
        // Find a body whose weighted sum is ≡ 10 (mod 11) and check that 1 — not 0 — is accepted.
        var found = 0
        for serial in 1...999 {
            let body = "18505123" + String(format: "%03d", serial) + "0"
            let first12 = String(body.prefix(12))
            let w = "279146358279".map { Int(String($0))! }
            let sum = zip(first12.map { Int(String($0))! }, w).reduce(0) { $0 + $1.0 * $1.1 }
            guard sum % 11 == 10 else { continue }
            found += 1
            XCTAssertNil(CNP.problem(first12 + "1"), first12)
            XCTAssertEqual(CNP.problem(first12 + "0"), .badControlDigit, first12)
        }
        XCTAssertGreaterThan(found, 0)
    }

    func testDigitsWithCombiningMarksAreNotDigits() {
        XCTAssertEqual(CNP.problem("1\u{301}850512350011"), .notThirteenDigits)
    }

    func testNonASCIIDigitsAreNotDigits() {
        XCTAssertEqual(CNP.problem("\u{661}\u{668}\u{665}\u{660}\u{665}\u{661}\u{662}\u{663}\u{665}\u{660}\u{660}\u{661}\u{661}"), .notThirteenDigits)
        XCTAssertEqual(CNP.problem("\u{FF11}\u{FF18}\u{FF15}\u{FF10}\u{FF15}\u{FF11}\u{FF12}\u{FF13}\u{FF15}\u{FF10}\u{FF10}\u{FF11}\u{FF11}"), .notThirteenDigits)
    }

    // MARK: Masking

    func testMasked() {
        XCTAssertEqual(CNP.masked("1850512350011"), "1***********1")
        XCTAssertEqual(CNP.masked("2991231400019"), "2***********9")
        XCTAssertFalse(CNP.masked("1850512350011").contains("850512"))
    }

    // MARK: Property: agrees with an implementation written from C01

    static func referenceIsValid(_ s: String) -> Bool {
        guard s.count == 13, s.allSatisfy({ $0.isASCII && $0.isNumber }) else { return false }
        let d = s.map { Int(String($0))! }
        if d[0] == 0 { return false }
        if (1...6).contains(d[0]) {
            let century = [1: 1900, 2: 1900, 3: 1800, 4: 1800, 5: 2000, 6: 2000][d[0]]!
            var cal = Calendar(identifier: .gregorian)
            cal.timeZone = TimeZone(identifier: "UTC")!
            let comps = DateComponents(calendar: cal, year: century + d[1] * 10 + d[2],
                                       month: d[3] * 10 + d[4], day: d[5] * 10 + d[6])
            if !comps.isValidDate { return false }
        }
        let county = d[7] * 10 + d[8]
        if !((1...46).contains(county) || [51, 52, 70].contains(county)) { return false }
        if d[9] == 0 && d[10] == 0 && d[11] == 0 { return false }
        return referenceControl(String(s.prefix(12))) == d[12]
    }

    func testAgreesWithReferenceOnRandomCNPs() {
        var rng = LCG(seed: 20261006)
        let plausibleCounties = [1, 2, 12, 35, 40, 46, 51, 52, 70]
        var valid = 0, invalid = 0
        for _ in 0..<4_000 {
            // Mostly plausible parts, with each part sometimes out of range.
            let s = rng.int(in: 0...9)
            let yy = rng.int(in: 0...99)
            let mm = rng.chance(90) ? rng.int(in: 1...12) : rng.int(in: 0...99)
            let dd = rng.chance(85) ? rng.int(in: 1...28) : rng.int(in: 0...99)
            let jj = rng.chance(80) ? plausibleCounties[rng.int(in: 0...8)] : rng.int(in: 0...99)
            let nnn = rng.chance(90) ? rng.int(in: 1...999) : 0
            let first12 = "\(s)" + String(format: "%02d%02d%02d%02d%03d", yy, mm, dd, jj, nnn)
            let c = rng.chance(70) ? Self.referenceControl(first12) : rng.int(in: 0...9)
            let cnp = first12 + "\(c)"
            let expected = Self.referenceIsValid(cnp)
            XCTAssertEqual(CNP.isValid(cnp), expected, cnp)
            XCTAssertEqual(CNP.problem(cnp) == nil, expected, cnp)
            if expected { valid += 1 } else { invalid += 1 }
        }
        XCTAssertGreaterThan(valid, 800)
        XCTAssertGreaterThan(invalid, 800)
    }
}
