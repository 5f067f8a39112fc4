import Foundation

/// Runs a helper program (initdb, pg_ctl, psql) and captures its output.
/// posix_spawn + waitpid rather than Foundation's Process: `pg_ctl start` leaves a server
/// running that inherits descriptors, and Process was seen to wait forever for it. Output
/// goes to a temporary file for the same reason (a pipe would never reach its end).
enum Subprocess {
    struct Result { var status: Int32; var output: String }

    static func run(_ executable: String, _ arguments: [String]) throws -> Result {
        let tmp = FileManager.default.temporaryDirectory.appendingPathComponent("ccm-\(UUID().uuidString).out")
        defer { try? FileManager.default.removeItem(at: tmp) }
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
        posix_spawn_file_actions_addopen(&actions, 1, tmp.path, O_WRONLY | O_CREAT | O_TRUNC, 0o600)
        posix_spawn_file_actions_adddup2(&actions, 1, 2)
        let argv = ([executable] + arguments).map { strdup($0) } + [nil]
        defer { argv.forEach { free($0) } }
        var pid: pid_t = 0
        let rc = posix_spawn(&pid, executable, &actions, nil, argv, environ)
        guard rc == 0 else { throw AppError.unavailable("nu pot porni \(executable): \(String(cString: strerror(rc)))") }
        var status: Int32 = 0
        while waitpid(pid, &status, 0) < 0 && errno == EINTR {}
        let data = (try? Data(contentsOf: tmp)) ?? Data()
        let exit = (status & 0x7f) == 0 ? (status >> 8) & 0xff : 128 + (status & 0x7f)
        return Result(status: exit, output: String(decoding: data, as: UTF8.self))
    }
}
