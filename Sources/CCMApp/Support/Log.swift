import Foundation

/// One line per event on standard error. Callers pass file names, codes and counts; never a
/// CNP, a name of an insured person or a diagnosis.
public enum Log {
    public static func info(_ message: String) { write("info", message) }
    public static func warn(_ message: String) { write("warn", message) }
    public static func error(_ message: String) { write("error", message) }

    static func write(_ level: String, _ message: String) {
        let f = ISO8601DateFormatter()
        f.formatOptions = [.withInternetDateTime]
        let line = "\(f.string(from: Date())) ccm \(level): \(message)\n"
        FileHandle.standardError.write(Data(line.utf8))
    }
}
