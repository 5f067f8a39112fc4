import CCMCore
import CCMStore
import Foundation
import Logging
import Synchronization

/// One line per event on standard error, through swift-log. Callers pass file names, codes and
/// counts; never a CNP, a name of an insured person or a diagnosis.
public enum Log {
    /// A progress line drawn in place on a terminal is cleared before the next event (IngestProgress draws it again).
    public static let progressShown = Atomic(false)
    /// Its own handler, not `LoggingSystem.bootstrap`: the format is ccm's whoever else logs in the process.
    public static let logger = Logger(label: "ccm") { _ in StandardErrorLine() }

    public static func info(_ message: String) { logger.info("\(message)") }
    public static func warn(_ message: String) { logger.warning("\(message)") }
    public static func error(_ message: String) { logger.error("\(message)") }
}

/// `2026-11-10T08:00:00Z ccm info: …`: what the operator reads and the tests grep.
public struct StandardErrorLine: LogHandler {
    public var metadata: Logger.Metadata = [:]
    public var logLevel: Logger.Level = .info

    public init() {}

    public subscript(metadataKey key: String) -> Logger.Metadata.Value? {
        get { metadata[key] }
        set { metadata[key] = newValue }
    }

    public func log(event: LogEvent) {
        let clear = Log.progressShown.exchange(false, ordering: .relaxed) ? "\r\u{1B}[K" : ""
        FileHandle.standardError.write(Data((clear + Self.line(event.level, event.message.description, at: Date())).utf8))
    }

    /// One event, one line: whatever a file name or a library put in the message is written out, never obeyed.
    /// Metadata is not written: ccm passes none, and a value there would escape the privacy review of messages.
    public static func line(_ level: Logger.Level, _ message: String, at: Date) -> String {
        let name: String
        switch level {
        case .warning: name = "warn"
        case .error, .critical: name = "error"
        default: name = "info"
        }
        return "\(Timestamps.utc(at, milliseconds: false)) ccm \(name): \(ReflectedText.escaped(message))\n"
    }
}
