import Foundation
import XCTest
@testable import CCMCore

/// C01, C02, C20, C21 and W02: the identifiers on a certificate (02-validation-rules.md §3).
final class IdentityRulesTests: XCTestCase {

    // MARK: Test support sanity

    func testOwnCNPFunctionReproducesAKnownValidCNP() {
        XCTAssertEqual(makeCNP(sex: 1, born: "1985-05-12", county: 35, serial: 1), "1850512350011")
        XCTAssertEqual(RT.insured, "1850512350011")
        XCTAssertEqual(cuiWithControl("4200567"), RT.employer)
    }

    func testDefaultCertificateIsCleanAndValid() {
        let ctx = RT.context()
        assertOnly([], ctx)
        XCTAssertEqual(CertificateRuleBook.status(RT.findings(ctx)), .valid)
    }

    // MARK: C01 insured CNP

    func testC01QuietForValidCNPs() {
        assertQuiet("C01", RT.context())
        assertQuiet("C01", RT.context(RT.body(cnp: RT.woman)))
        assertQuiet("C01", RT.context(RT.body(cnp: makeCNP(sex: 6, born: "2004-02-29", county: 40, serial: 123))),
                    "leap-day birth date 2004-02-29")
    }

    func testC01FiresForWrongLength() {
        assertFires("C01", RT.context(RT.body(cnp: String(RT.insured.dropLast()))), "12 digits")
        assertFires("C01", RT.context(RT.body(cnp: RT.insured + "1")), "14 digits")
        assertFires("C01", RT.context(RT.body(cnp: "")), "empty")
    }

    func testC01FiresForNonDigits() {
        assertFires("C01", RT.context(RT.body(cnp: "18505123500A1")))
        assertFires("C01", RT.context(RT.body(cnp: "185051235001 ")))
    }

    func testC01FiresForFirstDigitZero() {
        assertFires("C01", RT.context(RT.body(cnp: cnpWithControl("085051235001"))))
    }

    func testC01FiresForImpossibleBirthDateWithFirstDigitOneToSix() {
        for first in 1...6 {
            assertFires("C01", RT.context(RT.body(cnp: cnpWithControl("\(first)85023035001"))), "Feb 30, first digit \(first)")
            assertFires("C01", RT.context(RT.body(cnp: cnpWithControl("\(first)85130135001"))), "month 13, first digit \(first)")
        }
        assertFires("C01", RT.context(RT.body(cnp: cnpWithControl("185022935001"))), "1985-02-29, not a leap year")
        assertQuiet("C01", RT.context(RT.body(cnp: cnpWithControl("184022935001"))), "1984-02-29, a leap year")
    }

    func testC01AcceptsAnyDateForResidentFirstDigits7to9() {
        // "birth date impossible (first digit 1–6)": 7–9 encode no century, no date check.
        for first in 7...9 {
            assertQuiet("C01", RT.context(RT.body(cnp: cnpWithControl("\(first)85133035001"))), "first digit \(first)")
        }
    }

    func testC01CountyCodes() {
        for county in [1, 10, 40, 46, 51, 52, 70] {
            assertQuiet("C01", RT.context(RT.body(cnp: makeCNP(sex: 1, born: "1985-05-12", county: county))), "county \(county)")
        }
        for county in [0, 47, 48, 50, 53, 69, 71, 99] {
            assertFires("C01", RT.context(RT.body(cnp: makeCNP(sex: 1, born: "1985-05-12", county: county))), "county \(county)")
        }
    }

    func testC01SerialZeroFires() {
        assertFires("C01", RT.context(RT.body(cnp: makeCNP(sex: 1, born: "1985-05-12", serial: 0))))
        assertQuiet("C01", RT.context(RT.body(cnp: makeCNP(sex: 1, born: "1985-05-12", serial: 1))))
        assertQuiet("C01", RT.context(RT.body(cnp: makeCNP(sex: 1, born: "1985-05-12", serial: 999))))
    }

    func testC01FiresForEveryWrongControlDigit() {
        let base = String(RT.insured.prefix(12))
        let right = Int(String(RT.insured.last!))!
        for c in 0...9 where c != right {
            assertFires("C01", RT.context(RT.body(cnp: base + String(c))), "control \(c)")
        }
    }

    func testC01RemainderTenGivesControlDigitOne() {
        guard let first12 = (1...999).lazy.map({ "1850512" + "35" + String(format: "%03d", $0) })
            .first(where: { cnpRemainder($0) == 10 }) else { return XCTFail("no serial with remainder 10") }
        assertQuiet("C01", RT.context(RT.body(cnp: first12 + "1")), "10 → 1")
        assertFires("C01", RT.context(RT.body(cnp: first12 + "0")), "10 is not written as 0")
    }

