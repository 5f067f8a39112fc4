import CCMApp
import CCMRuntime
import CCMTestSupport
import Foundation
import XCTest

/// The whole job through the real `ccm` executable on SampleData: every file ends as
/// SampleData/expected.json says, and the centralizer shows what the county was built to show.
final class SampleDataTests: DatabaseTestCase {
    struct Expected: Decodable {
        struct File: Decodable {
            var folder: String; var file: String; var status: String; var codes: [String]; var certificates: Int
            var certificateCodes: [String: [String]]?
        }
        struct Row: Decodable { var cui: String; var stadiu: String; var nrCertificate: Int; var nrCertificateCuErori: Int? }
        struct Table: Decodable { var counts: [String: Int]; var rows: [Row] }
        var luna: String
        var receivedAt: [String: String]
        var files: [File]
        var centralizer: Table
        var centralizerAfterRectificative: Table
        var centralizerAfterRevalidation: Table
    }

    var env: [String: String] {
        ["CCM_DATABASE_URL": database.url, "CCM_HOME": folder.path, "CCM_CASA": "TM", "CCM_MEDIU": "TEST"]
    }

    func ccm(_ args: [String]) throws -> CLI.Result { try CLI.run(args, env: env) }

    func testIngestOverSampleDataGivesTheOutcomesItWasBuiltFor() throws {
        var expected = try JSONDecoder().decode(Expected.self, from: Data(contentsOf: Paths.sampleData.appendingPathComponent("expected.json")))
        struct SignatureFiles: Decodable { var files: [Expected.File] }
        // Outcomes that signing adds (expected-signatures.json, by scripts/sign-sampledata.sh) replace those of the same file.
        let signing = try JSONDecoder().decode(SignatureFiles.self, from: Data(contentsOf: Paths.sampleData.appendingPathComponent("expected-signatures.json"))).files
        expected.files = expected.files.filter { f in !signing.contains { $0.file == f.file } } + signing
        try importRegistryAndTrust()

        var seen: [String: [String: Any]] = [:]
        var log = ""
        let fourteenth = "2026-11-14T08:00:00+02:00"
        var printedOnTheFourteenth = ""
        for folderName in ["inbox", "inbox-late", "inbox-rectificative"] {
            if folderName == "inbox-rectificative" {
                // The edition published on the 14th, before the corrections came in.
                try checkCentralizer(expected.centralizer, asOf: fourteenth)
                printedOnTheFourteenth = try ccm(["centralizer", "--luna", expected.luna, "--format", "json", "--as-of", fourteenth]).stdout
            }
            let copy = folder.appendingPathComponent(folderName)
            try FileManager.default.copyItem(at: Paths.sampleData.appendingPathComponent(folderName), to: copy)
            // Each folder is that run's inbox: its files are moved (a folder named otherwise is only copied from).
            // Settled at once: the upload cut short is judged now, as it would be once settle_seconds passed.
            let r = try ccm(["ingest", "--inbox", copy.path, "--json", "--received-at", try XCTUnwrap(expected.receivedAt[folderName]),
                             "--settle-seconds", "0"])
            XCTAssertEqual(r.status, 0, r.stderr)
            log += r.stderr
            for line in r.stdout.split(separator: "\n") {
                let o = try XCTUnwrap(JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any])
                seen[o["file"] as? String ?? ""] = o
            }
            XCTAssertEqual(try FileManager.default.contentsOfDirectory(atPath: copy.path), [],
                           "every file and its signature archived or quarantined")
        }
        XCTAssertEqual(seen.count, expected.files.count)
        for f in expected.files {
            let o = try XCTUnwrap(seen[f.file], f.file)
            XCTAssertEqual(o["status"] as? String, f.status, f.file)
            let codes = (o["errors"] as? [[String: Any]] ?? []).compactMap { $0["code"] as? String }
            XCTAssertEqual(Set(codes), Set(f.codes), f.file)
            XCTAssertEqual((o["sha256"] as? String)?.count, 64)
            // Certificate verdicts: the codes each certificate was built to trip (a repeated
            // number's lines are listed together under it), and nothing on the others.
            var got: [String: Set<String>] = [:]
            for c in o["certificates"] as? [[String: Any]] ?? [] {
                let key = "\(c["serie"] as? String ?? "") \(c["numar"] as? String ?? "")"
                let codes = (c["errors"] as? [[String: Any]] ?? []).compactMap { $0["code"] as? String }
                if !codes.isEmpty { got[key, default: []].formUnion(codes) }
            }
            XCTAssertEqual(got, (f.certificateCodes ?? [:]).mapValues(Set.init), f.file)
            let stored = try database.count("""
                SELECT count(v.id) FROM documents d LEFT JOIN certificate_versions v ON v.document_id = d.id AND v.source = 'document'
                WHERE d.file_name = $1 AND d.status = 'INREGISTRAT'
                """, [f.file])
            XCTAssertEqual(f.status == "INREGISTRAT" ? stored : 0, f.certificates, f.file)
        }

