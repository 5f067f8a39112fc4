import Foundation
import XCTest
@testable import CCMCore
import CCMFormats

/// TOML read with TOMLKit into `ConfigValue`s: tables, arrays of tables (nested too), strings,
/// integers, arrays, comments as the rules file uses them; errors name the line.
final class TOMLDocumentTests: XCTestCase {
    typealias V = ConfigValue

    private func failure(_ text: String, file: StaticString = #filePath, line: UInt = #line) -> TOMLDocument.Failure? {
        do {
            let v = try TOMLDocument.parse(text)
            XCTFail("should fail, parsed \(v)", file: file, line: line)
            return nil
        } catch let f as TOMLDocument.Failure {
            return f
        } catch {
            XCTFail("unexpected error \(error)", file: file, line: line)
            return nil
        }
    }

    /// The Romanian words and the line first, toml++'s English detail after them for the operator.
    private func assertFailure(_ text: String, line n: Int, file: StaticString = #filePath, line: UInt = #line) {
        guard let f = failure(text, file: file, line: line) else { return }
        XCTAssertEqual(f.line, n, "line of \(f)", file: file, line: line)
        XCTAssertFalse(f.detail.isEmpty, file: file, line: line)
        XCTAssertEqual(f.description, "linia \(n): nu este TOML valid (\(f.detail))", file: file, line: line)
    }

    // MARK: Values and tables

    func testEmptyAndBlankInput() throws {
        XCTAssertEqual(try TOMLDocument.parse(""), [:])
        XCTAssertEqual(try TOMLDocument.parse("\n\n   \n\t\n# only a comment\n"), [:])
    }

    func testRootKeysStringsAndIntegers() throws {
        let v = try TOMLDocument.parse("a = \"text cu spații\"\nb = 42\nc = -7\nd = \"\"")
        XCTAssertEqual(v, ["a": .string("text cu spații"), "b": .int(42), "c": .int(-7), "d": .string("")])
    }

    func testWhitespaceAroundKeysAndValues() throws {
        let v = try TOMLDocument.parse("  \t[t]  \n\t key\t=\t 5 \t\n")
        XCTAssertEqual(v, ["t": .table(["key": .int(5)])])
    }

    func testTables() throws {
        let v = try TOMLDocument.parse("""
            top = 1
            [severitati]
            C01 = "EROARE"
            W02 = "AVERTISMENT"
            [alt]
            x = 2
            """)
        XCTAssertEqual(v, [
            "top": .int(1),
            "severitati": .table(["C01": .string("EROARE"), "W02": .string("AVERTISMENT")]),
            "alt": .table(["x": .int(2)]),
        ])
    }

    func testDottedTableNames() throws {
        let v = try TOMLDocument.parse("[a.b]\nx = 1\n[a.c]\ny = 2\n")
        XCTAssertEqual(v, ["a": .table(["b": .table(["x": .int(1)]), "c": .table(["y": .int(2)])])])
    }

    func testEmptyTable() throws {
        XCTAssertEqual(try TOMLDocument.parse("[gol]\n"), ["gol": .table([:])])
    }

    func testArraysOfTables() throws {
        let v = try TOMLDocument.parse("""
            [[set]]
            nume = "A"
            [[set]]
            nume = "B"
            [[set]]
            """)
        XCTAssertEqual(v, ["set": .tables([["nume": .string("A")], ["nume": .string("B")], [:]])])
    }

    func testNestedArraysOfTablesAttachToTheLastParent() throws {
        let v = try TOMLDocument.parse("""
            [[set]]
            nume = "A"
            [[set.limita]]
            max = 1
            [[set.limita]]
            max = 2
            [[set]]
            nume = "B"
            [[set.limita]]
            max = 3
            """)
        XCTAssertEqual(v, ["set": .tables([
            ["nume": .string("A"), "limita": .tables([["max": .int(1)], ["max": .int(2)]])],
            ["nume": .string("B"), "limita": .tables([["max": .int(3)]])],
        ])])
    }

    func testATableAfterArraysOfTables() throws {
        let v = try TOMLDocument.parse("[[set]]\nnume = \"A\"\n[severitati]\nC01 = \"OFF\"\n")
        XCTAssertEqual(v, ["set": .tables([["nume": .string("A")]]), "severitati": .table(["C01": .string("OFF")])])
    }

    func testComments() throws {
        let v = try TOMLDocument.parse("""
            # a full-line comment
              # an indented one
            [t] # after a header
            a = 1 # after a value
            b = "x # not a comment" # but this is
            c = ["#", 2] # arrays too
            """)
        XCTAssertEqual(v, ["t": .table(["a": .int(1), "b": .string("x # not a comment"),
                                        "c": .array([.string("#"), .int(2)])])])
    }

    func testArrays() throws {
        let v = try TOMLDocument.parse("""
            coduri = ["01", "02", "13"]
            numere = [1, 2 ,3]
            gol = []
            spatii = [ "a" , "b" ]
            final = [1, 2,]
            imbricat = [[1, 2], ["x"], []]
            mixt = ["a", 1]
            """)
        XCTAssertEqual(v["coduri"], .array([.string("01"), .string("02"), .string("13")]))
        XCTAssertEqual(v["numere"], .array([.int(1), .int(2), .int(3)]))
        XCTAssertEqual(v["gol"], .array([]))
        XCTAssertEqual(v["spatii"], .array([.string("a"), .string("b")]))
        XCTAssertEqual(v["final"], .array([.int(1), .int(2)]))
        XCTAssertEqual(v["imbricat"], .array([.array([.int(1), .int(2)]), .array([.string("x")]), .array([])]))
        XCTAssertEqual(v["mixt"], .array([.string("a"), .int(1)]))
    }

