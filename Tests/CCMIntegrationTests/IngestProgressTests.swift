import XCTest
@testable import CCMApp

/// The progress line's time left is reckoned by bytes, so that one hospital's file at the start
/// of a month of small ones does not make it say hours.
final class IngestProgressTests: XCTestCase {
    func testTimeLeftFollowsTheBytesNotTheFiles() {
        // One 20 MB file in 20 s, 20 MB left in 19,999 small files: about 20 s more, not 111 hours.
        XCTAssertEqual(IngestProgress.timeLeft(bytesLeft: 20 << 20, bytesDone: 20 << 20, elapsed: 20) ?? -1, 20, accuracy: 0.001)
        XCTAssertEqual(IngestProgress.timeLeft(bytesLeft: 3000, bytesDone: 1000, elapsed: 10) ?? -1, 30, accuracy: 0.001)
    }

    func testNoEstimateBeforeAnyByteIsDone() {
        XCTAssertNil(IngestProgress.timeLeft(bytesLeft: 100, bytesDone: 0, elapsed: 5))
    }

    func testTheClockReadsMinutesThenHours() {
        XCTAssertEqual(IngestProgress.clock(59), "0:59")
        XCTAssertEqual(IngestProgress.clock(3725), "1:02:05")
    }
}
