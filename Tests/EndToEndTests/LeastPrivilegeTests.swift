import CCMCore
import CCMStore
import CCMTestSupport
import Foundation
import XCTest
@testable import CCMApp

/// The batch writes as `ccm_scriere`; the centralizer and status read as `ccm_citire`.
final class LeastPrivilegeTests: DatabaseTestCase {
    var logins: [String] = []

    override func tearDown() {
        if let admin = try? Connection(TestDatabase.adminURL) {
            for l in logins { _ = try? admin.exec("DROP OWNED BY \(l)"); _ = try? admin.exec("DROP ROLE IF EXISTS \(l)") }
        }
        super.tearDown()
    }

    func login(_ role: String) throws -> String {
        let name = database.name + "_" + (role == "ccm_citire" ? "r" : "w")
        try db.exec("CREATE ROLE \(name) LOGIN IN ROLE \(role)")
        logins.append(name)
        return database.url + " user=\(name)"
    }

    func testReportingWorksReadOnlyAndCannotWrite() throws {
        try registerProvider()
        try drop([("1.xml", Fixture.document())])
        _ = try ingest()
        let url = try login("ccm_citire")
        let reader = try Connection(url)
        XCTAssertEqual(try Migrations.migrate(reader), [], "an up-to-date database is only read")
        let t = try App.centralizer(reader, settings: settings(), luna: YearMonth("2026-10")!, asOf: Date())
        XCTAssertEqual(t.rows.first?.stage, .validat)
        XCTAssertThrowsError(try reader.exec("UPDATE documents SET status = 'RESPINS'")) { e in
            XCTAssertEqual((e as? StoreError)?.sqlstate, "42501", "permission denied")
        }
        let r = try CLI.run(["centralizer", "--luna", "2026-10", "--format", "json"],
                            env: ["CCM_DATABASE_URL": url, "CCM_HOME": folder.path, "CCM_CASA": "TM"])
        XCTAssertEqual(r.status, 0, r.stderr)
        XCTAssertTrue(r.stdout.contains(Fixture.cui))
        let status = try CLI.run(["status", "--luna", "2026-10"], env: ["CCM_DATABASE_URL": url, "CCM_HOME": folder.path, "CCM_CASA": "TM"])
        XCTAssertEqual(status.status, 0, status.stderr)
    }

    func testTheBatchRunsAsTheWriterRole() throws {
        try registerProvider()
        let url = try login("ccm_scriere")
        try drop([("1.xml", Fixture.document())])
        let r = try CLI.run(["ingest", "--signatures", "off", "--json", "--received-at", "2026-11-10T10:00:00+02:00", inbox.path],
                            env: ["CCM_DATABASE_URL": url, "CCM_HOME": folder.path, "CCM_CASA": "TM", "CCM_MEDIU": "TEST"])
        XCTAssertEqual(r.status, 0, r.stderr)
        XCTAssertTrue(r.stdout.contains("INREGISTRAT"), r.stdout)
        XCTAssertThrowsError(try Connection(url).exec("DELETE FROM documents")) { e in
            XCTAssertEqual((e as? StoreError)?.sqlstate, "42501", "the batch never deletes")
        }
    }

    /// A month with a C11 (the operator's message quotes the diagnosis, the public one does not).
    func ingestMonthWithADiagnosisError() throws {
        try registerProvider()
        var bad = Fixture.Cert(); bad.diagnostic = "I53"
        var good = Fixture.Cert(); good.numar = "4400101"; good.cnp = Fixture.cnp(serial: 7)
        try drop([("1.xml", Fixture.document(certificates: [bad, good]))])
        _ = try ingest()
    }

