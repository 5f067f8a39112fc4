import CCMCore
import Foundation
import XCTest

final class InternetTimeTests: XCTestCase {
    private func formatter(_ text: String) -> Date? {
        let f = ISO8601DateFormatter()
        f.formatOptions = [.withInternetDateTime]
        return f.date(from: text)
    }

    func testTheCommonShapeIsRead() {
        XCTAssertEqual(InternetTime.seconds("2026-11-10T10:00:00+02:00"), 1_794_297_600)
        XCTAssertEqual(InternetTime.seconds("2026-11-10T08:00:00Z"), 1_794_297_600)
        XCTAssertEqual(InternetTime.seconds("2026-11-10T03:30:00-04:30"), 1_794_297_600)
        XCTAssertEqual(InternetTime.seconds("1970-01-01T00:00:00Z"), 0)
        XCTAssertEqual(InternetTime.seconds("2024-02-29T23:59:59+14:00"), Int(formatter("2024-02-29T23:59:59+14:00")!.timeIntervalSince1970))
    }

    /// What it leaves to the formatter: other shapes, and impossible days, times and offsets.
    func testAnythingElseIsLeftToTheFormatter() {
        for text in ["", "2026-11-10", "2026-11-10T10:00:00", "2026-11-10T10:00:00.5Z", "2026-11-10 10:00:00Z",
                     "2026-11-10T10:00:00+0200", "2026-11-10t10:00:00Z", "2026-11-10T10:00:00z", "2026-02-29T10:00:00Z",
                     "2026-13-01T10:00:00Z", "2026-11-00T10:00:00Z", "2026-11-10T24:00:00Z", "2026-11-10T10:60:00Z",
                     "2026-11-10T10:00:60Z", "2026-11-10T10:00:00+14:01", "2026-11-10T10:00:00+15:00", "2026-11-10T10:00:00+02:60",
                     "0000-01-01T00:00:00Z", "1582-12-31T00:00:00Z", "２026-11-10T10:00:00Z", "2026-11-10T10:00:00+02:00\n", " 2026-11-10T10:00:00Z"] {
            XCTAssertNil(InternetTime.seconds(text), text.debugDescription)
        }
    }

    /// Every moment it reads is the instant Foundation's formatter reads, over random fields of
    /// the shape (invalid ones among them: those it must leave).
    func testItReadsWhatTheFormatterReads() {
        var seed: UInt64 = 0x9E3779B97F4A7C15
        func next(_ n: Int) -> Int {
            seed = seed &* 6364136223846793005 &+ 1442695040888963407
            return Int((seed >> 33) % UInt64(n))
        }
        func two(_ n: Int) -> String { n < 10 ? "0\(n)" : "\(n)" }
        var read = 0, left = 0
        for _ in 0..<3000 {
            let year = [1 + next(9999), 1900 + next(200), 2026][next(3)]
            let offset = next(3) == 0 ? "Z" : (next(2) == 0 ? "+" : "-") + two(next(16)) + ":" + two(next(62))
            let text = "\(year)-\(two(next(14)))-\(two(next(33)))T\(two(next(26))):\(two(next(62))):\(two(next(62)))\(offset)"
            guard let seconds = InternetTime.seconds(text) else { left += 1; continue }
            XCTAssertEqual(formatter(text).map { $0.timeIntervalSince1970 }, TimeInterval(seconds), text)
            read += 1
        }
        XCTAssertGreaterThan(read, 300)
        XCTAssertGreaterThan(left, 300)
    }
}
