import CCMCore
@testable import CCMPublishing
@testable import CCMRuntime
import CCMStore
import CCMTestSupport
import Foundation
import XCTest
@testable import CCMApp

/// A refusal note is marked as replaced once a later report of that provider for that month
/// was registered (04-outputs.md §1), as of the edition's moment, in every format; the edition
/// and the house reach the CSV and the JSON.
final class SupersededRefusalTests: DatabaseTestCase {
    let luna = YearMonth("2026-10")!
    func instant(_ iso: String) throws -> Date { try XCTUnwrap(ISO8601DateFormatter().date(from: iso)) }

    func testARefusalIsReplacedByALaterRegisteredReportNotByAnEarlierOne() throws {
        try registerProvider()
        try registerProvider(Fixture.otherCui)
        // Fixture.cui: refused on the 5th, its corrected initial registered on the 7th.
        try drop([("CCM_31001235_202610_I_1.xml", Fixture.document(totals: (9, 9)))])
        XCTAssertEqual(try ingest(at: "2026-11-05T10:00:00+02:00").outcomes.first?.status, .respins)
        // otherCui: registered on the 5th, then a rectificativă refused on the 7th (still to be resent).
        try drop([("CCM_42005674_202610_I_1.xml", Fixture.document(cui: Fixture.otherCui, certificates: Fixture.certs(2, from: 4400200)))])
        XCTAssertEqual(try ingest(at: "2026-11-05T11:00:00+02:00").outcomes.first?.status, .inregistrat)
        try drop([("CCM_31001235_202610_I_2.xml", Fixture.document()),
                  ("CCM_42005674_202610_R_1.xml", Fixture.document(tip: "RECTIFICATIVA", cui: Fixture.otherCui, certificates: Fixture.certs(1, from: 4400200), totals: (7, 7)))])
        XCTAssertEqual(try ingest(at: "2026-11-07T10:00:00+02:00").outcomes.map(\.status).sorted { $0.rawValue < $1.rawValue },
                       [.inregistrat, .respins])

        // As of the 6th: the refusal stands.
        let sixth = try App.centralizer(db, settings: settings(), luna: luna, asOf: try instant("2026-11-06T08:00:00+02:00"))
        let before = try XCTUnwrap(sixth.rows.first { $0.cui == Fixture.cui })
        XCTAssertEqual(before.stage, .faraRaportare)
        XCTAssertEqual(before.refusals.map(\.superseded), [false])
        XCTAssertEqual(before.refusals.first?.reasons.map(\.code), ["F08"])
        XCTAssertEqual(sixth.edition, "Situație provizorie la 06.11.2026")
        for text in [CentralizerCSV.render(sixth), CentralizerJSON.render(sixth), CentralizerText.render(sixth), CentralizerHTML.render(sixth)] {
            XCTAssertFalse(text.contains(Observation.supersededMark), "nothing replaced yet")
        }

        // As of the 14th: replaced for the first, not for the second (its registered report came before).
        let table = try App.centralizer(db, settings: settings(), luna: luna, asOf: try instant("2026-11-14T08:00:00+02:00"))
        XCTAssertEqual(table.houseShortName, "CAS Timiș")
        XCTAssertEqual(table.edition, "Ediția din 14.11.2026")
        let replaced = try XCTUnwrap(table.rows.first { $0.cui == Fixture.cui })
        XCTAssertEqual(replaced.stage, .validat)
        XCTAssertEqual(replaced.refusals.map(\.superseded), [true])
        XCTAssertEqual(replaced.notes.last?.superseded, true)
        let open = try XCTUnwrap(table.rows.first { $0.cui == Fixture.otherCui })
        XCTAssertEqual(open.refusals.map(\.superseded), [false])
        XCTAssertEqual(open.notes.last?.kind, .refusal)

        let marked = "Fișier respins CCM_31001235_202610_I_1.xml (05.11.2026 10:00): F08"
        let csv = CentralizerCSV.render(table)
        let lines = csv.components(separatedBy: "\r\n").filter { !$0.isEmpty }
        XCTAssertTrue(lines[0].hasPrefix("\u{FEFF}Nr. crt.;CUI;Denumire furnizor;"))
        XCTAssertTrue(lines[0].hasSuffix(";Observații;Ediția"), "the edition is the last column")
        for line in lines.dropFirst() { XCTAssertTrue(line.hasSuffix(";Ediția din 14.11.2026"), line) }
        XCTAssertEqual(markedLines(csv, marked), 1, "CSV")
        XCTAssertEqual(markedLines(CentralizerText.render(table), marked), 1, "text")
        XCTAssertTrue(CentralizerText.render(table).hasPrefix("Tabel centralizator CAS Timiș, luna 2026-10, Ediția din 14.11.2026 (la 2026-11-14T08:00:00+02:00)\n"))
        XCTAssertTrue(CentralizerHTML.render(table).contains("<span class=\"eticheta\">\(Observation.supersededMark)</span>"), "HTML")

        // JSON: the keys of §3 unchanged, plus the house, the edition and the refused files.
        let json = try XCTUnwrap(JSONSerialization.jsonObject(with: Data(CentralizerJSON.render(table).utf8)) as? [String: Any])
        XCTAssertEqual(Set(json.keys), ["casa", "luna", "asOf", "counts", "rows", "denumireCasa", "editie"])
        XCTAssertEqual(json["casa"] as? String, "TM")
        XCTAssertEqual(json["denumireCasa"] as? String, "Casa de Asigurări de Sănătate Timiș")
        XCTAssertEqual(json["editie"] as? String, "Ediția din 14.11.2026")
        let rows = try XCTUnwrap(json["rows"] as? [[String: Any]])
        let row = try XCTUnwrap(rows.first { $0["cui"] as? String == Fixture.cui })
        XCTAssertEqual(Set(row.keys), ["cui", "denumire", "nrConventie", "stadiu", "nrCertificate", "nrCertificateCuErori", "erori",
                                       "ultimaRaportare", "observatii", "respinse"])
        XCTAssertTrue((row["observatii"] as? [String])?.last?.hasSuffix("(\(Observation.supersededMark))") ?? false, "\(row)")
        let respinse = try XCTUnwrap(row["respinse"] as? [[String: Any]])
        XCTAssertEqual(respinse.first?["fisier"] as? String, "CCM_31001235_202610_I_1.xml")
        XCTAssertEqual(respinse.first?["primitLa"] as? String, "2026-11-05T10:00:00+02:00")
        XCTAssertEqual(respinse.first?["inlocuit"] as? Bool, true)
        XCTAssertEqual((respinse.first?["erori"] as? [[String: String]])?.first?["code"], "F08")
        // One error object everywhere (as `ingest --json` and `status --json`): code, severity, message.
        XCTAssertEqual(Set((respinse.first?["erori"] as? [[String: String]])?.first?.keys ?? [:].keys), ["code", "severity", "message"])
        XCTAssertEqual((respinse.first?["erori"] as? [[String: String]])?.first?["severity"], "EROARE")
        let other = try XCTUnwrap(rows.first { $0["cui"] as? String == Fixture.otherCui }?["respinse"] as? [[String: Any]])
        XCTAssertEqual(other.first?["inlocuit"] as? Bool, false)

        // XLSX: the note and the Erori sheet (through the CLI's writer: checked as text here,
        // cell by cell in CentralizerXLSXTests).
        let xlsx = folder.appendingPathComponent("c.xlsx")
        try Publisher.write(table, format: "xlsx", to: xlsx.path)
        let strings = try Subprocess.run("/usr/bin/unzip", ["-p", xlsx.path, "xl/sharedStrings.xml"]).output
        XCTAssertTrue(strings.contains(Observation.supersededMark), "XLSX")
        XCTAssertTrue(strings.contains("CCM_42005674_202610_R_1.xml"), "the refused rectificativă in the Erori sheet")
    }

    func markedLines(_ text: String, _ note: String) -> Int {
        text.components(separatedBy: note).count - 1 == 0 ? 0
            : text.components(separatedBy: "\n").filter { $0.contains(note) && $0.contains(Observation.supersededMark) }.count
    }
}
