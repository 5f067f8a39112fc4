@testable import CCMApp
import CCMCore
@testable import CCMFiles
@testable import CCMRuntime
import CCMSignature
import CCMTestSupport
import CCMXML
import Foundation
import XCTest

/// What `ingest` takes and what it leaves (`05-cli.md`): a file still being written stays in
/// the inbox, the receipt is the inode's change time, a file named outside the inbox is copied
/// and never moved, and every entry not judged has its line and its `--json` record.
final class IntakeTests: DatabaseTestCase {
    var env: [String: String] {
        ["CCM_DATABASE_URL": database.url, "CCM_HOME": folder.path, "CCM_CASA": "TM", "CCM_MEDIU": "TEST"]
    }

    func ccm(_ args: [String]) throws -> CLI.Result { try CLI.run(args, env: env) }

    /// The `--json` lines of a run, as objects.
    func records(_ r: CLI.Result) -> [[String: Any]] {
        r.stdout.split(separator: "\n").compactMap { try? JSONSerialization.jsonObject(with: Data($0.utf8)) as? [String: Any] }
    }

    func sha256(_ path: String) throws -> String {
        Digest.sha256Hex(try XCTUnwrap(FileManager.default.contents(atPath: path)))
    }

    func files(under url: URL) -> [String] {
        (FileManager.default.enumerator(atPath: url.path)?.allObjects as? [String] ?? [])
            .filter { FileStamp(path: url.appendingPathComponent($0).path)?.isDirectory != true }.sorted()
    }

    // MARK: - a file still being written

    /// Half a document, held open for writing by another process (here: this one): neither
    /// refused nor moved nor recorded; once complete it is taken at once, however recent.
    func testAFileHeldOpenForWritingStaysInTheInbox() throws {
        try registerProvider()
        let xml = Data(Fixture.document().utf8)
        let path = inbox.appendingPathComponent("1.xml")
        try drop([("1.xml", "")])
        let writer = try FileHandle(forWritingTo: path)
        writer.write(xml.prefix(xml.count / 2))
        let first = try ingest()
        XCTAssertEqual(first.outcomes.count, 0)
        XCTAssertEqual(first.notices.map(\.status), [.amanat])
        XCTAssertEqual(first.notices.map(\.reason), [.deschisPentruScriere])
        XCTAssertEqual(first.left, 0, "not a system failure")
        XCTAssertEqual(try database.count("SELECT count(*) FROM documents"), 0)
        XCTAssertTrue(FileManager.default.fileExists(atPath: path.path))

        writer.write(xml.suffix(from: xml.count / 2))
        try writer.close()
        let second = try ingest()
        XCTAssertEqual(second.outcomes.map(\.status), [.inregistrat])
        XCTAssertEqual(second.notices, [])
        let stored = try XCTUnwrap(second.outcomes.first?.storedAs)
        XCTAssertEqual(try db.exec("SELECT sha256 FROM documents").values, [[try sha256(stored)]], "the bytes judged are the bytes archived")
    }

    /// A writer that opens, appends and closes over and over (no descriptor held while the
    /// file is looked at): the file changes while it is read, and waits; the digest stored is
    /// always that of the file archived.
    func testAFileChangingWhileItIsReadStaysInTheInbox() throws {
        try registerProvider()
        let xml = Fixture.document(certificates: Fixture.certs(400))
        let path = inbox.appendingPathComponent("1.xml")
        try drop([("1.xml", xml)])
        let stop = DispatchSemaphore(value: 0), stopped = DispatchSemaphore(value: 0)
        Thread.detachNewThread {
            // Comments after the root: the document stays valid whatever moment it is read at.
            while stop.wait(timeout: .now()) == .timedOut {
                let fd = open(path.path, O_WRONLY | O_APPEND)
                _ = "<!-- x -->\n".withCString { write(fd, $0, 11) }
                close(fd)
            }
            stopped.signal()
        }
        let first = try ingest()
        stop.signal()
        stopped.wait()
        XCTAssertEqual(first.outcomes.count, 0, "\(first.outcomes.map(\.status))")
        XCTAssertEqual(first.notices.map(\.status), [.amanat])
        XCTAssertTrue([.inScriere, .deschisPentruScriere].contains(try XCTUnwrap(first.notices.first?.reason)))
        XCTAssertEqual(try database.count("SELECT count(*) FROM documents"), 0)

        let second = try ingest()
        XCTAssertEqual(second.outcomes.map(\.status), [.inregistrat])
        let stored = try XCTUnwrap(second.outcomes.first?.storedAs)
        XCTAssertEqual(try db.exec("SELECT sha256 FROM documents").values, [[try sha256(stored)]])
    }

