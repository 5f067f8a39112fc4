import Foundation

/// Moves processed files out of the inbox; never overwrites, never deletes.
enum FileMover {
    /// Why a move stopped, and whether the `.xml` itself had already reached its place (then
    /// only its `.p7s` is still in the inbox, and the next run takes it there).
    struct Failure: Error, CustomStringConvertible {
        var xmlMoved: Bool
        var reason: String
        var description: String { reason }
    }

    /// A free path for `name` in `folder` (created if missing): neither it nor its `.p7s` exists.
    static func target(for name: String, in folder: URL) throws -> String {
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        return freeName(for: name, in: folder).path
    }

    /// Moves `path` to `target`, then its `.p7s` beside it, if any.
    static func move(_ path: String, to target: String) throws {
        do { try moveOne(path, to: target) } catch { throw Failure(xmlMoved: false, reason: "\(error)") }
        let sig = path + ".p7s"
        guard FileManager.default.fileExists(atPath: sig) else { return }
        do { try moveOne(sig, to: target + ".p7s") } catch { throw Failure(xmlMoved: true, reason: "\(error)") }
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

    /// rename(2) where possible; across file systems a copy that is complete and synced before
    /// it takes its name and the original is removed. A copy that fails (a full disk) removes
    /// only its own partial file: the original stays where it was.
    static func moveOne(_ from: String, to: String) throws {
        if rename(from, to) == 0 { return }
        guard errno == EXDEV else { throw CocoaError(.fileWriteUnknown, userInfo: [NSFilePathErrorKey: from]) }
        let tmp = to + ".partial"
        do {
            try copySynced(from, to: tmp)
            guard rename(tmp, to) == 0 else { throw CocoaError(.fileWriteUnknown, userInfo: [NSFilePathErrorKey: to]) }
        } catch {
            unlink(tmp)
            throw error
        }
        try FileManager.default.removeItem(atPath: from)
    }

    /// Copies with write(2) and fsync(2), so that ENOSPC surfaces here and not after a rename.
    static func copySynced(_ from: String, to: String) throws {
        let input = open(from, O_RDONLY)
        guard input >= 0 else { throw POSIXError(POSIXErrorCode(rawValue: errno) ?? .EIO) }
        defer { close(input) }
        let output = open(to, O_WRONLY | O_CREAT | O_EXCL, 0o644)
        guard output >= 0 else { throw POSIXError(POSIXErrorCode(rawValue: errno) ?? .EIO) }
        defer { close(output) }
        var buffer = [UInt8](repeating: 0, count: 1 << 16)
        while true {
            let n = buffer.withUnsafeMutableBytes { read(input, $0.baseAddress, $0.count) }
            if n == 0 { break }
            guard n > 0 else { throw POSIXError(POSIXErrorCode(rawValue: errno) ?? .EIO) }
            var done = 0
            while done < n {
                let w = buffer.withUnsafeBytes { write(output, $0.baseAddress.map { $0 + done }, n - done) }
                guard w > 0 else { throw POSIXError(POSIXErrorCode(rawValue: errno) ?? .ENOSPC) }
                done += w
            }
        }
        guard fsync(output) == 0 else { throw POSIXError(POSIXErrorCode(rawValue: errno) ?? .EIO) }
    }
}
