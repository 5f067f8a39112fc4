import XCTest
@testable import CCMCore
import CCMFormats

/// The rules file (`Schemas/reguli.toml`): severities and dated rule sets, checked on load
/// (02-validation-rules.md §4: "an operator can add a set from a new date without touching code").
final class RulesFileTests: XCTestCase {

    private func parse(_ text: String) throws -> RulesConfig {
        try RulesFile.parse(text, knownCodes: RuleRegistry.configurableCodes)
    }

    /// The error the file gets, or a failure if it loads.
    private func error(_ text: String, file: StaticString = #filePath, line: UInt = #line) -> String {
        do {
            _ = try parse(text)
            XCTFail("should not load", file: file, line: line)
            return ""
        } catch let e as RulesFile.Invalid {
            return e.description
        } catch {
            XCTFail("unexpected error \(error)", file: file, line: line)
            return ""
        }
    }

    private let minimalSet = """
        [[set]]
        nume = "Set A"
        de_la = "2020-01-01"

        [[set.limita]]
        coduri = ["01"]
        loc = 1
        domeniu = "initial"
        max = 4
        """

    // MARK: The shipped file

    func testShippedFileLoadsWithTwoSets() throws {
        let config = try parse(RT.reguliText)
        XCTAssertEqual(config.sets.map(\.name), ["Set 2018", "Set 2024"])
        XCTAssertEqual(config.sets.map(\.from), [day("2018-01-12"), day("2024-05-14")])
        XCTAssertEqual(config.sets.map(\.limits.count), [8, 10])
    }

    func testShippedSeverities() throws {
        let s = try parse(RT.reguliText).severities
        XCTAssertEqual(s.count, 30)
        XCTAssertEqual(s["W01"], .avertisment)
        XCTAssertEqual(s["W02"], .avertisment)
        XCTAssertEqual(s["C01"], .eroare)
        XCTAssertEqual(s["F13"], .eroare)
        XCTAssertEqual(Set(s.filter { $0.value == .avertisment }.keys), ["W01", "W02"])
    }

    private struct L: Hashable { var codes: Set<String>; var place: Int?; var scope: DurationLimit.Scope; var max: Int }
    private func limits(_ set: RuleSet) -> Set<L> { Set(set.limits.map { L(codes: $0.codes, place: $0.place, scope: $0.scope, max: $0.max) }) }
    private let chainCodes: Set<String> = ["01", "02", "03", "04", "05", "06", "07", "13"]

    func testShippedSet2018Limits() throws {
        let set = try XCTUnwrap(try parse(RT.reguliText).sets.first)
        XCTAssertEqual(limits(set), [
            L(codes: ["01"], place: 1, scope: .certificat, max: 14),
            L(codes: ["01"], place: 1, scope: .asiguratAn, max: 90),
            L(codes: ["01"], place: 3, scope: .certificat, max: 30),
            L(codes: ["01"], place: 3, scope: .asiguratAn, max: 90),
            L(codes: ["08"], place: nil, scope: .certificat, max: 126),
            L(codes: ["09"], place: nil, scope: .copilAn, max: 45),
            L(codes: ["15"], place: nil, scope: .asiguratAn, max: 120),
            L(codes: chainCodes, place: nil, scope: .lant, max: 183),
        ])
    }

    func testShippedSet2024Limits() throws {
        let set = try XCTUnwrap(try parse(RT.reguliText).sets.last)
        XCTAssertEqual(limits(set), [
            L(codes: ["01"], place: 1, scope: .initial, max: 4),
            L(codes: ["01"], place: 1, scope: .lant, max: 7),
            L(codes: ["01"], place: 1, scope: .asiguratAn, max: 28),
            L(codes: ["01"], place: 3, scope: .initial, max: 15),
            L(codes: ["01"], place: 3, scope: .asiguratLuna, max: 31),
            L(codes: ["01"], place: 3, scope: .asiguratAn, max: 90),
            L(codes: ["08"], place: nil, scope: .certificat, max: 126),
            L(codes: ["09"], place: nil, scope: .copilAn, max: 45),
            L(codes: ["15"], place: nil, scope: .asiguratAn, max: 120),
            L(codes: chainCodes, place: nil, scope: .lant, max: 183),
        ])
        XCTAssertTrue(set.limits.allSatisfy { !$0.description.isEmpty }, "every shipped limit is described")
    }

