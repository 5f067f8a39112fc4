@testable import CCMApp
import CCMSignature
import CCMTestSupport
import CCMXML
import Foundation
import XCTest

/// A held file is read once: its digest, its parse and its signatures come from one buffer.
final class PreparedFileTests: XCTestCase {
    private var dir: URL!

    override func setUpWithError() throws {
        dir = FileManager.default.temporaryDirectory.appendingPathComponent("ccm-prepared-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
    }
    override func tearDown() { try? FileManager.default.removeItem(at: dir) }

    func testEveryByteIsReadWhateverTheSizeExpectedAndNoMoreThanTheLimit() throws {
        let bytes = Data((0..<70_000).map { UInt8($0 % 251) })
        let path = dir.appendingPathComponent("a.xml").path
        try bytes.write(to: URL(fileURLWithPath: path))
        let fd = open(path, O_RDONLY)
        XCTAssertGreaterThanOrEqual(fd, 0)
        defer { close(fd) }
        XCTAssertEqual(try PreparedFile.readAll(fd, expected: 10, atMost: 1 << 20), bytes, "a file grown since its stamp")
        XCTAssertEqual(try PreparedFile.readAll(fd, expected: bytes.count, atMost: 1 << 20), bytes)
        XCTAssertEqual(try PreparedFile.readAll(fd, expected: bytes.count, atMost: 1000).count, 1000)
        let empty = dir.appendingPathComponent("b.xml").path
        try Data().write(to: URL(fileURLWithPath: empty))
        let fe = open(empty, O_RDONLY)
        defer { close(fe) }
        XCTAssertEqual(try PreparedFile.readAll(fe, expected: 0, atMost: 1 << 20), Data())
    }

    func testAHeldFileIsDigestedAndReadAsTheStreamingPathWould() throws {
        let source = Paths.sampleData.appendingPathComponent("inbox/CCM_16353246_202610_I_1.xml")
        let path = dir.appendingPathComponent("CCM_16353246_202610_I_1.xml").path
        try FileManager.default.copyItem(atPath: source.path, toPath: path)
        let reader = SubmissionReader(schema: SharedSchema.schema, limits: ReadLimits())
        let file = InboxFile(path: path, receivedAt: Date(timeIntervalSince1970: 1_794_297_600))
        let prepared = try XCTUnwrap(try PreparedFile.prepare(file, reader: reader, gate: nil, rules: SharedSchema.rules))
        let digest = try Digest.sha256Hex(path: path)
        XCTAssertEqual(prepared.sha256, digest.hex)
        XCTAssertEqual(prepared.size, digest.size)
        XCTAssertNil(prepared.unsettled)
        let content = try XCTUnwrap(prepared.content)
        let streamed = SubmissionRecorder()
        let read = reader.read(path: path, into: streamed)
        XCTAssertEqual(content.header, streamed.header)
        XCTAssertEqual(content.certificates.count, streamed.certificates.count)
        XCTAssertGreaterThan(content.certificates.count, 0)
        XCTAssertEqual(content.read.findings, read.findings)
        XCTAssertEqual(content.read.tally, read.tally)
    }
}
