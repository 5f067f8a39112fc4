import CCMApp
import CCMRuntime
import Foundation

/// Runs the real `ccm` executable (through posix_spawn: Foundation's Process waits forever
/// when ccm leaves the embedded PostgreSQL running behind it).
public enum CLI {
    /// Stops the embedded cluster of a test's CCM_HOME and removes it, with the folder it may live
    /// in under /var/lib/ccm/embedded when ccm runs as root (each test home would leave one).
    public static func discardEmbedded(home: URL) {
        _ = try? run(["db", "stop"], env: ["CCM_HOME": home.path])
        let cluster = home.appendingPathComponent("postgres").resolvingSymlinksInPath()
        if cluster.path.hasPrefix("/var/lib/ccm/embedded/") { try? FileManager.default.removeItem(at: cluster) }
        try? FileManager.default.removeItem(at: home)
    }

    public struct Result: Sendable { public var status: Int32; public var stdout: String; public var stderr: String; public var stdoutBytes: Data }

    public static func run(_ args: [String], env extra: [String: String] = [:]) throws -> Result {
        var env = ProcessInfo.processInfo.environment
        for k in ["CCM_DATABASE_URL", "CCM_DATABASE_URL_CITIRE", "CCM_CASA", "CCM_MEDIU", "CCM_CONFIG"] { env[k] = nil }
        for (k, v) in extra { env[k] = v }
        let r = try Subprocess.run(Paths.ccm, args, environment: env)
        return Result(status: r.status, stdout: String(decoding: r.stdout, as: UTF8.self),
                      stderr: String(decoding: r.stderr, as: UTF8.self), stdoutBytes: r.stdout)
    }

    /// Runs `ccm` on a pseudo-terminal (util-linux `script`), as a person at a terminal would:
    /// its standard output and error both arrive in `stdout`.
    public static func runOnTerminal(_ args: [String], env extra: [String: String] = [:]) throws -> Result {
        let quoted = ([Paths.ccm] + args).map { "'" + $0.replacingOccurrences(of: "'", with: "'\\''") + "'" }.joined(separator: " ")
        var env = ProcessInfo.processInfo.environment
        for k in ["CCM_DATABASE_URL", "CCM_DATABASE_URL_CITIRE", "CCM_CASA", "CCM_MEDIU", "CCM_CONFIG"] { env[k] = nil }
        for (k, v) in extra { env[k] = v }
        let r = try Subprocess.run("/usr/bin/script", ["-qfec", quoted, "/dev/null"], environment: env)
        return Result(status: r.status, stdout: String(decoding: r.stdout, as: UTF8.self),
                      stderr: String(decoding: r.stderr, as: UTF8.self), stdoutBytes: r.stdout)
    }
}