    /// Cut in the middle and just written: left (INCOMPLET). The same bytes once they have
    /// settled (settle_seconds 0 here) are what they are: refused, F01.
    func testATruncatedRecentFileWaitsThenIsRefusedOnceSettled() throws {
        try registerProvider()
        let xml = Fixture.document()
        try drop([("1.xml", String(xml.prefix(xml.count / 2)))])
        let first = try ingest()
        XCTAssertEqual(first.outcomes.count, 0)
        XCTAssertEqual(first.notices.map(\.reason), [.incomplet])
        XCTAssertEqual(try database.count("SELECT count(*) FROM documents"), 0)
        XCTAssertEqual(try FileManager.default.contentsOfDirectory(atPath: inbox.path), ["1.xml"])

        // A broken file that does not merely end early is refused at once, however recent.
        try drop([("2.xml", xml.replacingOccurrences(of: "<Certificate>", with: "<Certificate><x></y>"))])
        var s = settings()
        let mixed = try ingest(settings: s)
        XCTAssertEqual(mixed.outcomes.map(\.file), ["2.xml"])
        XCTAssertEqual(mixed.outcomes.map(\.status), [.respins])

        s.settleSeconds = 0
        let settled = try ingest(settings: s)
        XCTAssertEqual(settled.outcomes.map(\.status), [.respins])
        XCTAssertEqual(settled.outcomes.first?.errors.map(\.code), ["F01"])
        XCTAssertEqual(settled.notices, [])
    }

    /// Only the start of a document: truncated; a document broken before its end, or complete: not.
    func testTruncationIsTheStartOfADocument() throws {
        let xml = Fixture.document()
        let cases: [(String, String, Bool)] = [("half.xml", String(xml.prefix(xml.count / 2)), true), ("empty.xml", "", true),
                                               ("whole.xml", xml, false), ("broken.xml", xml.replacingOccurrences(of: "<Certificate>", with: "<Certificate><x></y>"), false),
                                               ("doctype.xml", "<?xml version=\"1.0\"?>\n<!DOCTYPE a [<!ENTITY x \"y\">]>\n<a>&x;</a>\n", false)]
        for (name, text, truncated) in cases {
            let u = folder.appendingPathComponent(name)
            try Data(text.utf8).write(to: u)
            XCTAssertEqual(SubmissionReader(schema: SharedSchema.schema).read(path: u.path, into: SubmissionRecorder()).truncated, truncated, name)
        }
    }

    /// The same through the command line: the record, the line, exit 0, and the setting.
    func testTheCommandLineReportsAFileLeftAndExitsZero() throws {
        try registerProvider()
        let xml = Fixture.document()
        try drop([("1.xml", String(xml.prefix(xml.count - 40)))])
        let r = try ccm(["ingest", "--signatures", "off", "--json"])
        XCTAssertEqual(r.status, 0, r.stderr)
        let record = try XCTUnwrap(records(r).first)
        XCTAssertEqual(record["status"] as? String, "AMANAT")
        XCTAssertEqual(record["reason"] as? String, "INCOMPLET")
        XCTAssertEqual(record["file"] as? String, "1.xml")
        XCTAssertTrue(r.stderr.contains("1.xml: se termină înaintea documentului"), r.stderr)
        XCTAssertTrue(r.stderr.contains("1 fișier amânat"), r.stderr)
        XCTAssertEqual(try FileManager.default.contentsOfDirectory(atPath: inbox.path), ["1.xml"])

        let settled = try ccm(["ingest", "--signatures", "off", "--json", "--settle-seconds", "0"])
        XCTAssertEqual(settled.status, 0, settled.stderr)
        XCTAssertEqual(records(settled).first?["status"] as? String, "RESPINS")
        XCTAssertEqual(try ccm(["ingest", "--settle-seconds", "-1"]).status, 1)
    }

