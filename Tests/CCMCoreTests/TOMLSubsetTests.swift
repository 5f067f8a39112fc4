import XCTest
@testable import CCMCore

/// The TOML subset the rules file uses: tables, arrays of tables (nested too), strings,
/// integers, arrays, comments; errors name the line.
final class TOMLSubsetTests: XCTestCase {
    typealias V = TOMLSubset.Value

    private func failure(_ text: String, file: StaticString = #filePath, line: UInt = #line) -> TOMLSubset.Failure? {
        do {
            let v = try TOMLSubset.parse(text)
            XCTFail("should fail, parsed \(v)", file: file, line: line)
            return nil
        } catch let f as TOMLSubset.Failure {
            return f
        } catch {
            XCTFail("unexpected error \(error)", file: file, line: line)
            return nil
        }
    }

    private func assertFailure(_ text: String, line n: Int, _ message: String,
                               file: StaticString = #filePath, line: UInt = #line) {
        guard let f = failure(text, file: file, line: line) else { return }
        XCTAssertEqual(f.line, n, "line of \(f)", file: file, line: line)
        XCTAssertTrue(f.message.contains(message), "\(f.message) should contain \(message)", file: file, line: line)
        XCTAssertEqual(f.description, "linia \(n): \(f.message)", file: file, line: line)
    }

    // MARK: Values and tables

    func testEmptyAndBlankInput() throws {
        XCTAssertEqual(try TOMLSubset.parse(""), [:])
        XCTAssertEqual(try TOMLSubset.parse("\n\n   \n\t\n# only a comment\n"), [:])
    }

    func testRootKeysStringsAndIntegers() throws {
        let v = try TOMLSubset.parse("a = \"text cu spații\"\nb = 42\nc = -7\nd = \"\"")
        XCTAssertEqual(v, ["a": .string("text cu spații"), "b": .int(42), "c": .int(-7), "d": .string("")])
    }

    func testWhitespaceAroundKeysAndValues() throws {
        let v = try TOMLSubset.parse("  \t[t]  \n\t key\t=\t 5 \t\n")
        XCTAssertEqual(v, ["t": .table(["key": .int(5)])])
    }

    func testTables() throws {
        let v = try TOMLSubset.parse("""
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
        let v = try TOMLSubset.parse("[a.b]\nx = 1\n[a.c]\ny = 2\n")
        XCTAssertEqual(v, ["a": .table(["b": .table(["x": .int(1)]), "c": .table(["y": .int(2)])])])
    }

    func testEmptyTable() throws {
        XCTAssertEqual(try TOMLSubset.parse("[gol]\n"), ["gol": .table([:])])
    }

    func testArraysOfTables() throws {
        let v = try TOMLSubset.parse("""
            [[set]]
            nume = "A"
            [[set]]
            nume = "B"
            [[set]]
            """)
        XCTAssertEqual(v, ["set": .tables([["nume": .string("A")], ["nume": .string("B")], [:]])])
    }

    func testNestedArraysOfTablesAttachToTheLastParent() throws {
        let v = try TOMLSubset.parse("""
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
        let v = try TOMLSubset.parse("[[set]]\nnume = \"A\"\n[severitati]\nC01 = \"OFF\"\n")
        XCTAssertEqual(v, ["set": .tables([["nume": .string("A")]]), "severitati": .table(["C01": .string("OFF")])])
    }

    func testComments() throws {
        let v = try TOMLSubset.parse("""
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
        let v = try TOMLSubset.parse("""
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
        let v = try TOMLSubset.parse("descriere = \"zile în lanț, ambulatoriu de specialitate\"")
        XCTAssertEqual(v["descriere"], .string("zile în lanț, ambulatoriu de specialitate"))
    }

    func testTheShippedRulesFileParses() throws {
        let v = try TOMLSubset.parse(RT.reguliText)
        guard case .tables(let sets)? = v["set"] else { return XCTFail("no [[set]]") }
        XCTAssertEqual(sets.count, 2)
        guard case .tables(let limits)? = sets[1]["limita"] else { return XCTFail("no [[set.limita]]") }
        XCTAssertEqual(limits.count, 10)
        XCTAssertEqual(limits[0]["max"], .int(4))
        guard case .table(let sev)? = v["severitati"] else { return XCTFail("no [severitati]") }
        XCTAssertEqual(sev["W02"], .string("AVERTISMENT"))
    }

    // MARK: Errors with line numbers

    func testUnclosedArrayOfTablesHeader() {
        assertFailure("a = 1\n\n[[set]\n", line: 3, "]]")
    }

    func testUnclosedTableHeader() {
        assertFailure("# comentariu\n[severitati\n", line: 2, "]")
    }

    func testLineWithoutEquals() {
        assertFailure("[t]\nx = 1\ny 2\n", line: 3, "cheie = valoare")
    }

    func testMissingKey() {
        assertFailure("\n= 3\n", line: 2, "cheie lipsă")
    }

    func testMissingValue() {
        assertFailure("x =\n", line: 1, "valoare lipsă")
        assertFailure("x = # nimic\n", line: 1, "valoare lipsă")
    }

    func testUnclosedString() {
        assertFailure("a = 1\nb = \"abc\n", line: 2, "ghilimele")
    }

    func testUnknownValue() {
        assertFailure("a = abc\n", line: 1, "abc")
        assertFailure("a = true\n", line: 1, "true")
        assertFailure("a = 1.5\n", line: 1, "1.5")
    }

    func testTextAfterValue() {
        assertFailure("a = 1 2\n", line: 1, "după valoare")
        assertFailure("a = \"x\" \"y\"\n", line: 1, "după valoare")
    }

    func testBadArraySeparator() {
        assertFailure("a = [1 2]\n", line: 1, ", sau ]")
        assertFailure("a = [1, 2\n", line: 1, ", sau ]")
    }

    func testDuplicateKey() {
        assertFailure("[t]\nx = 1\nx = 2\n", line: 3, "„x” apare de două ori")
        assertFailure("[[set]]\nnume = \"A\"\nnume = \"B\"\n", line: 3, "apare de două ori")
    }

    func testSameKeyInTwoSetsIsFine() throws {
        let v = try TOMLSubset.parse("[[set]]\nnume = \"A\"\n[[set]]\nnume = \"B\"\n")
        XCTAssertEqual(v, ["set": .tables([["nume": .string("A")], ["nume": .string("B")]])])
    }

    func testTableOverAValue() {
        assertFailure("x = 1\n[x]\n", line: 2, "nu este un tabel")
        assertFailure("x = 1\n[x.y]\n", line: 2, "nu este un tabel")
    }

    func testArrayOfTablesOverATable() {
        assertFailure("[set]\na = 1\n[[set]]\n", line: 3, "nu este o listă de tabele")
    }

    func testArrayOfTablesOverAValue() {
        assertFailure("x = 1\n[[x.y]]\n", line: 2, "nu este un tabel")
    }

    func testLineNumbersCountBlankAndCommentLines() {
        assertFailure("# 1\n\n# 3\n[t]\n\n   \nbad line\n", line: 7, "cheie = valoare")
    }
}