    func testC01MessageMasksTheCNP() {
        let bad = String(RT.insured.prefix(12)) + "2"
        let messages = RT.messages("C01", RT.context(RT.body(cnp: bad)))
        XCTAssertEqual(messages, ["CNP asigurat invalid: 1***********2"])
        XCTAssertFalse(messages.joined().contains(bad))
    }

    // MARK: C02 child CNP and W02 older child

    /// A code-09 certificate starting 2026-10-06 for a child born on `born` (nil: no CnpCopil).
    private func code09(childBorn born: String?, inceput: String = "2026-10-06", acordat: String? = nil) -> CertificateContext {
        RT.context(RT.body(cod: "09", inceput: inceput, acordat: acordat, copil: born.map { childCNP(born: $0) }))
    }

    func testC02QuietWithoutChildForOtherCodes() {
        assertQuiet("C02", RT.context())
        assertQuiet("C02", RT.context(RT.body(cod: "02")))
    }

    func testC02FiresWhenChildPresentForCode01() {
        let ctx = RT.context(RT.body(cod: "01", copil: childCNP(born: "2022-03-10")))
        assertFires("C02", ctx)
        assertOnly(["C02"], ctx)
        XCTAssertEqual(RT.messages("C02", ctx), ["CNP copil lipsă sau invalid"])
    }

    func testC02FiresWhenChildPresentForAnotherCode() {
        assertFires("C02", RT.context(RT.body(cod: "02", copil: childCNP(born: "2022-03-10"))))
    }

    func testC02FiresWhenChildMissingForCode09() {
        let ctx = code09(childBorn: nil)
        assertFires("C02", ctx)
        assertOnly(["C02"], ctx)
    }

    func testC02FiresForInvalidChildCNP() {
        let good = childCNP(born: "2022-03-10")
        let wrongControl = String(good.prefix(12)) + String((Int(String(good.last!))! + 1) % 10)
        assertFires("C02", RT.context(RT.body(cod: "09", copil: wrongControl)), "control digit")
        assertFires("C02", RT.context(RT.body(cod: "09", copil: String(good.dropLast()))), "12 digits")
        assertFires("C02", RT.context(RT.body(cod: "09", copil: cnpWithControl("522023035007"))), "2022-02-30")
        assertFires("C02", RT.context(RT.body(cod: "09", copil: makeCNP(sex: 5, born: "2022-03-10", county: 47))), "county 47")
        assertFires("C02", RT.context(RT.body(cod: "09", copil: makeCNP(sex: 5, born: "2022-03-10", serial: 0))), "serial 000")
        assertQuiet("C02", RT.context(RT.body(cod: "09", copil: good)))
    }

    func testChildAged6IsQuietForC02AndW02() {
        let ctx = code09(childBorn: "2019-10-07")   // 7 only on 2026-10-07
        assertQuiet("C02", ctx)
        assertQuiet("W02", ctx)
        assertOnly([], ctx)
    }

    func testChildAged7OnHisBirthdayWarnsW02Only() {
        let ctx = code09(childBorn: "2019-10-06")
        assertQuiet("C02", ctx)
        assertFires("W02", ctx)
        assertOnly(["W02"], ctx)
        let f = RT.findings(ctx)
        XCTAssertEqual(f.first?.severity, .avertisment)
        XCTAssertEqual(f.first?.message, "Copil peste 7 ani: verificați încadrarea (copil cu handicap)")
        XCTAssertEqual(CertificateRuleBook.status(f), .valid, "a warning keeps the certificate VALID")
    }

    func testChildAged17WarnsW02Only() {
        let ctx = code09(childBorn: "2008-10-07")   // 18 only on 2026-10-07
        assertQuiet("C02", ctx)
        assertFires("W02", ctx)
        assertOnly(["W02"], ctx)
    }

    func testChildAged18OnHisBirthdayFiresC02NotW02() {
        let ctx = code09(childBorn: "2008-10-06")
        assertFires("C02", ctx)
        assertQuiet("W02", ctx)
        assertOnly(["C02"], ctx)
    }

    func testChildOlderThan18FiresC02() {
        assertFires("C02", code09(childBorn: "1999-01-01"))
        assertQuiet("W02", code09(childBorn: "1999-01-01"))
    }

