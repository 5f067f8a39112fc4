import CCMCore
import Foundation
import XCTest
@testable import CCMApp

/// The progress line's time left, reckoned from the queue's bytes and how fast every worker
/// takes them, and the per-file lines a terminal shows.
final class IngestProgressTests: XCTestCase {
    /// A month of uneven files (mostly a few KB, some MB, a few hospitals' 10–30 MB) taken by
    /// `workers` from one queue: each file costs a fixed 20 ms plus its bytes at 5 MB/s. The
    /// queue is sampled every quarter second, as the terminal's line is; returns the worst factor
    /// between the estimate and the true time left over the middle 80% of the run.
    func worstFactor(workers: Int, files: Int, hospitals: Double, seed: UInt64) -> Double {
        var state = seed
        func random() -> Double {
            state = state &* 6364136223846793005 &+ 1442695040888963407
            return Double(state >> 11) / Double(1 << 53)
        }
        var sizes: [Int] = []
        for _ in 0..<files {
            let kind = random(), within = random()
            sizes.append(kind < 0.86 - hospitals ? Int(5_000 + within * 45_000)
                         : kind < 1 - hospitals ? Int(100_000 + within * 1_900_000) : Int(10e6 + within * 20e6))
        }
        var free = Array(repeating: 0.0, count: workers)
        var claims: [(time: Double, size: Int)] = []
        for size in sizes {
            let w = free.indices.min { free[$0] < free[$1] }!
            claims.append((free[w], size))
            free[w] += 0.02 + Double(size) / 5e6
        }
        let end = free.max()!
        var left = sizes.reduce(0, +), next = 0, worst = 1.0
        var estimator = TimeLeftEstimator()
        for step in 0..<Int(end / 0.25) {
            let t = Double(step) * 0.25
            while next < claims.count && claims[next].time <= t { left -= claims[next].size; next += 1 }
            estimator.observe(time: t, bytesLeft: left)
            guard left > 0, t >= 0.1 * end, t <= 0.9 * end, let estimate = estimator.timeLeft(bytesLeft: left) else { continue }
            let factor = estimate / (end - t)
            worst = max(worst, factor, 1 / factor)
        }
        return worst
    }

    func testTheTimeLeftHoldsOverAMonthOfUnevenFiles() {
        for seed: UInt64 in [1, 7, 42] {
            XCTAssertLessThan(worstFactor(workers: 1, files: 3000, hospitals: 0.003, seed: seed), 1.5, "seed \(seed)")
        }
    }

    /// Four workers on one queue: the queue goes down four times as fast as one worker's own
    /// files, and the estimate follows the queue (one worker's own pace said 4× too long).
    func testTheTimeLeftHoldsWithSeveralWorkers() {
        for seed: UInt64 in [1, 7] {
            XCTAssertLessThan(worstFactor(workers: 4, files: 10000, hospitals: 0.002, seed: seed), 1.5, "seed \(seed)")
        }
    }

    func testAHospitalsFileDoesNotMakeItSayHours() {
        // 20 MB done in 20 s, then 20 MB left in 19,999 small files: about 20 s more.
        var e = TimeLeftEstimator()
        e.observe(time: 0, bytesLeft: 40 << 20)
        e.observe(time: 20, bytesLeft: 20 << 20)
        XCTAssertEqual(e.timeLeft(bytesLeft: 20 << 20) ?? -1, 20, accuracy: 0.001)
    }

    func testNoEstimateBeforeTheQueueMoves() {
        var e = TimeLeftEstimator()
        XCTAssertNil(e.timeLeft(bytesLeft: 100))
        e.observe(time: 0, bytesLeft: 100)
        XCTAssertNil(e.timeLeft(bytesLeft: 100))
        e.observe(time: 5, bytesLeft: 100)
        XCTAssertNil(e.timeLeft(bytesLeft: 100))
    }

    func testArrivalsDuringTheRunDoNotCountAsNegativeProgress() {
        var e = TimeLeftEstimator()
        e.observe(time: 0, bytesLeft: 1000)
        e.observe(time: 10, bytesLeft: 500)
        e.observe(time: 11, bytesLeft: 5000)
        XCTAssertEqual(e.rate ?? -1, 50, accuracy: 0.001)
    }

    /// On a terminal only refused files get a line (unless --verbose); under cron every file does.
    func testPerFileLinesOnATerminalOnlyForRefusals() {
        for status in [DocumentStatus.inregistrat, .duplicat] {
            XCTAssertFalse(IngestProgress.showsFileLine(status, terminal: true, verbose: false))
            XCTAssertTrue(IngestProgress.showsFileLine(status, terminal: true, verbose: true))
            XCTAssertTrue(IngestProgress.showsFileLine(status, terminal: false, verbose: false))
        }
        XCTAssertTrue(IngestProgress.showsFileLine(.respins, terminal: true, verbose: false))
    }

    func testTheClockReadsMinutesThenHours() {
        XCTAssertEqual(IngestProgress.clock(59), "0:59")
        XCTAssertEqual(IngestProgress.clock(3725), "1:02:05")
    }
}