        try checkCentralizer(expected.centralizerAfterRectificative)
        let revalidated = try ccm(["revalidate", "--luna", expected.luna])
        XCTAssertEqual(revalidated.status, 0, revalidated.stderr)
        try checkCentralizer(expected.centralizerAfterRevalidation)
        // The 14th's edition, reproduced after the corrections and the revalidation.
        XCTAssertEqual(try ccm(["centralizer", "--luna", expected.luna, "--format", "json", "--as-of", fourteenth]).stdout,
                       printedOnTheFourteenth)
        // What changed since the 14th (04-outputs.md §4, the demo's last table): exactly the rows that
        // differ between the two tables SampleData was built for, among them CU ERORI → VALIDAT.
        let compared = try ccm(["centralizer", "--luna", expected.luna, "--compare-to", fourteenth, "--format", "json"])
        XCTAssertEqual(compared.status, 0, compared.stderr)
        let changes = try XCTUnwrap((JSONSerialization.jsonObject(with: Data(compared.stdout.utf8)) as? [String: Any])?["changes"] as? [[String: Any]])
        func expectedFigures(_ r: Expected.Row?) -> String? { r.map { "\($0.stadiu) \($0.nrCertificate) \($0.nrCertificateCuErori ?? 0)" } }
        func printedFigures(_ o: Any?) -> String? {
            (o as? [String: Any]).map { "\($0["stadiu"] as? String ?? "") \($0["nrCertificate"] as? Int ?? -1) \($0["nrCertificateCuErori"] as? Int ?? -1)" }
        }
        let onTheFourteenth = Dictionary(uniqueKeysWithValues: expected.centralizer.rows.map { ($0.cui, $0) })
        let atTheEnd = Dictionary(uniqueKeysWithValues: expected.centralizerAfterRevalidation.rows.map { ($0.cui, $0) })
        let changed = Set(onTheFourteenth.keys).union(atTheEnd.keys).filter { expectedFigures(onTheFourteenth[$0]) != expectedFigures(atTheEnd[$0]) }
        XCTAssertEqual(Set(changes.compactMap { $0["cui"] as? String }), changed)
        XCTAssertEqual(changes.count, changed.count)
        for c in changes {
            let cui = c["cui"] as? String ?? ""
            XCTAssertEqual(printedFigures(c["before"]), expectedFigures(onTheFourteenth[cui]), cui)
            XCTAssertEqual(printedFigures(c["after"]), expectedFigures(atTheEnd[cui]), cui)
        }
        XCTAssertTrue(changes.contains { printedFigures($0["before"])?.hasPrefix("CU ERORI") == true && printedFigures($0["after"])?.hasPrefix("VALIDAT") == true })
        let comparedAs = try ["text", "html", "csv"].map { try ccm(["centralizer", "--luna", expected.luna, "--compare-to", fourteenth, "--format", $0]).stdout }
        XCTAssertTrue(comparedAs[0].hasSuffix("\(changed.count) furnizori și-au schimbat situația.\n"), comparedAs[0])

