import Foundation

/// The time left of a run, from the bytes still queued (every worker's) and how fast they go
/// down, smoothed over the last half of the run (at least `minimumWindow` seconds). By bytes, not
/// files: a month's files range from a few certificates to a hospital's 20,000; by the queue, not
/// this worker's own pace, so that several workers sharing it do not make it several times too long.
public struct TimeLeftEstimator {
    public let minimumWindow: Double
    /// Bytes per second, smoothed; nil until two observations apart in time.
    public private(set) var rate: Double?
    var last: (time: Double, bytesLeft: Int)?

    public init(minimumWindow: Double = 10) { self.minimumWindow = minimumWindow }

    /// `time`: seconds since the run started; `bytesLeft`: the bytes still queued then.
    public mutating func observe(time: Double, bytesLeft: Int) {
        defer { last = (time, bytesLeft) }
        guard let last, time > last.time, bytesLeft <= last.bytesLeft else { return }
        let dt = time - last.time
        let now = Double(last.bytesLeft - bytesLeft) / dt
        guard let rate else { rate = now; return }
        // Weighted by the time each observation covers: a long file counts for as long as it took.
        self.rate = rate + (1 - exp(-dt / max(minimumWindow, time / 2))) * (now - rate)
    }

    public func timeLeft(bytesLeft: Int) -> Double? {
        guard let rate, rate > 0 else { return nil }
        return Double(bytesLeft) / rate
    }
}
