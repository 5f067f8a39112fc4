import XCTest
@testable import CCMCore
@testable import CCMFormats

/// RFC 4180 reading through CSV.swift (03-registry-and-enrolment.md §1).
final class CSVRecordsTests: XCTestCase {

    private func parse(_ text: String) throws -> [CSVRecord] { try CSVRecords.parse(text) }

    func testPlainRecordsWithLineNumbers() throws {
        let r = try parse("a,b,c\n1,2,3\n")
        XCTAssertEqual(r, [.init(line: 1, fields: ["a", "b", "c"]), .init(line: 2, fields: ["1", "2", "3"])])
    }

    func testLastLineWithoutNewline() throws {
        XCTAssertEqual(try parse("a,b\n1,2").map(\.fields), [["a", "b"], ["1", "2"]])
    }

    func testEmptyFieldsAreKept() throws {
        XCTAssertEqual(try parse("a,,c,\n").map(\.fields), [["a", "", "c", ""]])
    }

    func testQuotedFieldWithComma() throws {
        XCTAssertEqual(try parse("cui,denumire\n31001235,\"Popescu, Ana SRL\"\n").last?.fields,
                       ["31001235", "Popescu, Ana SRL"])
    }

    func testDoubledQuotes() throws {
        XCTAssertEqual(try parse("x,\"CMI \"\"Sf. Ana\"\"\",y\n").first?.fields, ["x", "CMI \"Sf. Ana\"", "y"])
        XCTAssertEqual(try parse("\"\"\"\",\"\"\n").first?.fields, ["\"", ""])
    }

    func testNewlineInsideQuotesAndTheNextRecordsLine() throws {
        let text = "h1,h2\n\"line one\nline two\",x\nnext,y\n"
        let r = try parse(text)
        XCTAssertEqual(r.count, 3)
        XCTAssertEqual(r[1].line, 2)
        XCTAssertEqual(r[1].fields, ["line one\nline two", "x"])
        XCTAssertEqual(r[2].line, 4, "the quoted field spans lines 2–3, so the next record starts on line 4")
        XCTAssertEqual(r[2].fields, ["next", "y"])
    }

    func testTwoNewlinesInsideQuotes() throws {
        let r = try parse("a\n\"1\n2\n3\"\nb\n")
        XCTAssertEqual(r.map(\.line), [1, 2, 5])
    }

    func testCRLF() throws {
        let r = try parse("a,b\r\n1,2\r\n3,4\r\n")
        XCTAssertEqual(r.map(\.fields), [["a", "b"], ["1", "2"], ["3", "4"]])
        XCTAssertEqual(r.map(\.line), [1, 2, 3])
    }

    func testCRLFInsideQuotesCountsAsALine() throws {
        let r = try parse("a,b\r\n\"x\r\ny\",2\r\nz,3\r\n")
        XCTAssertEqual(r[1].fields.first, "x\r\ny")
        XCTAssertEqual(r[2].line, 4)
    }

    func testBOMIsDropped() throws {
        let r = try parse("\u{FEFF}cui,denumire\n1,x\n")
        XCTAssertEqual(r.first?.fields, ["cui", "denumire"])
        XCTAssertEqual(r.first?.fields.first?.unicodeScalars.count, 3)
    }

    func testBlankLinesAreSkippedButCounted() throws {
        let r = try parse("a\n\nb\n")
        XCTAssertEqual(r.map(\.fields), [["a"], ["b"]])
        XCTAssertEqual(r.map(\.line), [1, 3])
    }

    func testOtherSeparator() throws {
        XCTAssertEqual(try CSVRecords.parse("a;b,c;\"d;e\"\n", separator: ";").first?.fields, ["a", "b,c", "d;e"])
    }

    func testUnterminatedQuoteThrowsWithItsLine() {
        XCTAssertThrowsError(try parse("a,b\n1,2\n3,\"never closed\n4,5\n")) { error in
            guard let f = error as? CSVRecords.Failure else { return XCTFail("\(error)") }
            XCTAssertEqual(f.line, 3)
            XCTAssertFalse(f.message.isEmpty)
        }
    }

    func testTextAfterAClosingQuoteThrowsWithItsLine() {
        XCTAssertThrowsError(try parse("a,b\n\"x\"y,2\n")) { error in
            XCTAssertEqual((error as? CSVRecords.Failure)?.line, 2)
        }
    }

    func testLoneCRInsideQuotesCountsAsALine() throws {
        XCTAssertEqual(try parse("a\r\"x\ry\"\rb\r").map(\.line), [1, 2, 4])
    }

    func testEmptyInput() throws {
        XCTAssertEqual(try parse(""), [])
    }

    // MARK: Why CSV.swift (records split on CR and LF only, over Unicode scalars, fields verbatim)

