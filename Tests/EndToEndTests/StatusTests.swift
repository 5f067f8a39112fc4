import CCMCore
@testable import CCMPublishing
import CCMStore
import CCMTestSupport
import Foundation
import XCTest
@testable import CCMApp

/// `ccm status` through the real executable, as the reporting role: a provider's failing
/// certificates, files and e-mails; the overview's e-mail state; one error-object shape in JSON;
/// the warnings and usage errors of `--cui` and `--luna`.
final class StatusTests: DatabaseTestCase {
    var logins: [String] = []
    let luna = YearMonth("2026-10")!
    /// Nothing listens there: every e-mail fails, with the host in its reason.
    let deadPort = 20000 + Int.random(in: 0..<20000)

    override func tearDown() {
        if let admin = try? Connection(TestDatabase.adminURL) {
            for l in logins { _ = try? admin.exec("DROP OWNED BY \(l)"); _ = try? admin.exec("DROP ROLE IF EXISTS \(l)") }
        }
        super.tearDown()
    }

    /// A CUI with a valid control digit, from a body of up to 9 digits.
    func cui(_ body: Int) -> String { "\(body)\(CUI.controlDigit(of: String(body)) ?? 0)" }
    var fine: String { cui(2_000_100) }

    func reader() throws -> [String: String] {
        let name = database.name + "_r"
        try db.exec("CREATE ROLE \(name) LOGIN IN ROLE ccm_citire")
        logins.append(name)
        return ["CCM_DATABASE_URL": database.url + " user=\(name)", "CCM_HOME": folder.path, "CCM_CASA": "TM"]
    }

    var batch: [String: String] { ["CCM_DATABASE_URL": database.url, "CCM_HOME": folder.path, "CCM_CASA": "TM", "CCM_MEDIU": "TEST"] }

    func ingest(_ received: String) throws -> [[String: Any]] {
        let r = try CLI.run(["ingest", inbox.path, "--json", "--signatures", "off", "--settle-seconds", "0", "--received-at", received], env: batch)
        XCTAssertEqual(r.status, 0, r.stderr)
        return r.stdout.split(separator: "\n").compactMap { try? JSONSerialization.jsonObject(with: Data($0.utf8)) as? [String: Any] }
    }

    func json(_ r: CLI.Result) throws -> [String: Any] {
        try XCTUnwrap(try JSONSerialization.jsonObject(with: Data(r.stdout.utf8)) as? [String: Any], r.stdout)
    }

    /// Fixture.cui: a C01 and a refused file (F08); otherCui: only a file refused by the schema
    /// (F02, with line and column); `fine`: VALIDAT. Then `notify` with the SMTP server down.
    func month() throws -> [[String: Any]] {
        try registerProvider(email: "cabinet@exemplu.ro")
        try registerProvider(Fixture.otherCui, email: "altul@exemplu.ro")
        try registerProvider(fine, email: "bun@exemplu.ro")
        var bad = Fixture.Cert(); bad.numar = "4400100"; bad.cnp = "1850512350012"
        try drop([("1.xml", Fixture.document(certificates: [bad, Fixture.certs(1, from: 4400101)[0]])),
                  ("2.xml", Fixture.document(totals: (9, 9))),
                  ("3.xml", Fixture.document(cui: Fixture.otherCui).replacingOccurrences(of: "<DataAcordarii>2026-10-06<", with: "<DataAcordarii>2026-02-30<")),
                  ("4.xml", Fixture.document(cui: fine, certificates: Fixture.certs(1, from: 4400300)))])
        let outcomes = try ingest("2026-11-10T10:00:00+02:00")
        XCTAssertEqual(outcomes.map { $0["status"] as? String }, ["INREGISTRAT", "RESPINS", "RESPINS", "INREGISTRAT"])
        let s = try Notifier.run(db: db, settings: settings(), luna: luna,
                                 mode: .send(SMTPSender(url: "smtp://127.0.0.1:\(deadPort)"), from: try Mailbox("raportari@cas-tm.ro")),
                                 now: ISO8601DateFormatter().date(from: "2026-11-15T08:00:00+02:00")!)
        XCTAssertEqual(s.failed, 2, "the provider with errors and the one with only a refused file; not the VALIDAT one")
        return outcomes
    }

