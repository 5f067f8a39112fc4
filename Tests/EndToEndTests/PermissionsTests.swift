import CCMCore
@testable import CCMRuntime
import CCMStore
import CCMTestSupport
import Foundation
import XCTest
@testable import CCMApp

/// What ccm writes that holds personal data is its owner's alone (folders 0700, files 0600)
/// whatever the umask it inherits; the public centralizer is world-readable (`05-cli.md`).
final class PermissionsTests: DatabaseTestCase {
    /// `ccm` under the given umask (the shell sets it, then becomes ccm).
    func ccm(umask: String, _ args: [String], home: URL) throws -> Subprocess.Result {
        var env = ProcessInfo.processInfo.environment
        for k in ["CCM_DATABASE_URL", "CCM_CASA", "CCM_MEDIU", "CCM_CONFIG"] { env[k] = nil }
        env["CCM_DATABASE_URL"] = database.url
        env["CCM_HOME"] = home.path
        return try Subprocess.run("/bin/sh", ["-c", "umask \(umask); exec \"$0\" \"$@\"", Paths.ccm] + args, environment: env)
    }

    func mode(_ path: String) -> mode_t {
        var st = stat()
        guard lstat(path, &st) == 0 else { return 0o7777 }
        return st.st_mode & 0o7777
    }

    func assertMode(_ path: String, _ expected: mode_t, file: StaticString = #filePath, line: UInt = #line) {
        XCTAssertEqual(String(mode(path), radix: 8), String(expected, radix: 8), path, file: file, line: line)
    }

    /// A registered and a refused document, world-readable in the inbox, each with a `.p7s`:
    /// CCM_HOME (created by ccm), the archive, the quarantine and their months end 0700, the
    /// files and their signatures 0600, under umask 000 and 022 alike.
    func testIngestLeavesEverythingItFilesAwayToItsOwnerWhateverTheUmask() throws {
        try registerProvider()
        try registerProvider(Fixture.otherCui)
        for (i, umask) in ["000", "022"].enumerated() {
            let home = folder.appendingPathComponent("home-\(umask)/ccm")
            let box = folder.appendingPathComponent("inbox-\(umask)")
            try FileManager.default.createDirectory(at: box, withIntermediateDirectories: true)
            let good = box.appendingPathComponent("bun.xml"), bad = box.appendingPathComponent("respins.xml")
            try Data(Fixture.document(cui: i == 0 ? Fixture.cui : Fixture.otherCui, certificates: Fixture.certs(1, from: 4405000 + i * 10)).utf8).write(to: good)
            try Data("nu este XML \(i)".utf8).write(to: bad)
            for f in [good.path, bad.path] {
                try Data("semnătură".utf8).write(to: URL(fileURLWithPath: f + ".p7s"))
                for p in [f, f + ".p7s"] { chmod(p, 0o666) }
            }
            let r = try ccm(umask: umask, ["ingest", "--casa", "TM", "--mediu", "TEST", "--signatures", "off",
                                           "--received-at", "2026-11-10T10:00:00+02:00", box.path], home: home)
            XCTAssertEqual(r.status, 0, r.output)
            for dir in [home, home.appendingPathComponent("arhiva"), home.appendingPathComponent("arhiva/2026-10"),
                        home.appendingPathComponent("carantina"), home.appendingPathComponent("carantina/fara-luna")] {
                assertMode(dir.path, 0o700)
            }
            for f in ["arhiva/2026-10/bun.xml", "arhiva/2026-10/bun.xml.p7s", "carantina/fara-luna/respins.xml",
                      "carantina/fara-luna/respins.xml.p7s"] {
                assertMode(home.appendingPathComponent(f).path, 0o600)
            }
        }
    }

    /// The archive on another file system (/dev/shm, a tmpfs, when /tmp is not one): the copy
    /// is 0600 from its creation, the month folder 0700, under umask 000.
    func testAMoveAcrossFileSystemsKeepsTheFileTheOwnersOnly() throws {
        let shm = URL(fileURLWithPath: "/dev/shm")
        var a = statvfs(), b = statvfs()
        var sa = stat(), sb = stat()
        guard statvfs(shm.path, &a) == 0, statvfs(folder.path, &b) == 0, stat(shm.path, &sa) == 0, stat(folder.path, &sb) == 0,
              sa.st_dev != sb.st_dev else {
            throw XCTSkip("/dev/shm is not a file system of its own beside \(folder.path): no move across file systems to test")
        }
        let archive = shm.appendingPathComponent("ccm-test-arhiva-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: archive) }
        try registerProvider()
        try drop([("1.xml", Fixture.document())])
        let inboxFile = inbox.appendingPathComponent("1.xml").path
        try Data("semnătură".utf8).write(to: URL(fileURLWithPath: inboxFile + ".p7s"))
        for p in [inboxFile, inboxFile + ".p7s"] { chmod(p, 0o600) }
        var s = settings()
        s.archiveDir = archive
        let old = umask(0)
        defer { umask(old) }
        let o = try XCTUnwrap(try ingest(settings: s).outcomes.first)
        XCTAssertEqual(o.storedAs, archive.appendingPathComponent("2026-10/1.xml").path)
        assertMode(archive.path, 0o700)
        assertMode(archive.appendingPathComponent("2026-10").path, 0o700)
        assertMode(archive.appendingPathComponent("2026-10/1.xml").path, 0o600)
        assertMode(archive.appendingPathComponent("2026-10/1.xml.p7s").path, 0o600)
        XCTAssertEqual(try FileManager.default.contentsOfDirectory(atPath: inbox.path), [])
    }

    /// The centralizer is public: 0644 under umask 000 (not 0666) and under 077 (not 0600).
    func testTheCentralizerWrittenWithOutputIsWorldReadable() throws {
        for umask in ["000", "077"] {
            for format in ["html", "csv", "xlsx"] {
                let out = folder.appendingPathComponent("centralizator-\(umask).\(format)")
                let r = try ccm(umask: umask, ["centralizer", "--casa", "TM", "--luna", "2026-10", "--format", format,
                                               "--output", out.path], home: folder)
                XCTAssertEqual(r.status, 0, r.output)
                assertMode(out.path, 0o644)
            }
        }
    }
}