    // MARK: - the receipt time

    /// `touch -d` sets the modification time, not the change time: an INITIALA dated back
    /// before the deadline is still late, its receipt is when it arrived.
    func testTheReceiptIsTheChangeTimeNotTheModificationTime() throws {
        guard Date() > ISO8601DateFormatter().date(from: "2026-11-13T00:00:00Z")! else { throw XCTSkip("the clock is before the 2026-10 deadline") }
        try registerProvider()
        let path = try XCTUnwrap(drop([("1.xml", Fixture.document())]).first).path
        XCTAssertEqual(try Subprocess.run("/usr/bin/touch", ["-d", "2026-11-05 10:00:00", path]).status, 0)
        let arrived = try XCTUnwrap(FileStamp(path: path)).changed
        let r = try ccm(["ingest", "--signatures", "off", "--json"])
        XCTAssertEqual(r.status, 0, r.stderr)
        let record = try XCTUnwrap(records(r).first)
        XCTAssertEqual(record["status"] as? String, "INREGISTRAT")
        let codes = (record["errors"] as? [[String: Any]] ?? []).compactMap { $0["code"] as? String }
        XCTAssertTrue(codes.contains("W01"), "late although its mtime says the 5th: \(codes)")
        let received = try XCTUnwrap(db.exec("SELECT extract(epoch FROM received_at)::float8 AS r FROM documents").first?["r"].flatMap(Double.init))
        XCTAssertEqual(received, arrived.timeIntervalSince1970, accuracy: 0.001)
    }

    /// A change time ahead of the clock (a file server's wrong clock) is not believed past the
    /// 5 minutes of tolerance: the processing moment is the receipt. Within them it stands.
    func testAChangeTimeInTheFutureBecomesTheProcessingMoment() throws {
        let now = Date()
        var st = stat()
        st.st_ctim.tv_sec = Int(now.timeIntervalSince1970) + 3600
        XCTAssertEqual(InboxScanner.receipt(FileStamp(st), path: "1.xml", now: now), now)
        st.st_ctim.tv_sec = Int(now.timeIntervalSince1970) + 120
        XCTAssertEqual(InboxScanner.receipt(FileStamp(st), path: "1.xml", now: now).timeIntervalSince1970,
                       Double(st.st_ctim.tv_sec), accuracy: 0.001)
    }

    /// Where no lease can be taken (a file of another user, ccm not root), the descriptors in
    /// /proc say who writes: another process holding the file open for appending is seen.
    func testAnotherProcessWritingIsSeenInProc() throws {
        let path = folder.appendingPathComponent("held.xml").path
        try Data("<a>".utf8).write(to: URL(fileURLWithPath: path))
        let other = folder.appendingPathComponent("other.xml").path
        try Data("<a/>".utf8).write(to: URL(fileURLWithPath: other))
        let pid = try Subprocess.start("/bin/sh", ["-c", "exec 3>>'\(path)'; exec 4<'\(other)'; sleep 30"])
        defer { kill(pid, SIGKILL); _ = Subprocess.wait(pid) }
        let stamp = try XCTUnwrap(FileStamp(path: path)), unread = try XCTUnwrap(FileStamp(path: other))
        let deadline = Date().addingTimeInterval(5)
        var seen = Set<WriterCheck.Inode>()
        while Date() < deadline {
            seen = WriterCheck.scanProc()
            if seen.contains(.init(device: stamp.device, inode: stamp.inode)) { break }
            Thread.sleep(forTimeInterval: 0.05)
        }
        XCTAssertTrue(seen.contains(.init(device: stamp.device, inode: stamp.inode)), "open for appending")
        XCTAssertFalse(seen.contains(.init(device: unread.device, inode: unread.inode)), "open for reading only")
    }

