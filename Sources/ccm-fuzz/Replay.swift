import Foundation

/// Without libFuzzer: each input (a file, or every file of a folder) through the same entry,
/// one line each — to look at a crash file or a corpus under a normal build.
enum Replay {
    @MainActor static func run(_ paths: [String]) -> Int32 {
        guard !paths.isEmpty else {
            print("usage: ccm-fuzz FILE|DIR…  (fuzzing: scripts/fuzz.sh)")
            return 2
        }
        var files: [String] = []
        let fm = FileManager.default
        for p in paths {
            var isDir: ObjCBool = false
            guard fm.fileExists(atPath: p, isDirectory: &isDir) else { print("\(p): missing"); return 2 }
            if isDir.boolValue {
                let names = (try? fm.contentsOfDirectory(atPath: p)) ?? []
                files += names.sorted().map { (p as NSString).appendingPathComponent($0) }
            } else {
                files.append(p)
            }
        }
        for f in files {
            guard let data = fm.contents(atPath: f), let report = FuzzTarget.run(data) else { print("\(f): unreadable"); continue }
            let codes = report.findings.map(\.code).joined(separator: ",")
            print("\(f): \(codes.isEmpty ? "-" : codes) certificates=\(report.certificates) signers=\(report.signers.count)")
        }
        return 0
    }
}
