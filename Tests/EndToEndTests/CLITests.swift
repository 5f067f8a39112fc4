import CCMStore
import CCMTestSupport
import Foundation
import XCTest

/// The command line contract of `05-cli.md`: options, exit codes, the embedded default.
final class CLITests: DatabaseTestCase {
    func testSignaturesOffOnlyInATestDeployment() throws {
        let env = ["CCM_DATABASE_URL": database.url, "CCM_HOME": folder.path]
        let r = try CLI.run(["ingest", "--casa", "TM", "--mediu", "PRODUCTIE", "--signatures", "off", folder.path], env: env)
        XCTAssertEqual(r.status, 1)
        XCTAssertTrue(r.stderr.contains("--mediu TEST"), r.stderr)
        let ok = try CLI.run(["ingest", "--casa", "TM", "--mediu", "TEST", "--signatures", "off", folder.path], env: env)
        XCTAssertEqual(ok.status, 0, ok.stderr)
    }

    func testSignaturesAreRequiredByDefault() throws {
        try registerProvider()
        try drop([("1.xml", Fixture.document())])
        let r = try CLI.run(["ingest", "--casa", "TM", "--mediu", "TEST", "--json", "--received-at", "2026-11-10T10:00:00+02:00", inbox.path],
                            env: ["CCM_DATABASE_URL": database.url, "CCM_HOME": folder.path])
        XCTAssertEqual(r.status, 0, r.stderr)
        XCTAssertTrue(r.stdout.contains("\"code\": \"F03\""), r.stdout)
        XCTAssertTrue(r.stdout.contains("\"status\": \"RESPINS\""), r.stdout)
    }

    func testUsageErrorsExitOne() throws {
        XCTAssertEqual(try CLI.run(["centralizer", "--casa", "TM", "--luna", "2026-13"]).status, 1)
        XCTAssertEqual(try CLI.run(["ingest", "--no-such-option"]).status, 1)
        XCTAssertEqual(try CLI.run(["centralizer", "--casa", "XX", "--luna", "2026-10"]).status, 1)
        XCTAssertEqual(try CLI.run(["--help"]).status, 0)
    }

    func testUnreachableDatabaseExitsTwo() throws {
        let r = try CLI.run(["centralizer", "--casa", "TM", "--luna", "2026-10"],
                            env: ["CCM_DATABASE_URL": "host=\(folder.path) port=1 user=ccm dbname=ccm connect_timeout=2"])
        XCTAssertEqual(r.status, 2)
        XCTAssertTrue(r.stderr.contains("baza de date nu este accesibilă"), r.stderr)
    }

    func testMigrationsAreVersionedAndRunOnce() throws {
        let env = ["CCM_DATABASE_URL": database.url]
        let r = try CLI.run(["db", "migrate"], env: env)
        XCTAssertEqual(r.status, 0, r.stderr)
        XCTAssertTrue(r.stdout.contains("nimic de aplicat"), r.stdout)
        XCTAssertEqual(try database.count("SELECT count(*) FROM schema_migrations"), Migrations.all.count)
    }

    func testReceivedAtNeedsAnOffset() throws {
        let r = try CLI.run(["ingest", "--casa", "TM", "--mediu", "TEST", "--signatures", "off",
                             "--received-at", "2026-11-10 10:00", folder.path], env: ["CCM_DATABASE_URL": database.url])
        XCTAssertEqual(r.status, 1)
    }

    /// No URL at all: ccm creates and starts its own cluster under CCM_HOME.
    func testEmbeddedDefaultNeedsNoSetup() throws {
        let home = folder.appendingPathComponent("home")
        let env = ["CCM_HOME": home.path]
        defer { CLI.discardEmbedded(home: home) }
        let r = try CLI.run(["centralizer", "--casa", "TM", "--luna", "2026-10", "--format", "json"], env: env)
        XCTAssertEqual(r.status, 0, r.stderr)
        XCTAssertTrue(r.stdout.contains("\"casa\": \"TM\""), r.stdout)
        XCTAssertTrue(FileManager.default.fileExists(atPath: home.appendingPathComponent("postgres/data/PG_VERSION").path))
        let url = try CLI.run(["db", "url"], env: env)
        XCTAssertTrue(url.stdout.contains("host=\(home.path)/postgres/run") || url.stdout.contains("host=/var/lib/ccm"), url.stdout)
    }

    func testAnotherRulesFileIsCheckedOnLoadAndApplied() throws {
        let env = ["CCM_DATABASE_URL": database.url, "CCM_HOME": folder.path, "CCM_CASA": "TM", "CCM_MEDIU": "TEST"]
        try registerProvider()
        var shipped = try String(contentsOf: Paths.schemas.appendingPathComponent("reguli.toml"), encoding: .utf8)
        let bad = folder.appendingPathComponent("bad.toml")
        try shipped.replacingOccurrences(of: "C01 = \"EROARE\"", with: "C01 = \"GRAV\"").write(to: bad, atomically: true, encoding: .utf8)
        let refused = try CLI.run(["ingest", "--signatures", "off", "--rules", bad.path, folder.path], env: env)
        XCTAssertEqual(refused.status, 1)
        XCTAssertTrue(refused.stderr.contains("C01"), refused.stderr)

        shipped = shipped.replacingOccurrences(of: "C01 = \"EROARE\"", with: "C01 = \"OFF\"")
        let off = folder.appendingPathComponent("off.toml")
        try shipped.write(to: off, atomically: true, encoding: .utf8)
        var c = Fixture.Cert(); c.cnp = "1850512350012"
        try drop([("1.xml", Fixture.document(certificates: [c]))])
        let r = try CLI.run(["ingest", "--signatures", "off", "--rules", off.path, "--json",
                             "--received-at", "2026-11-10T10:00:00+02:00", inbox.path], env: env)
        XCTAssertEqual(r.status, 0, r.stderr)
        XCTAssertTrue(r.stdout.contains("\"status\": \"VALID\""), r.stdout)
        XCTAssertFalse(r.stdout.contains("C01"), r.stdout)
    }

    /// `ccm --version`: the build and its schema, the database's schema as the reader sees it;
    /// without a database, the version still, and one Romanian line on stderr (05-cli.md).
    func testVersionNamesTheBuildAndTheDatabasesSchema() throws {
        let r = try CLI.run(["--version"], env: ["CCM_DATABASE_URL": database.url])
        XCTAssertEqual(r.status, 0, r.stderr)
        XCTAssertTrue(r.stdout.hasPrefix("ccm "), r.stdout)
        XCTAssertTrue(r.stdout.contains("schema \(Migrations.latestVersion)"), r.stdout)
        XCTAssertTrue(r.stdout.contains("baza de date: schema la versiunea \(Migrations.latestVersion) (la zi)"), r.stdout)
        let unreachable = try CLI.run(["--version"], env: ["CCM_DATABASE_URL": "host=/nonexistent dbname=x connect_timeout=2"])
        XCTAssertEqual(unreachable.status, 0, unreachable.stderr)
        XCTAssertTrue(unreachable.stdout.contains("schema \(Migrations.latestVersion)"), unreachable.stdout)
        XCTAssertEqual(unreachable.stderr.split(separator: "\n").count, 1, unreachable.stderr)
        XCTAssertTrue(unreachable.stderr.hasPrefix("ccm: baza de date nu poate fi citită"), unreachable.stderr)
    }
}
