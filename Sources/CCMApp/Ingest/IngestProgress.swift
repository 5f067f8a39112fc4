import CCMCore
import CCMRuntime
import Foundation

/// Progress of a long run: on a terminal, one line rewritten in place (files, certificates,
/// rate, time left); under cron, a plain log line every 30 seconds.
final class IngestProgress {
    let started = Date()
    let terminal: Bool
    var files = 0, certificates = 0
    var lastShown = Date(timeIntervalSince1970: 0)
    var shown = false
    var estimator = TimeLeftEstimator()

    init(terminal: Bool = IngestProgress.onTerminal) { self.terminal = terminal }

    static var onTerminal: Bool { isatty(STDERR_FILENO) == 1 }

    /// On a terminal, a line per file would push the progress away: only the files a person must
    /// act on (refused) get one there, unless `verbose`; under cron, every file has its line.
    static func showsFileLine(_ status: DocumentStatus, terminal: Bool, verbose: Bool) -> Bool {
        !terminal || verbose || status == .respins
    }

    /// The queue before the first file: where the estimate of the time left starts from.
    func begin(waiting: () -> (files: Int, bytes: Int)?) {
        if let left = waiting() { estimator.observe(time: 0, bytesLeft: left.bytes) }
    }

    /// `waiting`: the arrivals still queued for every worker and their bytes (asked only when a
    /// line is due).
    func advance(certificates n: Int, waiting: () -> (files: Int, bytes: Int)?) {
        files += 1
        certificates += n
        let now = Date()
        guard now.timeIntervalSince(lastShown) >= (terminal ? 0.25 : 30) else { return }
        lastShown = now
        let elapsed = max(now.timeIntervalSince(started), 0.001)
        var line = RomanianCount.of(files, "fișier", "fișiere") + ", " + RomanianCount.of(certificates, "certificat", "certificate")
            + ", \(Int(Double(certificates) / elapsed)) certificate/s"
        if let left = waiting() {
            estimator.observe(time: elapsed, bytesLeft: left.bytes)
            line += ", în coadă \(left.files)"
            if left.files > 0, let t = estimator.timeLeft(bytesLeft: left.bytes) {
                line += ", rămas ~" + IngestProgress.clock(t)
            }
        }
        if terminal {
            FileHandle.standardError.write(Data(("\r\u{1B}[K" + line).utf8))
            shown = true
            Log.progressShown.store(true, ordering: .relaxed)
        } else {
            Log.info("progres: " + line)
        }
    }

    func end() {
        if Log.progressShown.exchange(false, ordering: .relaxed) && terminal && shown {
            FileHandle.standardError.write(Data("\r\u{1B}[K".utf8))
        }
    }

    static func clock(_ seconds: Double) -> String {
        let s = Int(min(seconds, 359_999).rounded())
        return s >= 3600 ? String(format: "%d:%02d:%02d", s / 3600, s / 60 % 60, s % 60) : String(format: "%d:%02d", s / 60, s % 60)
    }
}
