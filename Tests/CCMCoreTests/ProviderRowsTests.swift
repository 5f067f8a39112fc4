import XCTest
@testable import CCMCore
import CCMFormats

/// furnizori.csv rows (03-registry-and-enrolment.md §1).
final class ProviderRowsTests: XCTestCase {
    static let head = "cui,denumire,casa,nr_conventie,conventie_de_la,conventie_pana_la,email,tip"

    private func read(_ text: String, file: StaticString = #filePath, line: UInt = #line)
        -> (providers: [Provider], errors: [ProviderRows.RowError]) {
        do { return ProviderRows.read(try CSVRecords.parse(text)) } catch {
            XCTFail("CSV did not parse: \(error)", file: file, line: line)
            return ([], [])
        }
    }

    func testGoodFile() {
        let text = Self.head + "\n" +
            "RO31001235,CMI Dr. Popescu Ana,TM,CV-1234/2025,2025-01-01,,ana@example.ro,MF\n" +
            "42005674,\"Spitalul Municipal Timi\u{15F}oara, Secția \u{162}ăndărei\",TM,CV-9/2024,2024-01-01,2026-12-31,,SPITAL\n"
        let (providers, errors) = read(text)
        XCTAssertEqual(errors, [])
        XCTAssertEqual(providers.count, 2)
        XCTAssertEqual(providers.first, Provider(cui: "31001235", denumire: "CMI Dr. Popescu Ana", casa: "TM",
                                                 nrConventie: "CV-1234/2025", conventieDeLa: day("2025-01-01"),
                                                 conventiePanaLa: nil, email: "ana@example.ro", tip: .mf))
        let p = providers.last
        XCTAssertEqual(p?.cui, "42005674")
        XCTAssertEqual(p?.denumire.unicodeScalars.map(\.value),
                       "Spitalul Municipal Timi\u{219}oara, Secția \u{21A}ăndărei".unicodeScalars.map(\.value),
                       "names are stored in the comma-below form")
        XCTAssertEqual(p?.conventiePanaLa, day("2026-12-31"))
        XCTAssertNil(p?.email)
        XCTAssertEqual(p?.tip, .spital)
    }

    func testColumnsInAnyOrder() {
        let text = "tip,email,conventie_pana_la,conventie_de_la,nr_conventie,casa,denumire,cui\n" +
            "AMB,,,2025-03-01,CV-7,IS,Ambulatoriu Iași,31001235\n"
        let (providers, errors) = read(text)
        XCTAssertEqual(errors, [])
        XCTAssertEqual(providers.map(\.cui), ["31001235"])
        XCTAssertEqual(providers.first?.casa, "IS")
        XCTAssertEqual(providers.first?.tip, .amb)
        XCTAssertEqual(providers.first?.conventieDeLa, day("2025-03-01"))
        XCTAssertEqual(providers.first?.nrConventie, "CV-7")
    }

    func testEveryBadRowIsNamedByItsLine() {
        let lines = [
            Self.head,                                                                          // 1
            "31001235,CMI Popescu,TM,CV-1,2025-01-01,,,MF",                                     // 2 good
            "31001236,Control greșit,TM,CV-2,2025-01-01,,,MF",                                  // 3 bad control digit
            "42005674,Casa greșită,XX,CV-3,2025-01-01,,,MF",                                    // 4 bad casa
            "19,Dată greșită,TM,CV-4,2026-02-30,,,MF",                                          // 5 bad date
            "60,Interval invers,TM,CV-5,2026-01-01,2025-12-31,,MF",                             // 6 end before start
            "1014,Tip greșit,TM,CV-6,2025-01-01,,,CLINICA",                                     // 7 bad tip
            "RO31001235,Dublură,TM,CV-7,2025-01-01,,,MF",                                       // 8 duplicate of line 2
            "10004,Prea puține câmpuri,TM,CV-8,2025-01-01,,MF",                                 // 9 7 fields
        ]
        let (providers, errors) = read(lines.joined(separator: "\n") + "\n")
        XCTAssertEqual(errors.map(\.line), [3, 4, 5, 6, 7, 8, 9])
        let byLine = Dictionary(uniqueKeysWithValues: errors.map { ($0.line, $0.message) })
        XCTAssertTrue(byLine[3]?.contains("31001236") == true, byLine[3] ?? "")
        XCTAssertTrue(byLine[4]?.contains("XX") == true, byLine[4] ?? "")
        XCTAssertTrue(byLine[5]?.contains("2026-02-30") == true, byLine[5] ?? "")
        XCTAssertTrue(byLine[6]?.contains("conventie_pana_la") == true, byLine[6] ?? "")
        XCTAssertTrue(byLine[7]?.contains("CLINICA") == true, byLine[7] ?? "")
        XCTAssertTrue(byLine[8]?.contains("31001235") == true, "names the duplicated CUI: \(byLine[8] ?? "")")
        XCTAssertTrue(byLine[9]?.contains("7") == true, byLine[9] ?? "")
        // Nothing of a bad row is turned into a provider; only the good row remains, and the
        // caller refuses the whole file because `errors` is not empty.
        XCTAssertEqual(providers.map(\.denumire), ["CMI Popescu"])
    }

    func testTestDataPremises() {
        // The "good apart from X" rows above use CUIs with valid control digits.
        for cui in ["31001235", "42005674", "19", "60", "1014", "10004"] {
            XCTAssertEqual(CUI(cui)?.hasValidControlDigit, true, cui)
        }
    }

    func testSeveralProblemsInOneRowAreAllNamed() {
        let (providers, errors) = read(Self.head + "\n31001235,X,XX,CV-1,2025-13-01,,,CLINICA\n")
        XCTAssertEqual(providers, [])
        XCTAssertEqual(errors.count, 1)
        let m = errors.first?.message ?? ""
        for part in ["XX", "2025-13-01", "CLINICA"] { XCTAssertTrue(m.contains(part), "\(part) in \(m)") }
    }

    func testMoreFieldsThanTheHeaderIsABadRow() {
        let (providers, errors) = read(Self.head + "\n31001235,X,TM,CV-1,2025-01-01,,,MF,extra\n")
        XCTAssertEqual(providers, [])
        XCTAssertEqual(errors.map(\.line), [2])
    }

    func testLineNumbersAfterAMultiLineQuotedField() {
        let text = Self.head + "\n" +
            "31001235,\"Nume pe\ndouă linii\",TM,CV-1,2025-01-01,,,MF\n" +   // lines 2–3
            "42005674,Y,TM,CV-2,2025-01-01,,,NU\n"                            // line 4
        // A name is one line (it is published): the first row is refused too, named by where it starts.
        XCTAssertEqual(read(text).errors.map(\.line), [2, 4])
    }

    func testOtherFieldChecks() {
        let rows = [
            "31001235,,TM,CV-1,2025-01-01,,,MF",                                  // 2 empty name
            "42005674,X,TM,,2025-01-01,,,MF",                                     // 3 empty convention number
            "19,X,TM,CV-3,2025-01-01,,fara-arond,MF",                             // 4 bad e-mail
            "60,X,TM,\(String(repeating: "9", count: 31)),2025-01-01,,,MF",       // 5 convention number > 30
            "1014,X,TM,CV-5,,,,MF",                                                // 6 missing start date
            "10004,X,TM,CV-6,2025-01-01,2025-1-31,,MF",                            // 7 malformed end date
            "123453,X,TM,CV-7,2025-01-01,,x@y.ro,ALTUL",                            // 8 good
        ]
        let (providers, errors) = read(Self.head + "\n" + rows.joined(separator: "\n") + "\n")
        XCTAssertEqual(errors.map(\.line), [2, 3, 4, 5, 6, 7])
        XCTAssertEqual(providers.map(\.cui), ["123453"])
    }

    func testEmptyFileIsAnError() {
        XCTAssertEqual(ProviderRows.read([]).errors.map(\.line), [1])
    }

    func testHeaderOnlyGivesNothing() {
        let (providers, errors) = read(Self.head + "\n")
        XCTAssertEqual(providers, [])
        XCTAssertEqual(errors, [])
    }

    /// A registry value is repeated to the operator escaped, cut and with a CNP masked; a name
    /// that would break a table cell or a log line is refused.
    func testHostileValuesAreQuotedSafelyAndControlCharactersRefused() {
        let long = String(repeating: "X", count: 60_000)
        let text = Self.head + "\n" +
            "1850512350089,CMI A,TM,CV-1,2025-01-01,,,MF\n" +
            "31001235,\"CMI B\r\nBcc: x\",TM,CV-2,2025-01-01,,,MF\n" +
            "42005674,CMI C,\(long),CV-3,2025-01-01,,,MF\n" +
            "24455720,CMI \u{1B}[2KD,TM,CV-4,2025-01-01,,,MF\n" +
            "18547290,CMI E,TM,CV-5,2025-01-01,,,MF\n"
        let (providers, errors) = read(text)
        XCTAssertEqual(providers.map(\.cui), ["18547290"])
        XCTAssertEqual(errors.map(\.line), [2, 3, 5, 6], "the second row spans lines 3–4")
        let all = errors.map(\.message).joined(separator: "\n")
        XCTAssertFalse(all.contains("1850512350089"), all)
        XCTAssertTrue(all.contains("„1***********9”"), all)
        XCTAssertTrue(errors[1].message.contains("caractere de control"), errors[1].message)
        XCTAssertLessThan(errors[2].message.count, 200, "a 60 KB value is cut")
        XCTAssertTrue(errors[3].message.contains("caractere de control"), errors[3].message)
        XCTAssertFalse(all.unicodeScalars.contains { $0.value < 0x20 && $0 != "\n" }, all)
    }
}