    /// A receipt in the future is a usage error: nothing is read, moved or written.
    func testAFutureReceivedAtExitsOneAndTouchesNothing() throws {
        try registerProvider()
        try drop([("1.xml", Fixture.document())])
        let before = try FileManager.default.contentsOfDirectory(atPath: inbox.path)
        let tomorrow = ISO8601DateFormatter().string(from: Date().addingTimeInterval(86_400))
        for at in ["9999-01-01T00:00:00+02:00", tomorrow] {
            let r = try ccm(["ingest", "--signatures", "off", "--received-at", at])
            XCTAssertEqual(r.status, 1, r.stderr)
            XCTAssertTrue(r.stderr.contains("--received-at \(at) este în viitor"), r.stderr)
            XCTAssertEqual(r.stderr.split(separator: "\n").count, 1, r.stderr)
        }
        XCTAssertEqual(try FileManager.default.contentsOfDirectory(atPath: inbox.path), before)
        XCTAssertEqual(try database.count("SELECT count(*) FROM documents"), 0)
        XCTAssertFalse(FileManager.default.fileExists(atPath: folder.appendingPathComponent("arhiva").path))
        XCTAssertFalse(FileManager.default.fileExists(atPath: folder.appendingPathComponent("carantina").path))
    }

    // MARK: - files named outside the inbox

    func testAFileNamedOutsideTheInboxThatIsNotXMLIsLeftUntouched() throws {
        let outside = folder.appendingPathComponent("x")
        try FileManager.default.createDirectory(at: outside, withIntermediateDirectories: true)
        let notes = outside.appendingPathComponent("notes.txt")
        try Data("note personale\n".utf8).write(to: notes)
        let stamp = FileStamp(path: notes.path)
        let r = try ccm(["ingest", "--signatures", "off", "--json", notes.path])
        XCTAssertEqual(r.status, 0, r.stderr)
        let record = try XCTUnwrap(records(r).first)
        XCTAssertEqual(record["status"] as? String, "IGNORAT")
        XCTAssertEqual(record["reason"] as? String, "NU_ESTE_XML")
        XCTAssertTrue(r.stderr.contains("notes.txt: nu este un fișier .xml"), r.stderr)
        XCTAssertEqual(FileStamp(path: notes.path), stamp, "not moved, not written, not even its times")
        XCTAssertEqual(try String(contentsOf: notes, encoding: .utf8), "note personale\n")
        XCTAssertEqual(files(under: folder.appendingPathComponent("carantina")), [])
        XCTAssertEqual(try database.count("SELECT count(*) FROM documents"), 0)
    }

    /// Registered from where it is: the original stays byte for byte, a copy (with its .p7s)
    /// is archived; named again, it is a duplicate and is not copied twice.
    func testAnXMLNamedOutsideTheInboxIsCopiedNotMoved() throws {
        try registerProvider()
        let outside = folder.appendingPathComponent("x")
        try FileManager.default.createDirectory(at: outside, withIntermediateDirectories: true)
        let a = outside.appendingPathComponent("a.xml")
        let xml = Data(Fixture.document().utf8)
        try xml.write(to: a)
        try Data("semnătura".utf8).write(to: URL(fileURLWithPath: a.path + ".p7s"))
        let args = ["ingest", "--signatures", "off", "--json", "--received-at", "2026-11-10T10:00:00+02:00", a.path]
        let r = try ccm(args)
        XCTAssertEqual(r.status, 0, r.stderr)
        XCTAssertEqual(records(r).first?["status"] as? String, "INREGISTRAT")
        XCTAssertEqual(FileManager.default.contents(atPath: a.path), xml, "the original stays, byte for byte")
        XCTAssertTrue(FileManager.default.fileExists(atPath: a.path + ".p7s"))
        let stored = try XCTUnwrap(db.exec("SELECT stored_as FROM documents").first?["stored_as"])
        XCTAssertEqual(FileManager.default.contents(atPath: stored), xml)
        XCTAssertEqual(try String(contentsOfFile: stored + ".p7s", encoding: .utf8), "semnătura")
        XCTAssertEqual(try db.exec("SELECT sha256 FROM documents").values, [[try sha256(stored)]])

        let again = try ccm(args)
        XCTAssertEqual(again.status, 0, again.stderr)
        XCTAssertEqual(records(again).first?["status"] as? String, "DUPLICAT")
        XCTAssertEqual(files(under: folder.appendingPathComponent("arhiva")), ["2026-10/a.xml", "2026-10/a.xml.p7s"])
        XCTAssertEqual(FileManager.default.contents(atPath: a.path), xml)
    }