    func testTheReaderCannotReadCNPsNamesOrDiagnoses() throws {
        try ingestMonthWithADiagnosisError()
        let reader = try Connection(try login("ccm_citire"))
        for column in ["cnp", "nume", "prenume", "cnp_copil", "cod_diagnostic", "cod_indemnizatie", "medic_nume", "errors", "*"] {
            XCTAssertThrowsError(try reader.exec("SELECT \(column) FROM certificate_versions LIMIT 1"), column) { e in
                XCTAssertEqual((e as? StoreError)?.sqlstate, "42501", "\(column): permission denied")
            }
        }
        for sql in ["SELECT cnp FROM signer_versions", "SELECT recipient FROM notifications", "SELECT sha256 FROM documents",
                    "SELECT message FROM document_reasons"] {
            XCTAssertThrowsError(try reader.exec(sql), sql) { e in XCTAssertEqual((e as? StoreError)?.sqlstate, "42501", sql) }
        }
        let findings = try reader.exec("SELECT code, message FROM certificate_public_findings").map { "\($0["code"] ?? "") \($0["message"] ?? "")" }
        XCTAssertEqual(findings, ["C11 Cod de diagnostic inexistent"], "the public message, without the diagnosis")
        let writer = try Connection(try login("ccm_scriere"))
        XCTAssertEqual(try writer.exec("SELECT count(cnp) AS n FROM certificate_versions").first?.int("n"), 2, "the batch reads what it judges")
    }

    /// Every format, as of now and as of a past moment, and `status` in each form, with the reader's
    /// URL alone usable: the batch's URL points nowhere.
    func testCentralizerAndStatusWorkAsTheReaderInEveryForm() throws {
        try ingestMonthWithADiagnosisError()
        let reader = try login("ccm_citire")
        let env = ["CCM_DATABASE_URL": "host=/nonexistent-ccm-socket dbname=nimic connect_timeout=2",
                   "CCM_DATABASE_URL_CITIRE": reader, "CCM_HOME": folder.path, "CCM_CASA": "TM"]
        for format in ["html", "xlsx", "csv", "json", "text"] {
            for asOf in [[], ["--as-of", "2026-11-09T10:00:00+02:00"], ["--as-of", "2026-11-11T10:00:00+02:00"]] {
                let r = try CLI.run(["centralizer", "--luna", "2026-10", "--format", format] + asOf, env: env)
                XCTAssertEqual(r.status, 0, "\(format) \(asOf): \(r.stderr)")
                XCTAssertFalse(r.stdoutBytes.isEmpty, format)
                XCTAssertFalse(r.stdout.contains("I53"), "\(format): no diagnosis")
                if format != "xlsx" { XCTAssertTrue(r.stdout.contains(Fixture.cui), "\(format) \(asOf)") }
                if format == "json" && !asOf.isEmpty {
                    XCTAssertEqual(r.stdout.contains("C11"), asOf[1].hasPrefix("2026-11-11"), "as of before the receipt: no report")
                }
            }
        }
        for format in ComparisonReport.formats {
            let r = try CLI.run(["centralizer", "--luna", "2026-10", "--compare-to", "2026-11-09T10:00:00+02:00", "--format", format], env: env)
            XCTAssertEqual(r.status, 0, "--compare-to \(format): \(r.stderr)")
            var shown = r.stdout
            if format == "xlsx" {
                let workbook = folder.appendingPathComponent("comparatie.xlsx")
                try r.stdoutBytes.write(to: workbook)
                shown = try XLSXBook(workbook.path).sharedStrings.joined(separator: "\n")
            }
            XCTAssertTrue(shown.contains(Fixture.cui), "--compare-to \(format)")
        }
        let output = folder.appendingPathComponent("c.xlsx").path
        XCTAssertEqual(try CLI.run(["centralizer", "--luna", "2026-10", "--format", "xlsx", "--output", output], env: env).status, 0)
        XCTAssertTrue(FileManager.default.fileExists(atPath: output))
        for extra in [[], ["--json"], ["--cui", Fixture.cui], ["--as-of", "2026-11-09T10:00:00+02:00", "--json"]] {
            let r = try CLI.run(["status", "--luna", "2026-10"] + extra, env: env)
            XCTAssertEqual(r.status, 0, "status \(extra): \(r.stderr)")
            XCTAssertTrue(r.stdout.contains(Fixture.cui), "status \(extra)")
        }
        var byOption = env; byOption["CCM_DATABASE_URL_CITIRE"] = nil
        let r = try CLI.run(["status", "--luna", "2026-10", "--database-url-citire", reader], env: byOption)
        XCTAssertEqual(r.status, 0, r.stderr)
        // The batch does use its own URL: here, one that leads nowhere.
        XCTAssertEqual(try CLI.run(["revalidate", "--luna", "2026-10"], env: env).status, 2)
        // The reader's URL alone would leave the batch on another (embedded) database.
        XCTAssertEqual(try CLI.run(["status", "--luna", "2026-10"], env: ["CCM_DATABASE_URL_CITIRE": reader, "CCM_HOME": folder.path]).status, 1)
    }

