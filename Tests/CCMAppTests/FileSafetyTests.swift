import CCMApp
import CCMRuntime
import CCMStore
import CCMTestSupport
import Foundation
import XCTest

/// Nothing lost between the database and the file system: a move recorded but not done, a
/// `.p7s` left behind, an archive on a full disk (`06-quality-targets.md` "Reliability").
final class FileSafetyTests: DatabaseTestCase {
    var archive: URL { folder.appendingPathComponent("arhiva/2026-10") }

    func testAMoveRecordedButNotDoneIsFinishedToTheRecordedPlace() throws {
        try registerProvider()
        try drop([("1.xml", Fixture.document())])
        _ = try ingest()
        let target = try XCTUnwrap(db.exec("SELECT stored_as FROM documents").first?["stored_as"])
        XCTAssertEqual(try db.exec("SELECT moving_to FROM documents").first?["moving_to"], target)
        // As if the run had stopped after recording the target, before the rename.
        try db.exec("UPDATE documents SET stored_as = NULL")
        try FileManager.default.moveItem(atPath: target, toPath: inbox.appendingPathComponent("1.xml").path)
        let again = try ingest()
        XCTAssertEqual(again.outcomes.map(\.status), [.inregistrat])
        XCTAssertEqual(again.outcomes.map(\.judgedEarlier), [true])
        XCTAssertEqual(again.outcomes.first?.storedAs, target, "the recorded place, not a new name beside it")
        XCTAssertTrue(FileManager.default.fileExists(atPath: target))
        XCTAssertEqual(try db.exec("SELECT stored_as FROM documents").values, [[target]])
        XCTAssertEqual(try database.count("SELECT count(*) FROM certificate_versions"), 2)
        XCTAssertEqual(try FileManager.default.contentsOfDirectory(atPath: inbox.path), [])
    }

    func testAMoveDoneButNotConfirmedIsConfirmedByTheNextRun() throws {
        try registerProvider()
        try drop([("1.xml", Fixture.document())])
        _ = try ingest()
        // As if the run had stopped after the rename, before recording it.
        try db.exec("UPDATE documents SET stored_as = NULL")
        _ = try ingest()
        XCTAssertEqual(try database.count("SELECT count(*) FROM documents WHERE stored_as IS NULL OR stored_as <> moving_to"), 0)
    }

    func testASignatureLeftAloneInTheInboxJoinsItsDocument() throws {
        try registerProvider()
        try drop([("1.xml", Fixture.document())])
        try Data("semnătura".utf8).write(to: inbox.appendingPathComponent("1.xml.p7s"))
        _ = try ingest()
        let target = try XCTUnwrap(db.exec("SELECT stored_as FROM documents").first?["stored_as"])
        XCTAssertTrue(FileManager.default.fileExists(atPath: target + ".p7s"))
        // As if the run had stopped between moving the .xml and its .p7s.
        try FileManager.default.moveItem(atPath: target + ".p7s", toPath: inbox.appendingPathComponent("1.xml.p7s").path)
        // And a .p7s whose .xml has not arrived yet (uploaded first): it waits.
        try Data("alta".utf8).write(to: inbox.appendingPathComponent("2.xml.p7s"))
        let again = try ingest()
        XCTAssertEqual(again.outcomes.count, 0)
        XCTAssertEqual(try String(contentsOfFile: target + ".p7s", encoding: .utf8), "semnătura")
        XCTAssertEqual(try FileManager.default.contentsOfDirectory(atPath: inbox.path), ["2.xml.p7s"])
    }

    /// The archive on its own file system, full: the copy fails, its partial file is removed,
    /// the original stays in the inbox, the record knows it was not moved; once space is freed
    /// the next run only moves it. Then the `.xml` fits and its `.p7s` does not.
    func testAFullArchiveDiskLosesNothing() throws {
        let mount = folder.appendingPathComponent("arhiva")
        try FileManager.default.createDirectory(at: mount, withIntermediateDirectories: true)
        let mounted = try Subprocess.run("/bin/mount", ["-t", "tmpfs", "-o", "size=512k", "tmpfs", mount.path])
        guard mounted.status == 0 else { throw XCTSkip("a tmpfs cannot be mounted here (needs root): \(mounted.output)") }
        defer { _ = try? Subprocess.run("/bin/umount", [mount.path]) }
        let filler = mount.appendingPathComponent("umplutura")
        try fill(filler, leaving: 16 << 10)

        try registerProvider()
        let xml = Fixture.document(certificates: Fixture.certs(120))
        XCTAssertGreaterThan(xml.utf8.count, 32 << 10, "larger than the space left")
        try drop([("1.xml", xml)])
        let first = try ingest()
        XCTAssertEqual(first.left, 1)
        XCTAssertEqual(first.outcomes.first?.status, .inregistrat)
        XCTAssertEqual(try String(contentsOf: inbox.appendingPathComponent("1.xml"), encoding: .utf8), xml, "the original is intact")
        XCTAssertEqual(try FileManager.default.contentsOfDirectory(atPath: archive.path), [], "no partial copy left behind")
        XCTAssertEqual(try database.count("SELECT count(*) FROM documents WHERE stored_as IS NULL"), 1)
        let certificates = try database.count("SELECT count(*) FROM certificate_versions")

        try FileManager.default.removeItem(at: filler)
        let second = try ingest()
        XCTAssertEqual(second.left, 0)
        XCTAssertEqual(second.outcomes.map(\.status), [.inregistrat], "the move completed, not a duplicate")
        XCTAssertEqual(second.outcomes.first?.note, "înregistrat la o rulare anterioară; acum doar mutat în arhivă")
        XCTAssertEqual(try String(contentsOf: archive.appendingPathComponent("1.xml"), encoding: .utf8), xml)
        XCTAssertEqual(try database.count("SELECT count(*) FROM documents WHERE stored_as IS NULL"), 0)
        XCTAssertEqual(try database.count("SELECT count(*) FROM certificate_versions"), certificates)

        // Room for a small .xml, not for its large .p7s: the .p7s waits in the inbox for the next run.
        try registerProvider(Fixture.otherCui)
        try drop([("2.xml", Fixture.document(cui: Fixture.otherCui, certificates: Fixture.certs(1, from: 4400900)))])
        let signature = Data(repeating: 0x30, count: 64 << 10)
        try signature.write(to: inbox.appendingPathComponent("2.xml.p7s"))
        try fill(filler, leaving: 24 << 10)
        let third = try ingest()
        XCTAssertEqual(third.outcomes.first?.status, .inregistrat)
        XCTAssertEqual(try FileManager.default.contentsOfDirectory(atPath: inbox.path), ["2.xml.p7s"])
        try FileManager.default.removeItem(at: filler)
        _ = try ingest()
        XCTAssertEqual(try FileManager.default.contentsOfDirectory(atPath: inbox.path), [])
        XCTAssertEqual(try Data(contentsOf: archive.appendingPathComponent("2.xml.p7s")), signature)
    }

    /// Writes `file` until the file system has about `leaving` bytes free.
    func fill(_ file: URL, leaving: Int) throws {
        var st = statvfs()
        guard statvfs(file.deletingLastPathComponent().path, &st) == 0 else { throw XCTSkip("statvfs failed") }
        let free = Int(st.f_bavail) * Int(st.f_frsize)
        try Data(repeating: 0, count: max(0, free - leaving)).write(to: file)
    }
}
