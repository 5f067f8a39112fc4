import CCMApp
import CCMCore
import CCMRuntime
import CCMTestSupport
import Foundation
import XCTest

/// Near-miss documents (refused only because a value is slightly wrong) through the real
/// `ccm`: no value of theirs reaches any output (issue: values quoted in messages) — the
/// centralizer in every format, the workbook's XML, status, ingest --json, the e-mails, the log.
final class MessagePrivacyTests: DatabaseTestCase {
    static let cnp = "1850512350089"
    static let diagnosis = "F32.1"
    static let name = "Zamfirescu"

    var env: [String: String] {
        ["CCM_DATABASE_URL": database.url, "CCM_HOME": folder.path, "CCM_CASA": "TM", "CCM_MEDIU": "TEST"]
    }

    func ccm(_ args: [String]) throws -> CLI.Result { try CLI.run(args, env: env) }

    /// A CUI with a valid control digit, from a body of up to 9 digits.
    func cui(_ body: Int) -> String { "\(body)\(CUI.controlDigit(of: String(body)) ?? 0)" }

    func regexReplace(_ doc: String, _ pattern: String, _ new: String) -> String {
        doc.replacingOccurrences(of: pattern, with: new, options: .regularExpression)
    }

    func testNoValueOfANearMissDocumentReachesAnyOutput() throws {
        let long = String(repeating: Self.name, count: 11)
        let cases: [(String, (String) -> String)] = [
            ("cnp-spatiu.xml", { self.regexReplace($0, #"cnp="[0-9]{13}""#, "cnp=\"\(Self.cnp) \"") }),
            ("diagnostic-spatiu.xml", { $0.replacingOccurrences(of: "<CodDiagnostic>J06<", with: "<CodDiagnostic>\(Self.diagnosis) <") }),
            ("nume-lung.xml", { $0.replacingOccurrences(of: "nume=\"Ionescu\"", with: "nume=\"\(long)\"") }),
            ("element-necunoscut.xml", { $0.replacingOccurrences(of: "<CodDiagnostic>",
                                                                  with: "<X\(Self.cnp)>\(Self.name)</X\(Self.cnp)><CodDiagnostic>") }),
            ("atribut-necunoscut.xml", { $0.replacingOccurrences(of: "<Asigurat ", with: "<Asigurat \(Self.name)=\"\(Self.cnp)\" ") }),
            ("eticheta.xml", { $0.replacingOccurrences(of: "</Serie>", with: "</S\(Self.cnp)>") }),
            ("enumerare.xml", { $0.replacingOccurrences(of: "<CodIndemnizatie>01<", with: "<CodIndemnizatie>\(Self.cnp)<") }),
            ("cnp-invalid.xml", { self.regexReplace($0, #"cnp="[0-9]{13}""#, "cnp=\"\(Self.cnp)\"") }),
        ]
        var documents: [(String, String)] = []
        for (i, (file, edit)) in cases.enumerated() {
            let c = cui(1_000_100 + i * 7)
            try registerProvider(c, email: "furnizor\(i)@exemplu.ro")
            documents.append((file, edit(Fixture.document(cui: c))))
        }
        // A name that holds a newline and the start of a forged log line.
        let forged = "x\n2026-11-10T08:00:00Z ccm info: fals.xml: INREGISTRAT\u{1B}[2K.xml"
        let forgedCUI = cui(1_000_999)
        try registerProvider(forgedCUI, email: "furnizor-fals@exemplu.ro")
        documents.append((forged, Fixture.document(cui: forgedCUI)))
        try drop(documents + [("gol.xml", "")])

        let ingest = try ccm(["ingest", inbox.path, "--json", "--signatures", "off", "--settle-seconds", "0", "--received-at", "2026-11-10T10:00:00+02:00"])
        XCTAssertEqual(ingest.status, 0, ingest.stderr)
        let statuses = ingest.stdout.split(separator: "\n").compactMap {
            try? JSONSerialization.jsonObject(with: Data($0.utf8)) as? [String: Any]
        }
        XCTAssertEqual(statuses.count, documents.count + 1)
        let refused = statuses.filter { $0["status"] as? String == "RESPINS" }.count
        XCTAssertEqual(refused, cases.count, "every near miss but the invalid CNP (a C01) and the forged name is refused, and the empty file")

        var outputs: [(String, String)] = [("ingest --json", ingest.stdout), ("ingest log", ingest.stderr)]
        for format in ["html", "csv", "json"] {
            let r = try ccm(["centralizer", "--luna", "2026-10", "--format", format])
            XCTAssertEqual(r.status, 0, r.stderr)
            outputs.append(("centralizer \(format)", r.stdout))
            outputs.append(("centralizer \(format) log", r.stderr))
        }
        let xlsx = folder.appendingPathComponent("c.xlsx")
        XCTAssertEqual(try ccm(["centralizer", "--luna", "2026-10", "--format", "xlsx", "--output", xlsx.path]).status, 0)
        // Every XML part of the workbook, as stored (a formula or a comment would show here too).
        let parts = try Subprocess.run("/usr/bin/unzip", ["-p", xlsx.path]).output
        XCTAssertTrue(parts.contains("FĂRĂ RAPORTARE") || parts.contains("CU ERORI"), "the workbook was read")
        outputs.append(("xlsx", parts))
        for args in [["status"], ["status", "--json"], ["status", "--cui", cui(1_000_100)], ["status", "--cui", cui(1_000_100), "--json"]] {
            let r = try ccm(args + ["--luna", "2026-10"])
            XCTAssertEqual(r.status, 0, r.stderr)
            outputs.append((args.joined(separator: " "), r.stdout + r.stderr))
        }
        let eml = folder.appendingPathComponent("eml")
        let notified = try ccm(["notify", "--luna", "2026-10", "--dry-run", eml.path])
        XCTAssertEqual(notified.status, 0, notified.stderr)
        outputs.append(("notify log", notified.stderr))
        let mails = try FileManager.default.contentsOfDirectory(atPath: eml.path)
        XCTAssertGreaterThanOrEqual(mails.count, cases.count)
        for m in mails {
            // The body parts may be base64 or quoted-printable: read them decoded as well.
            let raw = try String(contentsOf: eml.appendingPathComponent(m), encoding: .utf8)
            outputs.append(("e-mail \(m)", raw))
            outputs.append(("e-mail \(m), decoded", decodedParts(raw)))
        }

        let stored = try db.exec("SELECT message || ' ' || coalesce(public_message, '') FROM document_reasons").map { $0[0] ?? "" }
        XCTAssertFalse(stored.isEmpty)
        outputs.append(("stored reasons", stored.joined(separator: "\n")))

        // Every CNP the documents hold (a digest or an id may hold 13 digits in a row by chance).
        let cnps = Set(documents.flatMap { _, xml in
            (try? NSRegularExpression(pattern: "[0-9]{13}"))?.matches(in: xml, range: NSRange(xml.startIndex..., in: xml))
                .compactMap { Range($0.range, in: xml).map { String(xml[$0]) } } ?? []
        })
        XCTAssertTrue(cnps.contains(Self.cnp))
        for (what, text) in outputs {
            for c in cnps { XCTAssertFalse(text.contains(c), "\(what): a CNP of the documents") }
            XCTAssertFalse(text.contains(Self.diagnosis), "\(what): the diagnosis")
            XCTAssertFalse(text.contains(Self.name), "\(what): the insured's name")
            XCTAssertFalse(text.contains("is not") || text.contains("Element '"), "\(what): libxml2's English")
        }
        // Public outputs do not show a masked CNP either (its first digit tells sex and century).
        for (what, text) in outputs where what.hasPrefix("centralizer") || what == "xlsx" {
            XCTAssertNil(text.range(of: "[0-9]\\*{11}[0-9]", options: .regularExpression), "\(what): a masked CNP")
        }
        // The forged file name stays on its own line: escaped, not obeyed.
        let lines = ingest.stderr.split(separator: "\n")
        XCTAssertFalse(lines.contains { $0.hasPrefix("2026-11-10T08:00:00Z ccm info: fals.xml") }, ingest.stderr)
        XCTAssertTrue(ingest.stderr.contains("x\\n2026-11-10T08:00:00Z"), ingest.stderr)
        XCTAssertFalse(ingest.stderr.contains("\u{1B}[2K"), "an escape sequence reached the terminal")
        XCTAssertTrue(ingest.stdout.contains("fișierul este gol"), "the empty file says so")
    }

    /// The decoded text of every base64 part of a message.
    func decodedParts(_ mail: String) -> String {
        mail.components(separatedBy: "\r\n\r\n").compactMap { block in
            Data(base64Encoded: block.replacingOccurrences(of: "\r\n", with: "").components(separatedBy: "--").first ?? "")
                .map { String(decoding: $0, as: UTF8.self) }
        }.joined(separator: "\n")
    }
}