    func testOneProviderShowsItsFailingCertificatesFilesAndEachEmailsDeliveryState() throws {
        _ = try month()
        let env = try reader()
        let text = try CLI.run(["status", "--luna", "2026-10", "--cui", Fixture.cui], env: env)
        XCTAssertEqual(text.status, 0, text.stderr)
        XCTAssertEqual(text.stderr, "", "a month over, a known provider: no warning")
        for expected in ["CU ERORI · 2 certificate, 1 cu erori · e-mail: netrimis", "Certificate cu erori: 1", "- CCMAM 4400100",
                         "C01 EROARE: CNP asigurat invalid", "1.xml: INREGISTRAT INITIALA, primit 2026-11-10T10:00:00+02:00, 2 certificate",
                         "2.xml: RESPINS INITIALA, primit 2026-11-10T10:00:00+02:00", "F08 EROARE: ", "E-mailuri: 1",
                         "127.0.0.1:\(deadPort)", "se reîncearcă la următorul ccm notify"] {
            XCTAssertTrue(text.stdout.contains(expected), "\(expected) in:\n\(text.stdout)")
        }
        XCTAssertFalse(text.stdout.contains("4400101"), "a valid certificate is not listed")
        XCTAssertNil(text.stdout.range(of: "[0-9]\\*{11}[0-9]|[0-9]{13}", options: .regularExpression), "no CNP, not even masked")
        XCTAssertEqual(text.stdout.split(separator: "\n").filter { $0.contains(Fixture.otherCui) }, [], "one provider only")

        let r = try CLI.run(["status", "--luna", "2026-10", "--cui", Fixture.cui, "--json"], env: env)
        XCTAssertEqual(r.status, 0, r.stderr)
        XCTAssertFalse(r.stdout.contains("\"reasons\""), "no plain-string reasons any more")
        let rows = try XCTUnwrap(try json(r)["rows"] as? [[String: Any]])
        XCTAssertEqual(rows.count, 1)
        let row = rows[0]
        XCTAssertEqual(row["stadiu"] as? String, "CU ERORI")
        let certificates = try XCTUnwrap(row["certificates"] as? [[String: Any]])
        XCTAssertEqual(certificates.count, 1)
        XCTAssertEqual(certificates[0]["serie"] as? String, "CCMAM")
        XCTAssertEqual(certificates[0]["numar"] as? String, "4400100")
        XCTAssertEqual(certificates[0]["status"] as? String, "CU_ERORI")
        XCTAssertEqual(certificates[0]["errors"] as? [[String: String]], [["code": "C01", "severity": "EROARE", "message": "CNP asigurat invalid"]])
        let files = try XCTUnwrap(row["files"] as? [[String: Any]])
        XCTAssertEqual(files.map { $0["file"] as? String }, ["1.xml", "2.xml"])
        XCTAssertEqual(files.map { $0["status"] as? String }, ["INREGISTRAT", "RESPINS"])
        XCTAssertEqual(files.map { $0["tip"] as? String }, ["INITIALA", "INITIALA"])
        XCTAssertEqual(files[1]["receivedAt"] as? String, "2026-11-10T10:00:00+02:00")
        let refusal = try XCTUnwrap((files[1]["errors"] as? [[String: Any]])?.first)
        XCTAssertEqual(refusal["code"] as? String, "F08")
        XCTAssertEqual(refusal["severity"] as? String, "EROARE")
        let email = try XCTUnwrap(row["email"] as? [String: Any])
        XCTAssertEqual(email["status"] as? String, "ESUAT")
        XCTAssertEqual(email["due"] as? Bool, true)
        XCTAssertTrue((email["reason"] as? String ?? "").contains("127.0.0.1:\(deadPort)"), "\(email)")
        let emails = try XCTUnwrap(row["emails"] as? [[String: Any]])
        XCTAssertEqual(emails.map { $0["status"] as? String }, ["ESUAT"])
        XCTAssertEqual(emails.first?["attempts"] as? Int, 1)

        // The retry goes out (recorded as the notifier records it): sent, and when.
        let digest = try XCTUnwrap(try db.exec("SELECT digest FROM notifications WHERE cui = $1", [Fixture.cui]).first?["digest"])
        try NotificationStore(db).record(cui: Fixture.cui, luna: luna, digest: digest, recipient: "cabinet@exemplu.ro", error: nil)
        let sent = try CLI.run(["status", "--luna", "2026-10", "--cui", Fixture.cui], env: env)
        XCTAssertTrue(sent.stdout.contains("1 cu erori · e-mail: trimis "), sent.stdout)
        XCTAssertTrue(sent.stdout.contains("    - trimis "), sent.stdout)
        let sentJSON = try XCTUnwrap((try json(try CLI.run(["status", "--luna", "2026-10", "--cui", Fixture.cui, "--json"], env: env))["rows"]
            as? [[String: Any]])?.first?["email"] as? [String: Any])
        XCTAssertEqual(sentJSON["status"] as? String, "TRIMIS")
        XCTAssertNotNil(sentJSON["sentAt"] as? String)

        // A rectificative after the e-mail: the month changed, the e-mail to send is the next one.
        var fixed = Fixture.Cert(); fixed.numar = "4400100"; fixed.cnp = Fixture.cnp(serial: 40); fixed.operatie = "MODIFICARE"
        try drop([("r.xml", Fixture.document(tip: "RECTIFICATIVA", certificates: [fixed]))])
        _ = try ingest("2026-11-14T10:00:00+02:00")
        let changed = try CLI.run(["status", "--luna", "2026-10", "--cui", Fixture.cui], env: env)
        XCTAssertTrue(changed.stdout.contains("VALIDAT · 2 certificate, 0 cu erori · e-mail: de trimis: luna s-a schimbat după e-mailul trimis"),
                      changed.stdout)
        XCTAssertTrue(changed.stdout.contains("Certificate cu erori: niciunul"), changed.stdout)
    }

