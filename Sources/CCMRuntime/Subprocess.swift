import CCMCore
import Foundation

/// Runs a helper program (initdb, pg_ctl, psql) and captures its output.
/// posix_spawn + waitpid rather than Foundation's Process: `pg_ctl start` leaves a server
/// running that inherits descriptors, and Process was seen to wait forever for it. Output
/// goes to temporary files for the same reason (a pipe would never reach its end).
public enum Subprocess {
    public struct Result {
        public var status: Int32
        public var stdout: Data
        public var stderr: Data
        /// Standard output and error together, as text.
        public var output: String { String(decoding: stdout + stderr, as: UTF8.self) }
    }

    public static func run(_ executable: String, _ arguments: [String], environment: [String: String]? = nil) throws -> Result {
        let dir = FileManager.default.temporaryDirectory
        let out = dir.appendingPathComponent("ccm-\(UUID().uuidString).out")
        let err = dir.appendingPathComponent("ccm-\(UUID().uuidString).err")
        defer { try? FileManager.default.removeItem(at: out); try? FileManager.default.removeItem(at: err) }
        let pid = try start(executable, arguments, environment: environment, stdout: out.path, stderr: err.path)
        return Result(status: wait(pid), stdout: (try? Data(contentsOf: out)) ?? Data(), stderr: (try? Data(contentsOf: err)) ?? Data())
    }

    /// Starts a process with standard input from /dev/null and its output in the files given
    /// (nil: shared with this process, as a sibling worker's is); the caller waits for it.
    public static func start(_ executable: String, _ arguments: [String], environment: [String: String]? = nil,
                             stdout: String? = nil, stderr: String? = nil) throws -> pid_t {
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
        if let stdout { posix_spawn_file_actions_addopen(&actions, 1, stdout, O_WRONLY | O_CREAT | O_TRUNC, 0o600) }
        if let stderr { posix_spawn_file_actions_addopen(&actions, 2, stderr, O_WRONLY | O_CREAT | O_TRUNC, 0o600) }
        let argv = ([executable] + arguments).map { strdup($0) } + [nil]
        defer { argv.forEach { free($0) } }
        let envp: [UnsafeMutablePointer<CChar>?]? = environment.map { env in env.map { strdup("\($0.key)=\($0.value)") } + [nil] }
        defer { envp?.forEach { free($0) } }
        var pid: pid_t = 0
        let rc = envp.map { e in e.withUnsafeBufferPointer { posix_spawn(&pid, executable, &actions, nil, argv, UnsafeMutablePointer(mutating: $0.baseAddress)) } }
            ?? posix_spawn(&pid, executable, &actions, nil, argv, environ)
        guard rc == 0 else { throw AppError.unavailable("nu pot porni \(executable): \(SystemReason.posix(rc))") }
        return pid
    }

    /// The exit code of a started process (128 + signal when it was killed).
    public static func wait(_ pid: pid_t) -> Int32 {
        var status: Int32 = 0
        while waitpid(pid, &status, 0) < 0 && errno == EINTR {}
        return (status & 0x7f) == 0 ? (status >> 8) & 0xff : 128 + (status & 0x7f)
    }
}
