@testable import CCMRuntime
import CCMTestSupport
import Foundation
import XCTest

/// A command finding its embedded cluster running uses it as it is: `pg_ctl` (run as the
/// cluster's user, most of a short command's start) is asked nothing; a stopped cluster is
/// still found stopped and started. Its `pg_ctl` is a wrapper that writes down each call.
final class EmbeddedStartTests: XCTestCase {
    func testARunningClusterIsUsedWithoutPgCtlAndAStoppedOneIsStarted() throws {
        let home = try Paths.temporaryFolder()
        let bin = try Paths.temporaryFolder()
        defer { CLI.discardEmbedded(home: home); try? FileManager.default.removeItem(at: bin) }
        let real = try EmbeddedPostgres.binDirectory()
        for name in try FileManager.default.contentsOfDirectory(atPath: real) where name != "pg_ctl" {
            try FileManager.default.createSymbolicLink(atPath: bin.appendingPathComponent(name).path, withDestinationPath: real + "/" + name)
        }
        let calls = bin.appendingPathComponent("calls")
        try Data().write(to: calls)
        let wrapper = bin.appendingPathComponent("pg_ctl")
        // The cluster's user (ccm runs as root here) reaches the folder and writes the list.
        try "#!/bin/sh\necho \"$@\" | grep -o 'status\\|start\\|stop' >> \(calls.path)\nexec \(real)/pg_ctl \"$@\"\n"
            .write(to: wrapper, atomically: true, encoding: .utf8)
        try FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: bin.path)
        try FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: wrapper.path)
        try FileManager.default.setAttributes([.posixPermissions: 0o666], ofItemAtPath: calls.path)
        let env = ["CCM_HOME": home.path, "CCM_PG_BIN": bin.path]
        func called() throws -> [String] { try String(contentsOf: calls, encoding: .utf8).split(separator: "\n").map(String.init) }

        XCTAssertEqual(try CLI.run(["db", "url"], env: env).status, 0)
        XCTAssertEqual(try called(), ["status", "start"], "made and started")
        try Data().write(to: calls)
        let again = try CLI.run(["db", "url"], env: env)
        XCTAssertEqual(again.status, 0, again.stderr)
        XCTAssertEqual(try called(), [], "running: used as it is")

        XCTAssertEqual(try CLI.run(["db", "stop"], env: env).status, 0)
        try Data().write(to: calls)
        let started = try CLI.run(["db", "url"], env: env)
        XCTAssertEqual(started.status, 0, started.stderr)
        XCTAssertEqual(try called(), ["status", "start"], "stopped: found so and started")
    }

    /// A link to a cluster that was removed is refused in Romanian, naming both paths, and left
    /// as it is: a new empty database in its place would hide the loss.
    func testALinkToARemovedClusterIsRefusedAndKept() throws {
        let home = try Paths.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: home) }
        let link = home.appendingPathComponent("postgres")
        let gone = home.appendingPathComponent("sters").path
        try FileManager.default.createSymbolicLink(atPath: link.path, withDestinationPath: gone)
        for args in [["db", "url"], ["--version"]] {
            let r = try CLI.run(args, env: ["CCM_HOME": home.path])
            XCTAssertTrue(r.stderr.contains("clusterul încorporat lipsește: \(link.path) indică spre \(gone)"), r.stderr)
            XCTAssertFalse(r.stderr.contains("exists"), r.stderr)
            if args == ["db", "url"] { XCTAssertEqual(r.status, 2, r.stderr) }
        }
        XCTAssertEqual(try FileManager.default.destinationOfSymbolicLink(atPath: link.path), gone)
        XCTAssertFalse(FileManager.default.fileExists(atPath: gone))
    }
}
