import Foundation

/// Progress of a long run: on a terminal, one line rewritten in place (files, certificates,
/// rate, time left); under cron, a plain log line every 30 seconds.
final class IngestProgress {
    let started = Date()
    let terminal = isatty(STDERR_FILENO) == 1
    var files = 0, certificates = 0
    var lastShown = Date(timeIntervalSince1970: 0)
    var shown = false

    init() {}

    var bytes = 0

    /// `waiting`: the arrivals still queued for every worker and their bytes (asked only when a
    /// line is due).
    func advance(certificates n: Int, bytes size: Int, waiting: () -> (files: Int, bytes: Int)?) {
        files += 1
        certificates += n
        bytes += size
        let now = Date()
        guard now.timeIntervalSince(lastShown) >= (terminal ? 0.25 : 30) else { return }
        lastShown = now
        let elapsed = max(now.timeIntervalSince(started), 0.001)
        var line = "\(files) fișiere, \(certificates) certificate, \(Int(Double(certificates) / elapsed)) certificate/s"
        if let left = waiting() {
            line += ", în coadă \(left.files)"
            if left.files > 0, let t = IngestProgress.timeLeft(bytesLeft: left.bytes, bytesDone: bytes, elapsed: elapsed) {
                line += ", rămas ~" + IngestProgress.clock(t)
            }
        }
        if terminal {
            FileHandle.standardError.write(Data(("\r\u{1B}[K" + line).utf8))
            shown = true
            Log.progressShown = true
        } else {
            Log.info("progres: " + line)
        }
    }

    func end() {
        if terminal && shown && Log.progressShown { FileHandle.standardError.write(Data("\r\u{1B}[K".utf8)) }
        Log.progressShown = false
    }

    /// By bytes, not files: a month's files range from a few certificates to a hospital's
    /// 20,000, and a count of files made the first estimate after a hospital's file say 17 hours.
    static func timeLeft(bytesLeft: Int, bytesDone: Int, elapsed: Double) -> Double? {
        guard bytesDone > 0 else { return nil }
        return Double(bytesLeft) * elapsed / Double(bytesDone)
    }

    static func clock(_ seconds: Double) -> String {
        let s = Int(seconds.rounded())
        return s >= 3600 ? String(format: "%d:%02d:%02d", s / 3600, s / 60 % 60, s % 60) : String(format: "%d:%02d", s / 60, s % 60)
    }
}
