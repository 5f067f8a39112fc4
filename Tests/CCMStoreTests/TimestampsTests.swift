@testable import CCMStore
import Foundation
import XCTest

/// The times ccm sends PostgreSQL as text: the same strings as the formatting they replaced.
final class TimestampsTests: XCTestCase {
    /// The earlier formatting (gmtime_r and a string per field), as the oracle.
    func earlier(_ d: Date, milliseconds: Bool) -> String {
        let t = d.timeIntervalSince1970
        var whole = t.rounded(.down)
        var ms = Int(((t - whole) * 1000).rounded())
        if ms >= 1000 { whole += 1; ms -= 1000 }
        if !milliseconds && ms >= 500 { whole += 1 }
        var seconds = time_t(whole)
        var parts = tm()
        gmtime_r(&seconds, &parts)
        func pad(_ v: Int, _ width: Int) -> String {
            let s = String(v)
            return s.count >= width ? s : String(repeating: "0", count: width - s.count) + s
        }
        let date = "\(pad(Int(parts.tm_year) + 1900, 4))-\(pad(Int(parts.tm_mon) + 1, 2))-\(pad(Int(parts.tm_mday), 2))"
        let time = "\(pad(Int(parts.tm_hour), 2)):\(pad(Int(parts.tm_min), 2)):\(pad(Int(parts.tm_sec), 2))"
        return date + "T" + time + (milliseconds ? "." + pad(ms, 3) : "") + "Z"
    }

    func testEveryTimeIsWrittenAsBeforeToTheMillisecond() {
        XCTAssertEqual(Timestamps.utc(Date(timeIntervalSince1970: 1_794_297_600), milliseconds: true), "2026-11-10T08:00:00.000Z")
        XCTAssertEqual(Timestamps.utc(Date(timeIntervalSince1970: -0.0004), milliseconds: true), "1970-01-01T00:00:00.000Z")
        var times: [Double] = [0, -1, -0.5, 0.9995, 59.9996, 86_399.9999, 86_400, 951_782_400, 4_102_444_799.9996, -2_208_988_800,
                               253_402_300_799.999, -62_135_596_800, 1_000_000_000.0005, 1_000_000_000.4995]
        var generator = SplitMix(state: 20_261_207)
        for _ in 0..<20_000 { times.append(Double.random(in: -62_135_596_800...253_402_300_799, using: &generator)) }
        for _ in 0..<2_000 { times.append(Double(Int.random(in: -100_000...100_000, using: &generator)) / 1000 + 1_794_297_600) }
        for t in times {
            let d = Date(timeIntervalSince1970: t)
            XCTAssertEqual(Timestamps.utc(d, milliseconds: true), earlier(d, milliseconds: true), "\(t)")
            XCTAssertEqual(Timestamps.utc(d, milliseconds: false), earlier(d, milliseconds: false), "\(t)")
        }
    }
}

/// A seeded generator: the same times at every run.
struct SplitMix: RandomNumberGenerator {
    var state: UInt64
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}
