@testable import CCMApp
import Foundation
import XCTest

/// What lies directly in the inbox is ccm's to move; anything else named is only copied.
final class InboxOwnershipTests: XCTestCase {
    private var dir: URL!

    override func setUpWithError() throws {
        dir = FileManager.default.temporaryDirectory.appendingPathComponent("ccm-owns-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir.appendingPathComponent("inbox/sub"), withIntermediateDirectories: true)
        try FileManager.default.createDirectory(at: dir.appendingPathComponent("inbox2"), withIntermediateDirectories: true)
        try FileManager.default.createSymbolicLink(atPath: dir.appendingPathComponent("link").path, withDestinationPath: dir.appendingPathComponent("inbox").path)
    }
    override func tearDown() { try? FileManager.default.removeItem(at: dir) }

    func testOnlyAFileDirectlyInTheInboxIsOwnedHoweverItsPathIsWritten() {
        let inbox = Inbox(dir.appendingPathComponent("inbox"))
        let root = dir.standardizedFileURL.path
        XCTAssertTrue(inbox.owns("\(root)/inbox/a.xml"), "a scanned file's path")
        XCTAssertTrue(inbox.owns("\(root)/inbox/./a.xml"), "a path not standardized")
        XCTAssertTrue(inbox.owns("\(root)/inbox/sub/../a.xml"))
        XCTAssertTrue(inbox.owns("\(root)/link/a.xml"), "through a link to the inbox")
        XCTAssertFalse(inbox.owns("\(root)/inbox/sub/a.xml"), "a folder inside the inbox")
        XCTAssertFalse(inbox.owns("\(root)/inbox2/a.xml"), "a folder whose name begins as the inbox's")
        XCTAssertFalse(inbox.owns("\(root)/a.xml"), "the inbox's parent")
        XCTAssertFalse(inbox.owns("\(root)/inbox"), "the inbox itself")
        XCTAssertFalse(inbox.owns("a.xml"), "a relative name outside it")
    }
}

/// A folder's entries get the paths a URL would give them, however the folder is written.
final class InboxScanPathTests: XCTestCase {
    private var dir: URL!

    override func setUpWithError() throws {
        dir = FileManager.default.temporaryDirectory.appendingPathComponent("ccm-scanpaths-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir.appendingPathComponent("inbox/sub"), withIntermediateDirectories: true)
    }
    override func tearDown() { try? FileManager.default.removeItem(at: dir) }

    func testEachEntryOfAFolderHasItsStandardizedPathAndIsOwned() throws {
        let names = ["a.xml", "b c.xml", "ș%20.xml", "d.XML", "e.xml.p7s", "f\r\n=SUM(1).xml"]
        for n in names { try Data("<x/>".utf8).write(to: dir.appendingPathComponent("inbox").appendingPathComponent(n)) }
        let root = dir.standardizedFileURL.path
        let inbox = Inbox(dir.appendingPathComponent("inbox"))
        for written in ["\(root)/inbox", "\(root)/inbox/", "\(root)/inbox/./sub/..", "\(root)//inbox"] {
            let scan = try InboxScanner.scan([written], inbox: inbox, receivedAt: Date(timeIntervalSince1970: 1_800_000_000))
            let expected = names.filter { $0.lowercased().hasSuffix(".xml") }
                .map { URL(fileURLWithPath: root).appendingPathComponent("inbox").appendingPathComponent($0).standardizedFileURL.path }
            XCTAssertEqual(Set(scan.files.map(\.path)), Set(expected), written)
            XCTAssertTrue(scan.files.allSatisfy { inbox.owns($0.path) }, written)
        }
        let lone = InboxScanner.loneSignatures(["\(root)/inbox/./sub/.."])
        XCTAssertEqual(lone.map(\.file), ["e.xml.p7s"], "a signature whose document is not beside it")
    }
}
