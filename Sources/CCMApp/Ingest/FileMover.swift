import Foundation

/// Moves processed files out of the inbox; never overwrites, never deletes.
enum FileMover {
    /// Moves `path` (and its `.p7s` beside it) into `folder`; returns the new path.
    static func move(_ path: String, into folder: URL) throws -> String {
        let fm = FileManager.default
        try fm.createDirectory(at: folder, withIntermediateDirectories: true)
        let name = URL(fileURLWithPath: path).lastPathComponent
        let target = freeName(for: name, in: folder)
        try moveOne(path, to: target.path)
        let sig = path + ".p7s"
        if fm.fileExists(atPath: sig) { try moveOne(sig, to: target.path + ".p7s") }
        return target.path
    }

    static func freeName(for name: String, in folder: URL) -> URL {
        let fm = FileManager.default
        var candidate = folder.appendingPathComponent(name)
        var n = 2
        let base = (name as NSString).deletingPathExtension, ext = (name as NSString).pathExtension
        while fm.fileExists(atPath: candidate.path) || fm.fileExists(atPath: candidate.path + ".p7s") {
            candidate = folder.appendingPathComponent(ext.isEmpty ? "\(base)-\(n)" : "\(base)-\(n).\(ext)")
            n += 1
        }
        return candidate
    }

    /// rename(2) where possible; across file systems a copy that is complete before the
    /// original is removed.
    static func moveOne(_ from: String, to: String) throws {
        if rename(from, to) == 0 { return }
        guard errno == EXDEV else { throw CocoaError(.fileWriteUnknown, userInfo: [NSFilePathErrorKey: from]) }
        let tmp = to + ".partial"
        try FileManager.default.copyItem(atPath: from, toPath: tmp)
        let fd = open(tmp, O_RDONLY)
        if fd >= 0 { fsync(fd); close(fd) }
        guard rename(tmp, to) == 0 else { throw CocoaError(.fileWriteUnknown, userInfo: [NSFilePathErrorKey: to]) }
        try FileManager.default.removeItem(atPath: from)
    }
}