        let json = try ccm(["centralizer", "--luna", expected.luna, "--format", "json"])
        // A certificate's error is the same error object as everywhere, with its certificate.
        let tableRows = (try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [String: Any])?["rows"] as? [[String: Any]] ?? []
        let firstError = try XCTUnwrap(tableRows.lazy.compactMap { ($0["erori"] as? [[String: String]])?.first }.first)
        XCTAssertEqual(Set(firstError.keys), ["serie", "numar", "code", "severity", "message"])
        XCTAssertEqual(firstError["severity"], "EROARE")
        let csv = try ccm(["centralizer", "--luna", expected.luna, "--format", "csv"])
        XCTAssertEqual(Array(csv.stdoutBytes.prefix(3)), [0xEF, 0xBB, 0xBF], "UTF-8 BOM")
        XCTAssertTrue(csv.stdout.contains("Nr. crt.;CUI;Denumire furnizor;"))

        // No personal data in the public outputs (every format) or the logs: no CNP, no
        // insured's name, no diagnosis; the e-mails to providers carry CNPs masked.
        let names = try insuredNames()
        let diagnoses = try diagnosisCodes()
        XCTAssertFalse(names.isEmpty)
        XCTAssertFalse(diagnoses.isEmpty)
        let html = try ccm(["centralizer", "--luna", expected.luna, "--format", "html"])
        let xlsxFile = folder.appendingPathComponent("c.xlsx")
        XCTAssertEqual(try ccm(["centralizer", "--luna", expected.luna, "--format", "xlsx", "--output", xlsxFile.path]).status, 0)
        // The workbook's text: its strings and cell values, without the markup (cell references
        // such as "I10" would look like diagnoses).
        let xlsx = try Subprocess.run("/usr/bin/unzip", ["-p", xlsxFile.path, "xl/sharedStrings.xml", "xl/worksheets/*.xml"]).output
            .replacingOccurrences(of: "<[^>]*>", with: " ", options: .regularExpression)
        XCTAssertTrue(xlsx.contains("VALIDAT"), "the workbook's text was read")
        let eml = folder.appendingPathComponent("eml")
        let notified = try ccm(["notify", "--luna", expected.luna, "--dry-run", eml.path])
        XCTAssertEqual(notified.status, 0, notified.stderr)
        log += notified.stderr
        let mails = try FileManager.default.contentsOfDirectory(atPath: eml.path).map {
            try String(contentsOf: eml.appendingPathComponent($0), encoding: .utf8) }
        XCTAssertFalse(mails.isEmpty)
        for text in [json.stdout, csv.stdout, html.stdout, xlsx, log, compared.stdout] + comparedAs + mails {
            XCTAssertNil(text.range(of: "(?<![0-9])[0-9]{13}(?![0-9])", options: .regularExpression), "a 13-digit number leaked")
            for n in names { XCTAssertFalse(text.contains(n), "an insured's name leaked: \(n)") }
        }
        // A diagnosis stands alone: "A16" inside a temporary folder's name ("…-A16F…") is not one.
        for text in [json.stdout, csv.stdout, html.stdout, xlsx, log, compared.stdout] + comparedAs {
            for d in diagnoses {
                XCTAssertNil(text.range(of: "(?<![A-Za-z0-9.])\(NSRegularExpression.escapedPattern(for: d))(?![A-Za-z0-9.])",
                                        options: .regularExpression), "a diagnosis leaked: \(d)")
            }
        }

