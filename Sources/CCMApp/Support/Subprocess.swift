import Foundation

/// Runs a helper program (initdb, pg_ctl, psql) and captures its output. Output goes through
/// a temporary file, not a pipe: `pg_ctl start` leaves a server running that inherits the
/// descriptors, and a pipe would never reach its end.
enum Subprocess {
    struct Result { var status: Int32; var output: String }

    static func run(_ executable: String, _ arguments: [String]) throws -> Result {
        let tmp = FileManager.default.temporaryDirectory.appendingPathComponent("ccm-\(UUID().uuidString).out")
        _ = FileManager.default.createFile(atPath: tmp.path, contents: nil)
        defer { try? FileManager.default.removeItem(at: tmp) }
        let out = try FileHandle(forWritingTo: tmp)
        let p = Process()
        p.executableURL = URL(fileURLWithPath: executable)
        p.arguments = arguments
        p.standardOutput = out
        p.standardError = out
        p.standardInput = FileHandle.nullDevice
        try p.run()
        p.waitUntilExit()
        try? out.close()
        let data = (try? Data(contentsOf: tmp)) ?? Data()
        return Result(status: p.terminationStatus, output: String(decoding: data, as: UTF8.self))
    }
}