    func testChildAgeIsTakenOnPerioadaInceputNotOnDataAcordarii() {
        // Starts 2026-10-06, issued 2026-10-07 (one day retroactive, allowed).
        let seventeen = code09(childBorn: "2008-10-07", inceput: "2026-10-06", acordat: "2026-10-07")
        assertQuiet("C02", seventeen, "17 on inceput although 18 on DataAcordarii")
        assertFires("W02", seventeen)
        let six = code09(childBorn: "2019-10-07", inceput: "2026-10-06", acordat: "2026-10-07")
        assertQuiet("W02", six, "6 on inceput although 7 on DataAcordarii")
    }

    func testW02OnlyForCode09() {
        // A child present on code 01 is C02's business; W02 says nothing.
        assertQuiet("W02", RT.context(RT.body(cod: "01", copil: childCNP(born: "2012-01-01"))))
    }

    func testW02QuietForResidentChildWithoutBirthDate() {
        let resident = cnpWithControl("722031035007")
        assertQuiet("W02", RT.context(RT.body(cod: "09", copil: resident)))
        assertQuiet("C02", RT.context(RT.body(cod: "09", copil: resident)))
    }

    // MARK: C20 maternity codes

    func testC20Code08() {
        let male = RT.context(RT.body(cod: "08", cnp: RT.insured))
        assertFires("C20", male)
        assertOnly(["C20"], male)
        XCTAssertEqual(RT.messages("C20", male), ["Codul de indemnizație 08 nu se poate acorda acestui asigurat"])
        let female = RT.context(RT.body(cod: "08", cnp: RT.woman))
        assertQuiet("C20", female)
        assertOnly([], female)
    }

    func testC20Code15() {
        let male = RT.context(RT.body(cod: "15", cnp: RT.insured))
        assertFires("C20", male)
        XCTAssertEqual(RT.messages("C20", male), ["Codul de indemnizație 15 nu se poate acorda acestui asigurat"])
        assertOnly([], RT.context(RT.body(cod: "15", cnp: RT.woman)))
    }

    func testC20FollowsTheParityOfTheFirstDigit() {
        for (first, odd) in [(1, true), (2, false), (5, true), (6, false)] {
            let cnp = makeCNP(sex: first, born: first >= 5 ? "2003-04-05" : "1983-04-05")
            let ctx = RT.context(RT.body(cod: "08", cnp: cnp))
            if odd { assertFires("C20", ctx, "first digit \(first)") } else { assertQuiet("C20", ctx, "first digit \(first)") }
        }
    }

    func testC20QuietForOtherCodes() {
        for cod in ["01", "02", "07", "09", "14"] {
            assertQuiet("C20", RT.context(RT.body(cod: cod, cnp: RT.insured)), "code \(cod)")
        }
    }

    // MARK: C21 employer CUI

    func testC21QuietForValidEmployer() {
        assertQuiet("C21", RT.context())
        assertQuiet("C21", RT.context(RT.body(angajator: RT.otherEmployer)))
    }

    func testC21FiresForBadControlDigit() {
        let ctx = RT.context(RT.body(angajator: "42005675"))
        assertFires("C21", ctx)
        assertOnly(["C21"], ctx)
        XCTAssertEqual(RT.messages("C21", ctx), ["CUI angajator invalid: 42005675"])
        for c in 0...9 where c != 4 {
            assertFires("C21", RT.context(RT.body(angajator: "4200567\(c)")), "control \(c)")
        }
    }

    func testC21RemainderTenGivesControlDigitZero() {
        func remainder(_ body: String) -> Int {
            let key = [7, 5, 3, 2, 1, 7, 5, 3, 2]
            let d = Array(repeating: 0, count: 9 - body.count) + body.map { Int(String($0))! }
            return zip(d, key).map { $0 * $1 }.reduce(0, +) * 10 % 11
        }
        guard let body = (1000000...1000999).lazy.map({ String($0) }).first(where: { remainder($0) == 10 }) else {
            return XCTFail("no body with remainder 10")
        }
        XCTAssertEqual(cuiWithControl(body), body + "0")
        assertQuiet("C21", RT.context(RT.body(angajator: body + "0")), "10 → 0")
        assertFires("C21", RT.context(RT.body(angajator: body + "1")))
    }

    func testC21QuietWithoutEmployer() {
        let ctx = RT.context(RT.body(angajator: nil))
        assertQuiet("C21", ctx)
        assertOnly([], ctx)
    }

    func testC21FiresForMalformedEmployer() {
        assertFires("C21", RT.context(RT.body(angajator: "ABC")))
    }
}