    func testShippedSetInForce() throws {
        let config = try parse(RT.reguliText)
        XCTAssertNil(config.set(on: day("2018-01-11")))
        XCTAssertEqual(config.set(on: day("2018-01-12"))?.name, "Set 2018")
        XCTAssertEqual(config.set(on: day("2024-05-13"))?.name, "Set 2018")
        XCTAssertEqual(config.set(on: day("2024-05-14"))?.name, "Set 2024")
        XCTAssertEqual(config.set(on: day("2030-01-01"))?.name, "Set 2024")
    }

    // MARK: An operator adds a set

    private let set2027 = """

        [[set]]
        nume = "Set 2027"
        de_la = "2027-01-01"

        [[set.limita]]
        descriere = "certificat inițial, medic de familie"
        coduri = ["01"]
        loc = 1
        domeniu = "initial"
        max = 7
        """

    func testASetAddedWithALaterDateIsChosenAfterIt() throws {
        let config = try parse(RT.reguliText + set2027)
        XCTAssertEqual(config.sets.map(\.name), ["Set 2018", "Set 2024", "Set 2027"])
        XCTAssertEqual(config.set(on: day("2026-12-31"))?.name, "Set 2024")
        XCTAssertEqual(config.set(on: day("2027-01-01"))?.name, "Set 2027")
        XCTAssertEqual(config.set(on: day("2024-05-13"))?.name, "Set 2018")

        // A 6-day INITIAL at place 1: over Set 2024's 4 days, within the new set's 7.
        let before = RT.context(RT.body(inceput: "2026-12-30", zile: 6), config: config)
        XCTAssertEqual(RT.check("C14", before).map(\.text),
                       ["Durata depășește limita: certificat inițial, medic de familie: 6 zile, maxim 4 (Set 2024)"])
        let after = RT.context(RT.body(inceput: "2027-01-04", zile: 6), config: config)
        assertQuiet("C14", after)
        let over = RT.context(RT.body(inceput: "2027-01-04", zile: 8), config: config)
        XCTAssertEqual(RT.check("C14", over).map(\.text),
                       ["Durata depășește limita: certificat inițial, medic de familie: 8 zile, maxim 7 (Set 2027)"])
    }

    func testSetsWrittenOutOfOrderAreSortedByDate() throws {
        let text = """
            [[set]]
            nume = "Nou"
            de_la = "2024-05-14"
            [[set]]
            nume = "Vechi"
            de_la = "2018-01-12"
            """
        let config = try parse(text)
        XCTAssertEqual(config.sets.map(\.name), ["Vechi", "Nou"])
        XCTAssertEqual(config.set(on: day("2020-01-01"))?.name, "Vechi")
        XCTAssertEqual(config.set(on: day("2025-01-01"))?.name, "Nou")
    }

    func testASetWithoutLimitsAndAFileWithoutSeverities() throws {
        let config = try parse("[[set]]\nnume = \"Gol\"\nde_la = \"2020-01-01\"\n")
        XCTAssertEqual(config.severities, [:])
        XCTAssertEqual(config.sets.first?.limits, [])
    }

    func testALimitWithoutPlaceOrDescription() throws {
        let config = try parse("""
            [[set]]
            nume = "S"
            de_la = "2020-01-01"
            [[set.limita]]
            coduri = ["08", "15"]
            domeniu = "certificat"
            max = 10
            """)
        let l = try XCTUnwrap(config.sets.first?.limits.first)
        XCTAssertNil(l.place)
        XCTAssertEqual(l.description, "")
        XCTAssertEqual(l.codes, ["08", "15"])
        // An empty description shows the scope's name in the message.
        let b = RT.body(cod: "08", inceput: "2026-10-06", zile: 11, cnp: RT.woman)
        XCTAssertEqual(RT.check("C14", RT.context(b, config: config)).map(\.text),
                       ["Durata depășește limita: certificat: 11 zile, maxim 10 (S)"])
    }

    // MARK: Errors name the problem

    func testUnknownCodeInSeveritati() {
        let e = error("[severitati]\nC99 = \"EROARE\"\n" + minimalSet)
        XCTAssertTrue(e.contains("[severitati]") && e.contains("C99"), e)
    }

    func testBadSeverity() {
        let e = error("[severitati]\nC13 = \"FATAL\"\n" + minimalSet)
        XCTAssertTrue(e.contains("C13") && e.contains("EROARE"), e)
        let lower = error("[severitati]\nC13 = \"eroare\"\n" + minimalSet)
        XCTAssertTrue(lower.contains("C13"), lower)
        let number = error("[severitati]\nC13 = 1\n" + minimalSet)
        XCTAssertTrue(number.contains("C13"), number)
    }

