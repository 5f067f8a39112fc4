import CCMStore
import Foundation

/// One line per event on standard error. Callers pass file names, codes and counts; never a
/// CNP, a name of an insured person or a diagnosis.
public enum Log {
    static var progressShown = false

    public static func info(_ message: String) { write("info", message) }
    public static func warn(_ message: String) { write("warn", message) }
    public static func error(_ message: String) { write("error", message) }

    static func write(_ level: String, _ message: String) {
        // A progress line drawn in place on a terminal is cleared first (IngestProgress draws it again).
        let line = (progressShown ? "\r\u{1B}[K" : "") + "\(Timestamps.utc(Date(), milliseconds: false)) ccm \(level): \(message)\n"
        progressShown = false
        FileHandle.standardError.write(Data(line.utf8))
    }
}
