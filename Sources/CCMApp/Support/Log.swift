import CCMCore
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
        // One event, one line: whatever a file name or a library put in the message is written out, never obeyed.
        let line = (progressShown ? "\r\u{1B}[K" : "") + "\(Timestamps.utc(Date(), milliseconds: false)) ccm \(level): \(ReflectedText.escaped(message))\n"
        progressShown = false
        FileHandle.standardError.write(Data(line.utf8))
    }
}