        // A second run over the same (now empty) inboxes changes nothing and says nothing.
        let counts = try db.exec("SELECT (SELECT count(*) FROM documents), (SELECT count(*) FROM certificate_versions)").values
        for folderName in ["inbox", "inbox-late", "inbox-rectificative"] {
            let r = try ccm(["ingest", "--inbox", folder.appendingPathComponent(folderName).path, "--json"])
            XCTAssertEqual(r.status, 0)
            XCTAssertEqual(r.stdout, "")
        }
        XCTAssertEqual(try db.exec("SELECT (SELECT count(*) FROM documents), (SELECT count(*) FROM certificate_versions)").values, counts)
    }

    /// The registry as the CAS held it before the reports (effective 1 November), its signers,
    /// and the test PKI's root and CRL as trust anchors.
    func importRegistryAndTrust() throws {
        let imported = try ccm(["registry", "import", "--at", "2026-11-01T00:00:00+02:00"] + ["furnizori", "medici", "carnete", "semnatari"].map {
            Paths.sampleData.appendingPathComponent("registry/\($0).csv").path
        })
        XCTAssertEqual(imported.status, 0, imported.stderr)
        let trust = try ccm(["trust", "add"] + ["root-ca.pem", "intermediate-ca.crl.pem"].map {
            Paths.sampleData.appendingPathComponent("pki/trust/\($0)").path
        })
        XCTAssertEqual(trust.status, 0, trust.stderr)
    }

    func checkCentralizer(_ e: Expected.Table, asOf: String? = nil, file: StaticString = #filePath, line: UInt = #line) throws {
        let r = try ccm(["centralizer", "--luna", "2026-10", "--format", "json"] + (asOf.map { ["--as-of", $0] } ?? []))
        XCTAssertEqual(r.status, 0, r.stderr, file: file, line: line)
        let table = try XCTUnwrap(JSONSerialization.jsonObject(with: Data(r.stdout.utf8)) as? [String: Any])
        XCTAssertEqual(table["counts"] as? [String: Int], e.counts, file: file, line: line)
        let rows = try XCTUnwrap(table["rows"] as? [[String: Any]])
        XCTAssertEqual(rows.count, e.rows.count, file: file, line: line)
        for x in e.rows {
            let row = try XCTUnwrap(rows.first { $0["cui"] as? String == x.cui }, x.cui)
            XCTAssertEqual(row["stadiu"] as? String, x.stadiu, x.cui, file: file, line: line)
            XCTAssertEqual(row["nrCertificate"] as? Int, x.nrCertificate, x.cui, file: file, line: line)
            XCTAssertEqual(row["nrCertificateCuErori"] as? Int, x.nrCertificateCuErori ?? 0, x.cui, file: file, line: line)
        }
    }

    /// Surnames and given names of the insured, as stored, long enough not to match by chance,
    /// and not part of a provider's name (a practice is named after its doctor, not its patients).
    func insuredNames() throws -> Set<String> {
        let providers = try db.exec("SELECT denumire FROM providers").compactMap { $0[0] }
        let names = try db.exec("SELECT DISTINCT nume FROM certificate_versions UNION SELECT DISTINCT prenume FROM certificate_versions")
            .compactMap { $0[0] }.filter { $0.count >= 5 }
        return Set(names.filter { n in !providers.contains { $0.contains(n) } })
    }

    /// The diagnosis codes stored, except those spelled like a rule code (C00–C97 and F00–F99
    /// are ICD-10 chapters too: "C16" in a table is the rule, not a tumour).
    func diagnosisCodes() throws -> Set<String> {
        let all = try db.exec("SELECT DISTINCT cod_diagnostic FROM certificate_versions WHERE cod_diagnostic IS NOT NULL").compactMap { $0[0] }
        return Set(all.filter { $0.range(of: "^[CFW][0-9]{2}$", options: .regularExpression) == nil })
    }

    func testNamesFromEightBitFilesAreStoredWithCommaBelow() throws {
        try importRegistryAndTrust()
        let copy = folder.appendingPathComponent("inbox")
        try FileManager.default.copyItem(at: Paths.sampleData.appendingPathComponent("inbox"), to: copy)
        XCTAssertEqual(try ccm(["ingest", copy.path, "--received-at", "2026-11-10T10:00:00+02:00"]).status, 0)
        let cedilla = try database.count("""
            SELECT count(*) FROM certificate_versions
            WHERE nume ~ '[şţŞŢ]' OR prenume ~ '[şţŞŢ]' OR medic_nume ~ '[şţŞŢ]' OR angajator_denumire ~ '[şţŞŢ]'
            """)
        XCTAssertEqual(cedilla, 0)
        XCTAssertGreaterThan(try database.count("SELECT count(*) FROM certificate_versions WHERE nume ~ '[șțȘȚ]' OR prenume ~ '[șțȘȚ]'"), 0)
    }
}