    func testMissingDeLa() {
        let e = error("[[set]]\nnume = \"Set X\"\n")
        XCTAssertTrue(e.contains("Set X") && e.contains("de_la"), e)
    }

    func testBadDeLa() {
        XCTAssertTrue(error("[[set]]\nnume = \"Set X\"\nde_la = \"2024-02-30\"\n").contains("de_la"))
        XCTAssertTrue(error("[[set]]\nnume = \"Set X\"\nde_la = \"14.05.2024\"\n").contains("de_la"))
        XCTAssertTrue(error("[[set]]\nnume = \"Set X\"\nde_la = 20240514\n").contains("de_la"))
    }

    /// TOML's own date is the same date; another TOML type is not a date.
    func testDeLaAsATOMLDate() throws {
        XCTAssertEqual(try parse("[[set]]\nnume = \"S\"\nde_la = 2024-05-14\n").sets.first?.from, day("2024-05-14"))
        XCTAssertTrue(error("[[set]]\nnume = \"Set X\"\nde_la = true\n").contains("de_la"))
        XCTAssertTrue(error("[[set]]\nnume = \"Set X\"\nde_la = 2024-05-14T08:00:00Z\n").contains("de_la"))
    }

    func testMissingNume() {
        XCTAssertTrue(error("[[set]]\nde_la = \"2024-05-14\"\n").contains("nume"))
    }

    func testBadDomeniu() {
        let e = error(minimalSet.replacingOccurrences(of: "\"initial\"", with: "\"saptamana\""))
        XCTAssertTrue(e.contains("Set A, limita nr. 1") && e.contains("domeniu"), e)
        XCTAssertTrue(e.contains("asigurat_luna"), "lists the allowed scopes: \(e)")
    }

    func testTwoSetsWithTheSameDate() {
        let e = error(minimalSet + "\n[[set]]\nnume = \"Set B\"\nde_la = \"2020-01-01\"\n")
        XCTAssertTrue(e.contains("aceeași dată"), e)
    }

    func testNoSetAtAll() {
        XCTAssertTrue(error("[severitati]\nC13 = \"OFF\"\n").contains("[[set]]"))
        XCTAssertTrue(error("").contains("[[set]]"))
    }

    func testBadLimitFields() {
        XCTAssertTrue(error(minimalSet.replacingOccurrences(of: "coduri = [\"01\"]\n", with: "")).contains("coduri"))
        XCTAssertTrue(error(minimalSet.replacingOccurrences(of: "[\"01\"]", with: "[]")).contains("coduri"))
        XCTAssertTrue(error(minimalSet.replacingOccurrences(of: "[\"01\"]", with: "[1]")).contains("coduri"))
        XCTAssertTrue(error(minimalSet.replacingOccurrences(of: "max = 4", with: "max = 0")).contains("max"))
        XCTAssertTrue(error(minimalSet.replacingOccurrences(of: "max = 4", with: "max = \"4\"")).contains("max"))
        XCTAssertTrue(error(minimalSet.replacingOccurrences(of: "max = 4", with: "")).contains("max"))
        XCTAssertTrue(error(minimalSet.replacingOccurrences(of: "loc = 1", with: "loc = 5")).contains("loc"))
        XCTAssertTrue(error(minimalSet.replacingOccurrences(of: "loc = 1", with: "loc = 0")).contains("loc"))
    }

    func testSecondLimitIsNamedByItsNumber() {
        let text = minimalSet + "\n[[set.limita]]\ncoduri = [\"08\"]\ndomeniu = \"an\"\nmax = 1\n"
        XCTAssertTrue(error(text).contains("Set A, limita nr. 2"))
    }

    func testTOMLSyntaxErrorsKeepTheirLineNumber() {
        let e = error("[severitati]\nC13 = \"OFF\"\nC14 \"OFF\"\n" + minimalSet)
        XCTAssertTrue(e.hasPrefix("linia 3:"), e)
    }

    func testAShippedFileWithOneLimitBrokenIsRefused() {
        let broken = RT.reguliText.replacingOccurrences(of: "domeniu = \"asigurat_luna\"", with: "domeniu = \"luna\"")
        XCTAssertTrue(error(broken).contains("Set 2024"))
    }

    /// Operators edit this file by hand, sometimes on Windows.
    func testShippedFileWithCRLFLineEndingsLoads() throws {
        let crlf = RT.reguliText.replacingOccurrences(of: "\n", with: "\r\n")
        let config = try parse(crlf)
        XCTAssertEqual(config.sets.map(\.name), ["Set 2018", "Set 2024"])
    }
}
