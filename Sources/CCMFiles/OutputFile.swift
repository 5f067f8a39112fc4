import CCMCore
import Foundation

/// A file a command writes where the user said (`--output`, the publishing folder): a failure is
/// one Romanian line naming the file and its folder, with the system's reason after it.
public enum OutputFile {
    /// Why `path` cannot be written, before anything is rendered; nil when it can be tried.
    public static func problem(_ path: String) -> String? {
        let folder = URL(fileURLWithPath: path).deletingLastPathComponent().path
        var isFolder: ObjCBool = false
        guard FileManager.default.fileExists(atPath: folder, isDirectory: &isFolder) else {
            return "nu pot scrie \(path): dosarul \(folder) nu există"
        }
        guard isFolder.boolValue else { return "nu pot scrie \(path): \(folder) nu este un dosar" }
        guard access(folder, W_OK | X_OK) == 0 else {
            return "nu pot scrie \(path): dosarul \(folder) nu permite scrierea (\(SystemReason.posix(errno)))"
        }
        if FileManager.default.fileExists(atPath: path, isDirectory: &isFolder), isFolder.boolValue {
            return "nu pot scrie \(path): este un dosar"
        }
        return nil
    }

    /// Writes atomically (a temporary file renamed over `path`).
    public static func write(_ data: Data, to path: String) throws {
        if let problem = problem(path) { throw AppError.usage(problem) }
        do { try data.write(to: URL(fileURLWithPath: path), options: .atomic) } catch {
            throw AppError.usage("nu pot scrie \(path) în dosarul \(URL(fileURLWithPath: path).deletingLastPathComponent().path): \(AppError.systemReason(error))")
        }
    }
}
