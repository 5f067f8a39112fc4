import Foundation

/// A file waiting to be processed, with its receipt time.
public struct InboxFile: Equatable {
    public var path: String
    /// What follows the last "/" (the paths are standardized files, never folders).
    public var name: String { path.split(separator: "/", omittingEmptySubsequences: false).last.map(String.init) ?? path }
    public var receivedAt: Date
    /// As the scan saw it: with the path, this arrival's identity in the queue.
    var size = 0
    var mtime = Date(timeIntervalSince1970: 0)

    public init(path: String, receivedAt: Date) { self.path = path; self.receivedAt = receivedAt }
}

enum InboxScanner {
    /// The `*.xml` of each folder (not recursive) and each file named, in receipt order
    /// (ties: file name), as `02-validation-rules.md` requires.
    static func scan(_ paths: [String], receivedAt: Date?) throws -> [InboxFile] {
        let fm = FileManager.default
        var files: [String] = []
        for p in paths {
            var isDir: ObjCBool = false
            guard fm.fileExists(atPath: p, isDirectory: &isDir) else { throw AppError.usage("\(p) nu există") }
            if isDir.boolValue {
                let names = try fm.contentsOfDirectory(atPath: p).filter { $0.lowercased().hasSuffix(".xml") }
                files += names.map { URL(fileURLWithPath: p).appendingPathComponent($0).path }
            } else {
                files.append(p)
            }
        }
        var seen = Set<String>()
        let unique = files.map { URL(fileURLWithPath: $0).standardizedFileURL.path }.filter { seen.insert($0).inserted }
        let inbox: [InboxFile] = unique.compactMap { path in
            guard let attrs = try? fm.attributesOfItem(atPath: path),
                  (attrs[.type] as? FileAttributeType) == .typeRegular else { return nil }
            let mtime = attrs[.modificationDate] as? Date ?? Date()
            var f = InboxFile(path: path, receivedAt: receivedAt ?? mtime)
            f.size = (attrs[.size] as? NSNumber)?.intValue ?? 0
            f.mtime = mtime
            return f
        }
        return inbox.map { ($0, $0.name) }.sorted { ($0.0.receivedAt, $0.1) < ($1.0.receivedAt, $1.1) }.map(\.0)
    }

    /// The `*.xml` entries of the folders among `paths` that are not regular files (symbolic
    /// links, FIFOs…): never followed nor read.
    static func irregular(_ paths: [String]) -> [String] {
        let fm = FileManager.default
        return folders(paths).flatMap { folder in
            ((try? fm.contentsOfDirectory(atPath: folder)) ?? []).filter { $0.lowercased().hasSuffix(".xml") }.compactMap { name in
                let path = URL(fileURLWithPath: folder).appendingPathComponent(name).path
                guard let type = (try? fm.attributesOfItem(atPath: path))?[.type] as? FileAttributeType,
                      type != .typeRegular, type != .typeDirectory else { return nil }
                return path
            }
        }
    }

    /// The folders among `paths`.
    static func folders(_ paths: [String]) -> [String] {
        paths.filter { var isDir: ObjCBool = false; return FileManager.default.fileExists(atPath: $0, isDirectory: &isDir) && isDir.boolValue }
    }
}