    func testStringsKeepRomanianText() throws {
        let v = try TOMLDocument.parse("descriere = \"zile în lanț, ambulatoriu de specialitate\"")
        XCTAssertEqual(v["descriere"], .string("zile în lanț, ambulatoriu de specialitate"))
    }

    func testTheShippedRulesFileParses() throws {
        // Tests/CCMFormatsTests/ → the repository's Schemas/reguli.toml.
        let shipped = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent("Schemas/reguli.toml")
        let v = try TOMLDocument.parse(try String(contentsOf: shipped, encoding: .utf8))
        guard case .tables(let sets)? = v["set"] else { return XCTFail("no [[set]]") }
        XCTAssertEqual(sets.count, 2)
        guard case .tables(let limits)? = sets[1]["limita"] else { return XCTFail("no [[set.limita]]") }
        XCTAssertEqual(limits.count, 10)
        XCTAssertEqual(limits[0]["max"], .int(4))
        guard case .table(let sev)? = v["severitati"] else { return XCTFail("no [severitati]") }
        XCTAssertEqual(sev["W02"], .string("AVERTISMENT"))
    }

    // MARK: What TOML allows beyond the rules file's own shapes

    /// Valid TOML beyond the rules file's shapes is read as TOML says; the rules decide what a key takes.
    func testOtherTOMLTypesAreRead() throws {
        let v = try TOMLDocument.parse("""
            b = true
            f = 1.5
            d = 2024-05-14
            t = 07:30:00
            s = 'literal \\ text'
            e = "escaped \\"quote\\" \\u021B"
            inline = [{ max = 1 }, { max = 2 }]
            """)
        XCTAssertEqual(v["b"], .bool(true))
        XCTAssertEqual(v["f"], .double(1.5))
        XCTAssertEqual(v["d"], .date(try XCTUnwrap(LocalDate("2024-05-14"))))
        XCTAssertEqual(v["t"], .other("time"))
        XCTAssertEqual(v["s"], .string("literal \\ text"))
        XCTAssertEqual(v["e"], .string("escaped \"quote\" \u{21B}"))
        XCTAssertEqual(v["inline"], .tables([["max": .int(1)], ["max": .int(2)]]), "the same as two [[inline]] tables")
    }

    func testCRLFLineEndings() throws {
        XCTAssertEqual(try TOMLDocument.parse("[t]\r\na = 1\r\nb = \"x\"\r\n"), ["t": .table(["a": .int(1), "b": .string("x")])])
        assertFailure("[t]\r\na = 1\r\nb 2\r\n", line: 3)
    }

    // MARK: Errors with line numbers

    func testUnclosedArrayOfTablesHeader() {
        assertFailure("a = 1\n\n[[set]\n", line: 3)
    }

    func testUnclosedTableHeader() {
        assertFailure("# comentariu\n[severitati\n", line: 2)
    }

    func testLineWithoutEquals() {
        assertFailure("[t]\nx = 1\ny 2\n", line: 3)
    }

    func testMissingKey() {
        assertFailure("\n= 3\n", line: 2)
    }

    func testMissingValue() {
        assertFailure("x =\n", line: 1)
        assertFailure("x = # nimic\n", line: 1)
    }

    func testUnclosedString() {
        assertFailure("a = 1\nb = \"abc\n", line: 2)
    }

    func testUnknownValue() {
        assertFailure("a = abc\n", line: 1)
        assertFailure("a = 1\nb = 1.5.2\n", line: 2)
    }

    func testTextAfterValue() {
        assertFailure("a = 1 2\n", line: 1)
        assertFailure("a = \"x\" \"y\"\n", line: 1)
    }

    func testBadArraySeparator() {
        assertFailure("a = [1 2]\n", line: 1)
    }

    func testDuplicateKey() {
        assertFailure("[t]\nx = 1\nx = 2\n", line: 3)
        assertFailure("[[set]]\nnume = \"A\"\nnume = \"B\"\n", line: 3)
    }

    func testSameKeyInTwoSetsIsFine() throws {
        let v = try TOMLDocument.parse("[[set]]\nnume = \"A\"\n[[set]]\nnume = \"B\"\n")
        XCTAssertEqual(v, ["set": .tables([["nume": .string("A")], ["nume": .string("B")]])])
    }

    func testTableOverAValue() {
        assertFailure("x = 1\n[x]\n", line: 2)
        assertFailure("x = 1\n[x.y]\n", line: 2)
    }

    func testArrayOfTablesOverATable() {
        assertFailure("[set]\na = 1\n[[set]]\n", line: 3)
    }

    func testLineNumbersCountBlankAndCommentLines() {
        assertFailure("# 1\n\n# 3\n[t]\n\n   \nbad line\n", line: 7)
    }
}