    /// A folder named that is the inbox (through a link, too) keeps the inbox's rule: moved.
    func testTheInboxNamedAsAFolderIsStillMovedFrom() throws {
        try registerProvider()
        try drop([("1.xml", Fixture.document())])
        let link = folder.appendingPathComponent("link-to-inbox")
        try FileManager.default.createSymbolicLink(atPath: link.path, withDestinationPath: inbox.path)
        let r = try ccm(["ingest", "--signatures", "off", "--received-at", "2026-11-10T10:00:00+02:00", link.path])
        XCTAssertEqual(r.status, 0, r.stderr)
        XCTAssertEqual(try FileManager.default.contentsOfDirectory(atPath: inbox.path), [])
        XCTAssertEqual(files(under: folder.appendingPathComponent("arhiva")), ["2026-10/1.xml"])
    }

    // MARK: - entries not judged, and an inbox that cannot be read

    func testALoneSignatureALinkAndAFIFOEachHaveTheirRecord() throws {
        try FileManager.default.createDirectory(at: inbox, withIntermediateDirectories: true)
        try Data("semnătura".utf8).write(to: inbox.appendingPathComponent("2.xml.p7s"))
        try FileManager.default.createSymbolicLink(atPath: inbox.appendingPathComponent("link.xml").path, withDestinationPath: "/etc/passwd")
        XCTAssertEqual(mkfifo(inbox.appendingPathComponent("pipe.xml").path, 0o600), 0)
        let r = try ccm(["ingest", "--signatures", "off", "--json", "--received-at", "2026-11-10T10:00:00+02:00"])
        XCTAssertEqual(r.status, 0, r.stderr)
        let byFile = Dictionary(records(r).map { ($0["file"] as? String ?? "?", $0) }, uniquingKeysWith: { a, _ in a })
        XCTAssertEqual(Set(byFile.keys), ["2.xml.p7s", "link.xml", "pipe.xml"])
        XCTAssertEqual(byFile["2.xml.p7s"]?["status"] as? String, "AMANAT")
        XCTAssertEqual(byFile["2.xml.p7s"]?["reason"] as? String, "SEMNATURA_FARA_DOCUMENT")
        for name in ["link.xml", "pipe.xml"] {
            XCTAssertEqual(byFile[name]?["status"] as? String, "IGNORAT", name)
            XCTAssertEqual(byFile[name]?["reason"] as? String, "NU_ESTE_FISIER_OBISNUIT", name)
        }
        XCTAssertTrue(r.stderr.contains("2.xml.p7s: semnătură fără documentul 2.xml"), r.stderr)
        XCTAssertEqual(try FileManager.default.contentsOfDirectory(atPath: inbox.path), ["2.xml.p7s"], "the signature waits for its document")
    }

    /// An inbox that is not a folder, or a link to nothing (root reads any folder whatever its
    /// mode, so chmod 000 cannot be seen failing here): exit 3, one Romanian line naming it.
    func testAnInboxThatCannotBeReadExitsThreeWithOneLine() throws {
        let file = folder.appendingPathComponent("inbox-file")
        try Data("nu este un dosar".utf8).write(to: file)
        let dangling = folder.appendingPathComponent("inbox-link")
        try FileManager.default.createSymbolicLink(atPath: dangling.path, withDestinationPath: folder.appendingPathComponent("nicaieri").path)
        for inbox in [file, dangling] {
            let r = try ccm(["ingest", "--signatures", "off", "--inbox", inbox.path])
            XCTAssertEqual(r.status, 3, r.stderr)
            XCTAssertEqual(r.stderr.split(separator: "\n").count, 1, r.stderr)
            XCTAssertTrue(r.stderr.contains("inbox-ul \(inbox.path)"), r.stderr)
        }
        XCTAssertEqual(try String(contentsOf: file, encoding: .utf8), "nu este un dosar")
    }
}