    func testTheOverviewSaysPerProviderHowManyCertificatesHaveErrorsAndWhetherItsEmailWentOut() throws {
        _ = try month()
        let env = try reader()
        let r = try CLI.run(["status", "--luna", "2026-10"], env: env)
        XCTAssertEqual(r.status, 0, r.stderr)
        let lines = r.stdout.split(separator: "\n").map(String.init)
        func stageLine(of cui: String) -> String? {
            lines.firstIndex { $0.hasPrefix(cui + " ") }.flatMap { lines.indices.contains($0 + 1) ? lines[$0 + 1] : nil }
        }
        XCTAssertEqual(stageLine(of: Fixture.cui)?.hasPrefix("    CU ERORI · 2 certificate, 1 cu erori · e-mail: netrimis (o încercare, prima "), true, r.stdout)
        // The server did not answer the first report, so the notifier did not try this one: still due.
        XCTAssertEqual(stageLine(of: Fixture.otherCui), "    FĂRĂ RAPORTARE · 0 certificate, 0 cu erori · e-mail: niciunul încă; de trimis la următorul ccm notify", r.stdout)
        XCTAssertEqual(stageLine(of: fine), "    VALIDAT · 1 certificat, 0 cu erori · e-mail: niciunul (nu este necesar)", r.stdout)
        XCTAssertFalse(r.stdout.contains("Certificate cu erori"), "the certificates are listed with --cui only")
        XCTAssertTrue(r.stdout.contains("    - 2.xml: RESPINS"), "the files stay in the overview")
        let schemaError = try XCTUnwrap(lines.first { $0.contains("F02 EROARE: ") }, r.stdout)
        XCTAssertEqual(schemaError.components(separatedBy: "(linia ").count, 2, "its place once: \(schemaError)")

        let rows = try XCTUnwrap(try json(try CLI.run(["status", "--luna", "2026-10", "--json"], env: env))["rows"] as? [[String: Any]])
        let byCUI = Dictionary(uniqueKeysWithValues: rows.map { ($0["cui"] as? String ?? "", $0) })
        XCTAssertEqual(byCUI[Fixture.cui]?["nrCertificateCuErori"] as? Int, 1)
        XCTAssertEqual((byCUI[Fixture.cui]?["email"] as? [String: Any])?["status"] as? String, "ESUAT")
        XCTAssertEqual((byCUI[fine]?["email"] as? [String: Any])?["status"] as? String, "NICIUNUL")
        XCTAssertEqual((byCUI[fine]?["email"] as? [String: Any])?["due"] as? Bool, false)
    }

