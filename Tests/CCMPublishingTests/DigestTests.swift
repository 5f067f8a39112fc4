@testable import CCMApp
@testable import CCMPublishing
import CCMSignature
import CCMTestSupport
import Foundation
import XCTest

/// SHA-256 has one helper (`Digest`): bytes, a file streamed in pieces, and the page's pinned assets.
final class DigestTests: XCTestCase {
    static let abc = "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"

    func testBytesAndAFileStreamedInPiecesGiveTheKnownDigest() throws {
        XCTAssertEqual(Digest.sha256Hex(Data("abc".utf8)), Self.abc, "FIPS 180-2's example")
        XCTAssertEqual(Digest.sha256Hex(Data()), "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855")
        let folder = try Paths.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        // Larger than one piece (1 MiB), not a multiple of it.
        let big = Data((0..<(3 << 20) + 17).map { UInt8(truncatingIfNeeded: $0 &* 31) })
        let file = folder.appendingPathComponent("big.xml")
        try big.write(to: file)
        let streamed = try Digest.sha256Hex(path: file.path)
        XCTAssertEqual(streamed.hex, Digest.sha256Hex(big))
        XCTAssertEqual(streamed.size, big.count)
        let small = folder.appendingPathComponent("abc.xml")
        try Data("abc".utf8).write(to: small)
        XCTAssertEqual(try Digest.sha256Hex(path: small.path).hex, Self.abc)
        XCTAssertThrowsError(try Digest.sha256Hex(path: folder.appendingPathComponent("absent.xml").path))
    }

    /// The page's Content-Security-Policy pins its inline style and script by their base64 SHA-256.
    func testThePagePinsItsInlineAssetsByTheirDigest() {
        XCTAssertEqual(CentralizerHTML.sha256("abc"), "sha256-ungWv48Bz+pBQUDeXa4iI7ADYaOWF3qctBD/YfIAFa0=")
        XCTAssertTrue(CentralizerHTML.contentSecurityPolicy.contains("style-src '\(CentralizerHTML.sha256(CentralizerHTML.css))'"))
    }
}