    /// U+2028, NEL, VT and FF are `Character.isNewline`; a reader splitting on those would cut a row in two.
    func testUnicodeLineSeparatorsStayInsideTheirField() throws {
        let r = try parse("a,b\nx\u{2028}y,\u{85}z\u{0B}\n")
        XCTAssertEqual(r.map(\.fields), [["a", "b"], ["x\u{2028}y", "\u{85}z\u{0B}"]])
        XCTAssertEqual(r.map(\.line), [1, 2])
    }

    /// A combining mark after a comma makes one grapheme with it; the separator is still a separator.
    func testACombiningMarkDoesNotHideASeparator() throws {
        XCTAssertEqual(try parse("a,\u{301}b,c\n").first?.fields, ["a", "\u{301}b", "c"])
    }

    func testSpacesAroundFieldsAreKeptForTheRowReaders() throws {
        XCTAssertEqual(try parse(" a ,\tb\u{A0}\n").first?.fields, [" a ", "\tb\u{A0}"])
    }

    /// CSV.swift alone would read the rest of the file into that field; the file is refused at its line instead.
    func testTextAfterAClosingQuoteDoesNotSwallowTheRestOfTheFile() {
        XCTAssertThrowsError(try parse("a,b\n1,2\n\"CMI \"Sf\" Ana\",3\n4,5\n")) { error in
            XCTAssertEqual(error as? CSVRecords.Failure, .init(line: 3, message: "caracter după ghilimelele de închidere"))
        }
    }

    func testAnUnclosedQuoteIsNamedByTheLineItsRecordStarts() {
        XCTAssertThrowsError(try parse("a,b\n\"x\ny\",1\n2,\"z\n\n")) { error in
            XCTAssertEqual(error as? CSVRecords.Failure, .init(line: 4, message: "ghilimele neînchise"))
        }
    }

    func testAHugeQuotedFieldWithLineBreaks() throws {
        let big = String(repeating: "X", count: 30_000) + "\r\n" + String(repeating: "Y", count: 30_000)
        let r = try parse("a,b\n\"\(big)\",1\nc,2\n")
        XCTAssertEqual(r.map(\.line), [1, 2, 4])
        XCTAssertEqual(r[1].fields.first?.unicodeScalars.count, 60_002)
    }

    func testASemicolonSeparatedFileWithABOMAndCRLF() throws {
        let r = try CSVRecords.parse("\u{FEFF}cod;denumire\r\n\"=1+2\";\"a;b\"\"c\"\r\n", separator: ";")
        XCTAssertEqual(r.map(\.fields), [["cod", "denumire"], ["=1+2", "a;b\"c"]])
    }

    /// Records are split as bytes (those holding a quote by `quotedFields`), CSV.swift the oracle: the
    /// records and their lines must be CSV.swift's of the whole text, for random texts of
    /// quotes, separators, line breaks of each kind, blanks and Romanian letters.
    func testRecordsAreCSVSwiftsOfTheWholeText() throws {
        let alphabet: [String] = ["a", "ș", "1", ",", ";", "\"", "\"", "\r", "\n", "\r\n", " ", "\t", "\u{FEFF}"]
        var seed: UInt64 = 0x2545F4914F6CDD1D
        func next(_ n: Int) -> Int {
            seed = seed &* 6364136223846793005 &+ 1442695040888963407
            return Int((seed >> 33) % UInt64(n))
        }
        var compared = 0, quoted = 0, refused = 0
        for _ in 0..<6000 {
            let text = (0..<next(40)).map { _ in alphabet[next(alphabet.count)] }.joined()
            let body = text.hasPrefix("\u{FEFF}") ? String(text.unicodeScalars.dropFirst()) : text
            for separator: Unicode.Scalar in [",", ";"] {
                // The byte walk refuses what `checkQuotes` refuses, on the same line, in the same words.
                var refusal: CSVRecords.Failure?
                do { try CSVRecords.checkQuotes(body, separator: separator) } catch { refusal = error as? CSVRecords.Failure }
                var byBytes: CSVRecords.Failure?
                do { _ = try CSVRecords.pieces(Array(body.utf8), separator: UInt8(separator.value)) } catch { byBytes = error as? CSVRecords.Failure }
                XCTAssertEqual(byBytes, refusal, "\(text.debugDescription) with \(separator)")
                if refusal != nil { refused += 1; continue }
                XCTAssertEqual(try CSVRecords.parse(text, separator: separator), try CSVRecords.byLibrary(body, separator: separator),
                               "\(text.debugDescription) with \(separator)")
                compared += 1
                if text.contains("\"") { quoted += 1 }
            }
        }
        XCTAssertGreaterThan(quoted, 500, "texts with quotes that CSV.swift reads were compared")
        XCTAssertGreaterThan(compared, 2000)
        XCTAssertGreaterThan(refused, 500, "texts that both walks refuse were compared")
        XCTAssertEqual(try parse("a,b\r1,2\r\n\n3").map(\.line), [1, 2, 4])
    }
}
