import CCMCore
@testable import CCMFiles
import Foundation
import XCTest

/// The file system adapter on its own: moves that never overwrite nor delete, folders and files
/// private whatever the umask, a `.p7s` read only when it is a small regular file, an output
/// refused in one Romanian line before anything is written.
final class FileAdapterTests: XCTestCase {
    var dir: URL!

    override func setUpWithError() throws {
        dir = FileManager.default.temporaryDirectory.appendingPathComponent("ccm-files-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
    }

    override func tearDownWithError() throws { try? FileManager.default.removeItem(at: dir) }

    func write(_ name: String, _ text: String) throws -> String {
        let path = dir.appendingPathComponent(name).path
        try Data(text.utf8).write(to: URL(fileURLWithPath: path))
        return path
    }

    func mode(_ path: String) -> mode_t {
        var st = stat()
        XCTAssertEqual(lstat(path, &st), 0, path)
        return st.st_mode & 0o777
    }

    func testATargetNeverNamesAFileOrSignatureAlreadyThereNorOnePromised() throws {
        let archive = dir.appendingPathComponent("arhiva/2026-10")
        XCTAssertEqual(try FileMover.target(for: "a.xml", in: archive), archive.appendingPathComponent("a.xml").path)
        XCTAssertEqual(mode(archive.path), PrivateFiles.folderMode, "made private")
        try Data("x".utf8).write(to: archive.appendingPathComponent("a.xml"))
        try Data("x".utf8).write(to: archive.appendingPathComponent("a-2.xml.p7s"))
        let promised = archive.appendingPathComponent("a-3.xml").path
        XCTAssertEqual(try FileMover.target(for: "a.xml", in: archive, avoiding: [promised]), archive.appendingPathComponent("a-4.xml").path)
    }

    func testAMoveTakesItsSignatureAlongAndLeavesBothPrivate() throws {
        let xml = try write("b.xml", "<a/>"), p7s = try write("b.xml.p7s", "sig")
        chmod(xml, 0o666)
        let target = try FileMover.target(for: "b.xml", in: dir.appendingPathComponent("out"))
        try FileMover.move(xml, to: target)
        XCTAssertFalse(FileManager.default.fileExists(atPath: xml) || FileManager.default.fileExists(atPath: p7s))
        XCTAssertEqual(try String(contentsOfFile: target, encoding: .utf8), "<a/>")
        XCTAssertEqual(try String(contentsOfFile: target + ".p7s", encoding: .utf8), "sig")
        XCTAssertEqual(mode(target), PrivateFiles.fileMode)
    }

    func testAMoveThatCannotHappenLeavesTheFileWhereItWas() throws {
        let xml = try write("c.xml", "<a/>")
        let blocked = dir.appendingPathComponent("not-a-folder")
        try Data().write(to: blocked)
        XCTAssertThrowsError(try FileMover.move(xml, to: blocked.appendingPathComponent("c.xml").path)) { error in
            XCTAssertEqual((error as? FileMover.Failure)?.xmlMoved, false)
            // What the operator's log says: the system's reason in Romanian, not Foundation's domain and code.
            XCTAssertEqual((error as? FileMover.Failure)?.reason, "o parte a căii nu este un folder")
        }
        XCTAssertEqual(try String(contentsOfFile: xml, encoding: .utf8), "<a/>", "nothing lost")
    }

    func testACopyWrittenThenNamedLeavesNoPartialFile() throws {
        let from = try write("d.xml", String(repeating: "x", count: 100_000))
        let to = dir.appendingPathComponent("d-copy.xml").path
        try FileMover.copy(from, to: to)
        XCTAssertEqual(try Data(contentsOf: URL(fileURLWithPath: to)), try Data(contentsOf: URL(fileURLWithPath: from)))
        XCTAssertFalse(FileManager.default.fileExists(atPath: to + ".partial"))
        XCTAssertTrue(FileManager.default.fileExists(atPath: from), "a copy leaves the original")
    }

    func testFoldersAndFilesArePrivateWhateverTheUmask() throws {
        let old = umask(0)
        defer { umask(old) }
        let folder = dir.appendingPathComponent("x/y")
        try PrivateFiles.ensureFolder(folder)
        XCTAssertEqual(mode(folder.path), PrivateFiles.folderMode)
        XCTAssertEqual(mode(dir.appendingPathComponent("x").path), PrivateFiles.folderMode)
        let file = folder.appendingPathComponent("f")
        try PrivateFiles.write(Data("p".utf8), to: file)
        XCTAssertEqual(mode(file.path), PrivateFiles.fileMode)
    }

    func testASignatureFileIsReadOnlyWhenSmallAndRegular() throws {
        XCTAssertEqual(SignatureFile.read(dir.appendingPathComponent("none.p7s").path, maxBytes: 10), .absent)
        let small = try write("s.p7s", "12345")
        XCTAssertEqual(SignatureFile.read(small, maxBytes: 10), .bytes(Data("12345".utf8)))
        guard case .refused(let large) = SignatureFile.read(small, maxBytes: 4) else { return XCTFail("too large, read") }
        XCTAssertTrue(large.contains("s.p7s"), large)
        let link = dir.appendingPathComponent("l.p7s").path
        XCTAssertEqual(symlink("/etc/passwd", link), 0)
        guard case .refused(let why) = SignatureFile.read(link, maxBytes: 1 << 20) else { return XCTFail("a link was followed") }
        XCTAssertTrue(why.contains("legătură"), why)
        let fifo = dir.appendingPathComponent("f.p7s").path
        XCTAssertEqual(mkfifo(fifo, 0o600), 0)
        guard case .refused = SignatureFile.read(fifo, maxBytes: 1 << 20) else { return XCTFail("a FIFO was opened") }
    }

    func testAnOutputIsRefusedInOneRomanianLineBeforeAnythingIsWritten() throws {
        let missing = dir.appendingPathComponent("nu-exista/out.csv").path
        XCTAssertEqual(OutputFile.problem(missing), "nu pot scrie \(missing): dosarul \(dir.appendingPathComponent("nu-exista").path) nu există")
        XCTAssertThrowsError(try OutputFile.write(Data("a".utf8), to: missing))
        XCTAssertEqual(OutputFile.problem(dir.path), "nu pot scrie \(dir.path): este un dosar")
        let ok = dir.appendingPathComponent("out.csv").path
        try OutputFile.write(Data("a;b\n".utf8), to: ok)
        XCTAssertEqual(try String(contentsOfFile: ok, encoding: .utf8), "a;b\n")
    }

    func testAStampSeesAChangeAndAnOpenWriter() throws {
        let path = try write("w.xml", "<a/>")
        let before = try XCTUnwrap(FileStamp(path: path))
        XCTAssertTrue(before.isRegular)
        XCTAssertEqual(FileStamp(path: path), before)
        let reader = open(path, O_RDONLY)
        defer { close(reader) }
        XCTAssertFalse(WriterCheck.heldForWriting(reader, before), "nobody writes it")
        let writer = try FileHandle(forWritingTo: URL(fileURLWithPath: path))
        XCTAssertTrue(WriterCheck.heldForWriting(reader, before), "held open for writing")
        writer.seekToEndOfFile()
        writer.write(Data("x".utf8))
        try writer.close()
        XCTAssertNotEqual(FileStamp(path: path), before, "a write changes the stamp")
    }
}