    /// The same file's errors in `ingest --json` and `status --json`: one shape, line and column included.
    func testAnErrorHasOneShapeInEveryJSONOutput() throws {
        let outcomes = try month()
        let r = try CLI.run(["status", "--luna", "2026-10", "--json"], env: try reader())
        XCTAssertEqual(r.status, 0, r.stderr)
        let rows = try XCTUnwrap(try json(r)["rows"] as? [[String: Any]])
        let files = rows.flatMap { $0["files"] as? [[String: Any]] ?? [] }
        for name in ["2.xml", "3.xml"] {
            let ingested = try XCTUnwrap(outcomes.first { $0["file"] as? String == name }?["errors"] as? [[String: Any]])
            let shown = try XCTUnwrap(files.first { $0["file"] as? String == name }?["errors"] as? [[String: Any]])
            XCTAssertEqual(shown.map { NSDictionary(dictionary: $0) }, ingested.map { NSDictionary(dictionary: $0) }, name)
            for e in shown { XCTAssertTrue(Set(e.keys).isSubset(of: ["code", "severity", "message", "line", "column"]), "\(e)") }
        }
        let schema = try XCTUnwrap((files.first { $0["file"] as? String == "3.xml" }?["errors"] as? [[String: Any]])?.first)
        XCTAssertEqual(schema["code"] as? String, "F02")
        XCTAssertNotNil(schema["line"] as? Int, "a schema error says where: \(schema)")
        XCTAssertNotNil(schema["column"] as? Int, "\(schema)")
    }

    func testAnUnknownProviderOrAMonthNotOverIsAWarningAndAMalformedOneAUsageError() throws {
        try registerProvider()
        try registerProvider(Fixture.otherCui, casa: "CJ")
        let env = try reader()
        func warning(_ args: [String]) throws -> String {
            let r = try CLI.run(["status"] + args, env: env)
            XCTAssertEqual(r.status, 0, "\(args): \(r.stderr)")
            let lines = r.stderr.split(separator: "\n")
            XCTAssertEqual(lines.count, 1, "\(args): one line: \(r.stderr)")
            XCTAssertTrue(r.stdout.hasPrefix("CAS TM") || r.stdout.hasPrefix("{"), "the report is written all the same: \(r.stdout)")
            return String(lines.first ?? "")
        }
        let unknown = cui(18_547_29)
        XCTAssertTrue(try warning(["--luna", "2026-10", "--cui", unknown]).hasSuffix(
            "ccm warn: CUI \(unknown) nu apare în registrul furnizorilor și nu are raportări pentru 2026-10"))
        XCTAssertTrue(try warning(["--luna", "2026-10", "--cui", "RO" + unknown, "--json"]).contains("nu apare în registrul furnizorilor"))
        XCTAssertTrue(try warning(["--luna", "2026-10", "--cui", Fixture.otherCui]).hasSuffix(
            "CUI \(Fixture.otherCui) nu are convenție cu CAS TM în 2026-10 și nu are raportări pentru 2026-10"))

        let now = Bucharest.localDate(of: Date()).yearMonth
        let future = YearMonth(year: now.year + 1, month: now.month)!
        for month in [now, future] {
            let line = try warning(["--luna", month.description])
            XCTAssertTrue(line.contains("ccm warn: luna \(month) nu s-a încheiat; "), line)
            XCTAssertTrue(line.contains(W01LateReport.deadlineDay(month).romanian), line)
        }
        // The centralizer of a month not over says so too, and writes the table all the same.
        let table = try CLI.run(["centralizer", "--luna", future.description, "--format", "text"], env: env)
        XCTAssertEqual(table.status, 0, table.stderr)
        XCTAssertTrue(table.stderr.contains("ccm warn: luna \(future) nu s-a încheiat; ") && table.stderr.split(separator: "\n").count == 1, table.stderr)
        XCTAssertFalse(table.stdout.isEmpty)
        XCTAssertEqual(try CLI.run(["centralizer", "--luna", "2026-10", "--format", "text"], env: env).stderr, "", "a month over: nothing to say")
        let past = try CLI.run(["status", "--luna", "2026-10", "--as-of", "2026-10-20T10:00:00+03:00"], env: env)
        XCTAssertTrue(past.stderr.contains("luna 2026-10 nu s-a încheiat; ") && past.stderr.contains("la 20.10.2026 10:00, nu sunt finale"), past.stderr)
        XCTAssertEqual(try CLI.run(["status", "--luna", "2026-10", "--cui", Fixture.cui], env: env).stderr, "")

        for args in [["--cui", "31001236"], ["--cui", "123"], ["--cui", "abc"], ["--cui", ""], ["--luna", "2026-13"], ["--luna", "2026-1"]] {
            let r = try CLI.run(["status"] + (args[0] == "--cui" ? ["--luna", "2026-10"] : []) + args, env: env)
            XCTAssertEqual(r.status, 1, "\(args): \(r.stderr)")
            XCTAssertEqual(r.stderr.split(separator: "\n").count, 1, "\(args): \(r.stderr)")
            XCTAssertTrue(r.stderr.contains(args[0]), "\(args): names the option: \(r.stderr)")
            XCTAssertEqual(r.stdout, "", "\(args)")
        }
    }
}
