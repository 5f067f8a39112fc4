@testable import CCMRuntime
import CCMStore
import CCMTestSupport
import Foundation
import XCTest
@testable import CCMApp

/// PostgreSQL stopped in the middle of a run: exit code 2, no file moved wrongly, nothing half
/// registered; the next run completes. On a cluster of its own (stopping the shared one would
/// stop the other tests).
final class OutageTests: XCTestCase {
    func testADatabaseStoppedMidRunLosesNothingAndTheNextRunCompletes() throws {
        let home = try Paths.temporaryFolder()
        defer { CLI.discardEmbedded(home: home) }
        let env = ["CCM_HOME": home.path, "CCM_CASA": "TM", "CCM_MEDIU": "TEST"]
        XCTAssertEqual(try CLI.run(["db", "url"], env: env).status, 0)
        let registry = home.appendingPathComponent("furnizori.csv")
        try "cui,denumire,casa,nr_conventie,conventie_de_la,conventie_pana_la,email,tip\n\(Fixture.cui),CMI Test,TM,CV-1,2025-01-01,,,MF\n"
            .write(to: registry, atomically: true, encoding: .utf8)
        XCTAssertEqual(try CLI.run(["registry", "import", registry.path], env: env).status, 0)
        let inbox = home.appendingPathComponent("inbox")
        try FileManager.default.createDirectory(at: inbox, withIntermediateDirectories: true)
        let total = 400
        for i in 0..<total {   // one INITIALA, then the same month again (F10): every file is work
            try Data(Fixture.document(certificates: Fixture.certs(3, from: 4400000 + 10 * i)).utf8)
                .write(to: inbox.appendingPathComponent(String(format: "f%04d.xml", i)))
        }
        // Start the run, and stop the server once a few files are through.
        var pid: pid_t = 0
        let args = [Paths.ccm, "ingest", "--signatures", "off", "--received-at", "2026-11-10T10:00:00+02:00", inbox.path]
        let argv = args.map { strdup($0) } + [nil]
        defer { argv.forEach { free($0) } }
        var e = ProcessInfo.processInfo.environment
        for (k, v) in env { e[k] = v }
        e["CCM_DATABASE_URL"] = nil
        let envp = e.map { strdup("\($0.key)=\($0.value)") } + [nil]
        defer { envp.forEach { free($0) } }
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        posix_spawn_file_actions_addopen(&actions, 1, "/dev/null", O_WRONLY, 0)
        posix_spawn_file_actions_addopen(&actions, 2, "/dev/null", O_WRONLY, 0)
        XCTAssertEqual(posix_spawn(&pid, Paths.ccm, &actions, nil, argv, envp), 0)
        posix_spawn_file_actions_destroy(&actions)
        func moved() -> Int { total - ((try? FileManager.default.contentsOfDirectory(atPath: inbox.path).count) ?? total) }
        var waited = 0
        while moved() < 5 && waited < 3000 { usleep(10_000); waited += 1 }
        let stop = try Subprocess.run("/usr/sbin/runuser", ["-u", "postgres", "--", try EmbeddedPostgres.binDirectory() + "/pg_ctl",
                                                            "-D", home.appendingPathComponent("postgres").resolvingSymlinksInPath().appendingPathComponent("data").path,
                                                            "-m", "immediate", "stop"])
        XCTAssertEqual(stop.status, 0, stop.output)
        var status: Int32 = 0
        waitpid(pid, &status, 0)
        let exit = (status >> 8) & 0xff
        let afterStop = moved()
        XCTAssertLessThan(afterStop, total, "the server was stopped before the run ended")
        XCTAssertEqual(exit, 2, "database unreachable")

        // Every file is in exactly one place; nothing went to quarantine for the outage.
        func files(_ dir: String) -> [String] {
            let root = home.appendingPathComponent(dir)
            return ((try? FileManager.default.subpathsOfDirectory(atPath: root.path)) ?? []).filter { $0.hasSuffix(".xml") }
                .map { URL(fileURLWithPath: $0).lastPathComponent }
        }
        let inboxLeft = files("inbox"), archived = files("arhiva"), quarantined = files("carantina")
        XCTAssertEqual(Set(inboxLeft + archived + quarantined).count, total)
        XCTAssertEqual(inboxLeft.count + archived.count + quarantined.count, total)

        // The next run completes, and each file is registered or refused exactly once.
        let next = try CLI.run(["ingest", "--signatures", "off", "--received-at", "2026-11-10T10:00:00+02:00", inbox.path], env: env)
        XCTAssertEqual(next.status, 0, next.stderr)
        XCTAssertEqual(files("inbox"), [])
        let url = try XCTUnwrap(try CLI.run(["db", "url"], env: env).stdout.split(separator: "\n").first.map(String.init))
        let db = try Connection(url)
        XCTAssertEqual(try db.exec("SELECT count(DISTINCT file_name) AS n FROM documents").first?.int("n"), total,
                       "every file has its record")
        XCTAssertEqual(try db.exec("SELECT count(*) AS n FROM documents").first?.int("n"), total, "none recorded twice")
        XCTAssertEqual(try db.exec("SELECT count(*) AS n FROM documents WHERE status = 'INREGISTRAT'").first?.int("n"), 1)
        XCTAssertEqual(try db.exec("SELECT count(*) AS n FROM certificate_versions").first?.int("n"), 3, "nothing half registered")
    }
}
