import CCMRuntime
import Foundation

/// `ccm ingest --workers N`: the other N-1 workers are this same command line without
/// `--workers`, started beside this one; they share the inbox through the database's locks.
public enum IngestWorkers {
    /// Runs `work` here while the siblings run; their worst exit code (2, then 3, then 1, then
    /// any other non-zero; 0 when all succeeded) once every one has ended.
    public static func run(_ workers: Int, arguments: [String], work: () throws -> Void) throws -> Int32 {
        var siblings: [pid_t] = []
        if workers > 1 {
            let own = withoutWorkers(arguments)
            let me = URL(fileURLWithPath: "/proc/self/exe").resolvingSymlinksInPath().path
            for _ in 1..<workers { siblings.append(try Subprocess.start(me, own)) }
        }
        var failure: Error?
        do { try work() } catch { failure = error }
        let codes = siblings.map(Subprocess.wait)
        if let failure { throw failure }
        return [2, 3, 1].map(Int32.init).first(where: codes.contains) ?? codes.first(where: { $0 != 0 }) ?? 0
    }

    /// The arguments with `--workers N` and `--workers=N` taken out.
    static func withoutWorkers(_ arguments: [String]) -> [String] {
        var own: [String] = []
        var skip = false
        for a in arguments {
            if skip { skip = false; continue }
            if a == "--workers" { skip = true; continue }
            if a.hasPrefix("--workers=") { continue }
            own.append(a)
        }
        return own
    }
}