    /// A login role never migrates: a pending migration is exit 1 naming `ccm db migrate`, which the
    /// owner's URL then runs; an up-to-date schema is only read (the test above).
    func testAPendingMigrationIsTheOwnersToRun() throws {
        try registerProvider()
        let writer = try login("ccm_scriere"), reader = try login("ccm_citire")
        // Migration 14 (the reader's views) missing, whatever came after it: pending all the same.
        let views = 14
        try db.exec("DELETE FROM schema_migrations WHERE version = \(views)")
        try db.exec("DROP VIEW certificate_public_findings, document_public_reasons")
        let base = ["CCM_HOME": folder.path, "CCM_CASA": "TM", "CCM_MEDIU": "TEST"]
        try drop([("1.xml", Fixture.document())])
        let ingest = ["ingest", "--signatures", "off", "--received-at", "2026-11-10T10:00:00+02:00", inbox.path]
        for (args, url) in [(ingest, writer), (["status", "--luna", "2026-10"], reader), (["db", "migrate", "--database-url", writer], writer)] {
            let r = try CLI.run(args, env: base.merging(["CCM_DATABASE_URL": url]) { $1 })
            XCTAssertEqual(r.status, 1, "\(args[0]): \(r.stderr)")
            XCTAssertTrue(r.stderr.contains("ccm db migrate") && r.stderr.contains(database.name), r.stderr)
            XCTAssertEqual(r.stderr.split(separator: "\n").count, 1, r.stderr)
        }
        XCTAssertEqual(try database.count("SELECT count(*) FROM schema_migrations WHERE version = \(views)"), 0, "nothing migrated")
        XCTAssertEqual(try FileManager.default.contentsOfDirectory(atPath: inbox.path), ["1.xml"], "the file waits")
        let migrated = try CLI.run(["db", "migrate", "--database-url", database.url], env: base)
        XCTAssertEqual(migrated.status, 0, migrated.stderr)
        XCTAssertTrue(migrated.stdout.contains("aplicate: \(views)"), migrated.stdout)
        let r = try CLI.run(ingest, env: base.merging(["CCM_DATABASE_URL": writer]) { $1 })
        XCTAssertEqual(r.status, 0, r.stderr)
        XCTAssertEqual(try CLI.run(["status", "--luna", "2026-10"], env: base.merging(["CCM_DATABASE_URL": reader]) { $1 }).status, 0)
    }
}

