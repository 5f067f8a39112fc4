import XCTest
@testable import CCMCore

/// C11–C13: codes checked against the nomenclators, and the place of issue (02-validation-rules.md §3).
final class NomenclatorRulesTests: XCTestCase {

    // MARK: C11 diagnosis

    func testC11UnknownCategoryFires() {
        XCTAssertFalse(RT.nomenclators.icd10Categories.contains("I53"), "the test nomenclator has no I53")
        let ctx = RT.context(RT.body(diagnostic: "I53"))
        assertFires("C11", ctx)
        assertOnly(["C11"], ctx)
        let f = RT.findings(ctx).first { $0.code == "C11" }
        XCTAssertEqual(f?.message, "Cod de diagnostic inexistent: I53")
        XCTAssertEqual(f?.publicMessage, "Cod de diagnostic inexistent")
        XCTAssertFalse(f?.publicMessage?.contains("I53") ?? true, "the public message shows no diagnosis")
    }

    func testC11KnownCategoryAndSubcategoryAreQuiet() {
        assertQuiet("C11", RT.context(RT.body(diagnostic: "J06")))
        let sub = RT.context(RT.body(diagnostic: "J06.9"))
        assertQuiet("C11", sub)
        assertOnly([], sub)
    }

    func testC11QuietOnceTheNomenclatorListsTheCategory() {
        var n = RT.nomenclators
        n.icd10Categories.insert("I53")
        assertQuiet("C11", RT.context(RT.body(diagnostic: "I53"), nomenclators: n))
    }

    func testC11SubcategoryOfAnUnknownCategoryFires() {
        assertFires("C11", RT.context(RT.body(diagnostic: "I53.1")))
    }

    func testC11ShortOrEmptyCodesFire() {
        assertFires("C11", RT.context(RT.body(diagnostic: "J0")))
        assertFires("C11", RT.context(RT.body(diagnostic: "")))
    }

    func testOnlyC11HasAPublicMessage() {
        let ctx = RT.context(RT.body(loc: 4, diagnostic: "I53"))
        for f in RT.findings(ctx) where f.code != "C11" { XCTAssertNil(f.publicMessage, f.code) }
    }

    // MARK: C12 emergency / infectious disease codes

    func testC12Code05NeedsAGroupADisease() {
        assertFires("C12", RT.context(RT.body(cod: "05")), "missing")
        let ok = RT.context(RT.body(cod: "05", infecto: 12))
        assertQuiet("C12", ok)
        assertOnly([], ok)
        assertQuiet("C12", RT.context(RT.body(cod: "05", infecto: 1)))
        assertQuiet("C12", RT.context(RT.body(cod: "05", infecto: 37)))
        assertFires("C12", RT.context(RT.body(cod: "05", infecto: 38)), "not in the nomenclator")
        assertFires("C12", RT.context(RT.body(cod: "05", infecto: 0)), "not in the nomenclator")
    }

    func testC12Code05WithAnEmergencyCodeFires() {
        assertFires("C12", RT.context(RT.body(cod: "05", urgenta: 10, infecto: 12)))
    }

    func testC12Code06NeedsAnEmergency() {
        let missing = RT.context(RT.body(cod: "06"))
        assertFires("C12", missing)
        assertOnly(["C12"], missing)
        XCTAssertEqual(RT.messages("C12", missing), ["Cod de urgență / boală infectocontagioasă lipsă sau invalid"])
        let ok = RT.context(RT.body(cod: "06", urgenta: 50))
        assertQuiet("C12", ok)
        assertOnly([], ok)
        assertQuiet("C12", RT.context(RT.body(cod: "06", urgenta: 1)))
        assertQuiet("C12", RT.context(RT.body(cod: "06", urgenta: 100)))
        assertFires("C12", RT.context(RT.body(cod: "06", urgenta: 101)), "not in the nomenclator")
    }

    func testC12Code06WithAGroupADiseaseFires() {
        assertFires("C12", RT.context(RT.body(cod: "06", urgenta: 50, infecto: 12)))
    }

    func testC12EitherCodeForbiddenForOtherIndemnities() {
        assertQuiet("C12", RT.context())
        for cod in ["01", "02", "08", "09", "13"] {
            assertFires("C12", RT.context(RT.body(cod: cod, urgenta: 50)), "urgenta on \(cod)")
            assertFires("C12", RT.context(RT.body(cod: cod, infecto: 12)), "infecto on \(cod)")
        }
    }

    // MARK: C13 place of issue

    func testC13Place4Fires() {
        let ctx = RT.context(RT.body(loc: 4))
        assertFires("C13", ctx)
        assertOnly(["C13"], ctx)
        XCTAssertEqual(RT.messages("C13", ctx), ["Loc de prescriere nepermis pentru furnizor"])
    }

    func testC13Places1To3AreQuiet() {
        for loc in 1...3 { assertQuiet("C13", RT.context(RT.body(loc: loc)), "place \(loc)") }
    }
}
