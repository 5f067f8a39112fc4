import Foundation

/// Why a command could not do its job, with the exit code of `05-cli.md`.
public enum AppError: Error, CustomStringConvertible, Sendable {
    /// 1: wrong usage or configuration.
    case usage(String)
    /// 2: the database or another needed service is unreachable.
    case unavailable(String)
    /// 3: some files could not be processed for a system reason.
    case filesLeft(Int)
    /// 3: for a system reason, nothing could be processed (an inbox that cannot be read) or some
    /// messages were not delivered; they stay for the next run (which and why).
    case leftForLater(String)

    public var exitCode: Int32 {
        switch self {
        case .usage: return 1
        case .unavailable: return 2
        case .filesLeft, .leftForLater: return 3
        }
    }

    public var description: String {
        switch self {
        case .usage(let m), .unavailable(let m), .leftForLater(let m): return m
        case .filesLeft(let n): return "\(n) fișiere nu au putut fi procesate și au rămas în inbox"
        }
    }

    /// Maps any error to what the operator should see and the exit code.
    public static func from(_ error: Error) -> AppError {
        switch error {
        case let e as AppError: return e
        case let e as AppErrorConvertible: return e.appError
        default:
            // A Foundation failure nobody caught: the file it names and the system's reason, not its domain and code.
            let ns = error as NSError
            guard ns.domain == NSCocoaErrorDomain || ns.domain == NSPOSIXErrorDomain else { return .usage("\(error)") }
            let path = ns.userInfo[NSFilePathErrorKey] as? String ?? (ns.userInfo[NSURLErrorKey] as? URL)?.path
            return .usage("eroare de sistem" + (path.map { " la \($0)" } ?? "") + ": " + systemReason(error))
        }
    }

    /// The system's reason for a Foundation failure, in Romanian where it is a common one, never
    /// Foundation's domain and code.
    public static func systemReason(_ error: Error) -> String {
        let ns = error as NSError
        if let underlying = ns.userInfo[NSUnderlyingErrorKey] as? NSError, underlying.domain == NSPOSIXErrorDomain {
            return SystemReason.posix(Int32(underlying.code))
        }
        if ns.domain == NSPOSIXErrorDomain { return SystemReason.posix(Int32(ns.code)) }
        if ns.domain == NSCocoaErrorDomain, let reason = SystemReason.cocoa(ns.code) { return reason }
        return ns.localizedFailureReason ?? "eroare de sistem \(ns.code)"
    }
}

/// An adapter's failure that knows its exit code (the store's: a connection string is usage,
/// an unreachable server is unavailable); `AppError.from` asks it.
public protocol AppErrorConvertible: Error {
    var appError: AppError { get }
}