/// The embedded default's own roles, on a cluster of its own (stopped at the end): the batch and
/// the reporting log in as roles that are not superusers, and a cluster of the previous version
/// (the owner alone) gets them on first use.
final class EmbeddedRolesTests: XCTestCase {
    func testTheEmbeddedDefaultLogsInAsTheBatchAndReaderRoles() throws {
        let home = try Paths.temporaryFolder()
        let env = ["CCM_HOME": home.path, "CCM_CASA": "TM", "CCM_MEDIU": "TEST"]
        defer { CLI.discardEmbedded(home: home) }
        func url(_ flag: [String]) throws -> String {
            let r = try CLI.run(["db", "url"] + flag, env: env)
            XCTAssertEqual(r.status, 0, r.stderr)
            return r.stdout.trimmingCharacters(in: .whitespacesAndNewlines)
        }
        let batch = try url([]), reader = try url(["--citire"]), owner = try url(["--proprietar"])
        XCTAssertTrue(batch.contains("user=ccm_batch"), batch)
        XCTAssertTrue(reader.contains("user=ccm_raport"), reader)
        XCTAssertTrue(owner.contains("user=ccm "), owner)
        XCTAssertEqual(try url(["--owner"]), owner)
        let admin = try Connection(owner)
        let socket = try XCTUnwrap(owner.split(separator: " ").first { $0.hasPrefix("host=") }?.dropFirst(5))
        let mode = try FileManager.default.attributesOfItem(atPath: String(socket))[.posixPermissions] as? Int
        XCTAssertEqual(mode, 0o700, "trust on a socket only its user reaches")
        let roles = try admin.exec("""
            SELECT rolname, rolsuper OR rolcreaterole OR rolcreatedb OR rolbypassrls OR rolreplication AS mighty, rolcanlogin,
                   pg_has_role(rolname, 'ccm_scriere', 'MEMBER') AS w, pg_has_role(rolname, 'ccm_citire', 'MEMBER') AS r
            FROM pg_roles WHERE rolname IN ('ccm_batch', 'ccm_raport') ORDER BY rolname
            """).map { "\($0["rolname"] ?? "") \($0.bool("mighty")) \($0.bool("rolcanlogin")) \($0.bool("w")) \($0.bool("r"))" }
        XCTAssertEqual(roles, ["ccm_batch false true true false", "ccm_raport false true false true"])
        for (sql, u) in [("DELETE FROM documents", batch), ("CREATE TABLE t (x int)", batch), ("SELECT cnp FROM certificate_versions", reader),
                         ("INSERT INTO trust_material VALUES ('x', 'CRL', '', 'x')", reader)] {
            XCTAssertThrowsError(try Connection(u).exec(sql), sql) { e in XCTAssertEqual((e as? StoreError)?.sqlstate, "42501", sql) }
        }

        // The commands connect as those roles: one that may not log in stops its commands only.
        let registry = home.appendingPathComponent("furnizori.csv")
        try "cui,denumire,casa,nr_conventie,conventie_de_la,conventie_pana_la,email,tip\n\(Fixture.cui),CMI Test,TM,CV-1,2025-01-01,,,MF\n"
            .write(to: registry, atomically: true, encoding: .utf8)
        let importing = ["registry", "import", "--at", "2025-01-01T00:00:00+02:00", registry.path]
        let reporting = ["centralizer", "--luna", "2026-10", "--format", "json"]
        try admin.exec("ALTER ROLE ccm_batch NOLOGIN")
        let refused = try CLI.run(importing, env: env)
        XCTAssertEqual(refused.status, 2, refused.stderr)
        XCTAssertTrue(refused.stderr.contains("ccm_batch"), refused.stderr)
        XCTAssertEqual(try CLI.run(reporting, env: env).status, 0)
        try admin.exec("ALTER ROLE ccm_batch LOGIN")
        try admin.exec("ALTER ROLE ccm_raport NOLOGIN")
        XCTAssertEqual(try CLI.run(importing, env: env).status, 0)
        let unread = try CLI.run(reporting, env: env)
        XCTAssertEqual(unread.status, 2, unread.stderr)
        XCTAssertTrue(unread.stderr.contains("ccm_raport"), unread.stderr)
        try admin.exec("ALTER ROLE ccm_raport LOGIN")

        // The previous version's cluster: the owner alone, no login role, the reader reading every
        // table, migration 14 not applied. First use sets it up in place.
        try admin.exec("DROP ROLE ccm_batch")
        try admin.exec("DROP ROLE ccm_raport")
        try admin.exec("DROP VIEW certificate_public_findings, document_public_reasons")
        try admin.exec("DELETE FROM schema_migrations WHERE version = 14")
        try admin.exec("GRANT SELECT ON ALL TABLES IN SCHEMA public TO ccm_citire")
        try FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: String(socket))
        let upgraded = try CLI.run(reporting, env: env)
        XCTAssertEqual(upgraded.status, 0, upgraded.stderr)
        XCTAssertTrue(upgraded.stdout.contains(Fixture.cui), upgraded.stdout)
        XCTAssertThrowsError(try Connection(reader).exec("SELECT cnp FROM certificate_versions")) { e in
            XCTAssertEqual((e as? StoreError)?.sqlstate, "42501")
        }
        XCTAssertEqual(try CLI.run(importing, env: env).status, 0)
        XCTAssertEqual(try FileManager.default.attributesOfItem(atPath: String(socket))[.posixPermissions] as? Int, 0o700)
        XCTAssertEqual(try admin.exec("SELECT rolsuper FROM pg_roles WHERE rolname = 'ccm'").first?.bool("rolsuper"), true,
                       "the owner stays as it was")
    }
}
