import CCMCore
import Foundation

/// Moves processed files out of the inbox; never overwrites, never deletes.
public enum FileMover {
    /// Why a move stopped, and whether the `.xml` itself had already reached its place (then
    /// only its `.p7s` is still in the inbox, and the next run takes it there).
    public struct Failure: Error, CustomStringConvertible {
        public var xmlMoved: Bool
        public var reason: String
        public var description: String { reason }
    }

    /// A free path for `name` in `folder` (created 0700 if missing): neither it nor its `.p7s` exists.
    /// `avoiding`: places already promised to files not moved yet.
    public static func target(for name: String, in folder: URL, avoiding taken: Set<String> = []) throws -> String {
        let dir = folder.path
        try PrivateFiles.ensureFolder(path: dir)
        return freeName(for: name, in: dir, avoiding: taken)
    }

    /// Moves `path` to `target`, then its `.p7s` beside it, if any.
    public static func move(_ path: String, to target: String) throws {
        do { try moveOne(path, to: target) } catch { throw Failure(xmlMoved: false, reason: AppError.systemReason(error)) }
        let sig = path + ".p7s"
        guard entryExists(sig) else { return }
        do { try moveOne(sig, to: target + ".p7s") } catch { throw Failure(xmlMoved: true, reason: AppError.systemReason(error)) }
    }

    static func freeName(for name: String, in folder: String, avoiding taken: Set<String> = []) -> String {
        var path = Paths.join(folder, name)
        var n = 2
        // The name's parts only when it is taken (rarely): splitting it costs more than the checks.
        var parts: (base: String, ext: String)?
        while entryExists(path) || entryExists(path + ".p7s") || taken.contains(path) {
            let (base, ext) = parts ?? ((name as NSString).deletingPathExtension, (name as NSString).pathExtension)
            parts = (base, ext)
            path = Paths.join(folder, ext.isEmpty ? "\(base)-\(n)" : "\(base)-\(n).\(ext)")
            n += 1
        }
        return path
    }

    /// Whether anything is at `path`, a link included (even one whose target is missing).
    static func entryExists(_ path: String) -> Bool {
        var st = stat()
        return lstat(path, &st) == 0
    }

    /// rename(2) where possible; across file systems a copy that is complete and synced before
    /// it takes its name and the original is removed. A copy that fails (a full disk) removes
    /// only its own partial file: the original stays where it was. Either way the file ends
    /// readable by its owner only, whatever its mode in the inbox. A link or a FIFO is moved
    /// as what it is, never opened.
    public static func moveOne(_ from: String, to: String) throws {
        if rename(from, to) == 0 { PrivateFiles.restrict(to); return }
        guard errno == EXDEV else { throw POSIXError(POSIXErrorCode(rawValue: errno) ?? .EIO) }
        try writeThenName(to) { try copyEntry(from, to: $0) }
        guard unlink(from) == 0 else { throw POSIXError(POSIXErrorCode(rawValue: errno) ?? .EIO) }
    }

    /// `write` makes the file under a temporary name, which becomes `target` only once it is
    /// complete; a write that fails removes only its own partial file.
    static func writeThenName(_ target: String, _ write: (String) throws -> Void) throws {
        let tmp = target + ".partial"
        do {
            try write(tmp)
            guard rename(tmp, target) == 0 else { throw POSIXError(POSIXErrorCode(rawValue: errno) ?? .EIO) }
        } catch {
            unlink(tmp)
            throw error
        }
    }

    /// A regular file's bytes, or a link or FIFO made again as itself (a link keeps its target
    /// and is not read; opening a FIFO would wait for a writer).
    static func copyEntry(_ from: String, to: String) throws {
        var st = stat()
        guard lstat(from, &st) == 0 else { throw POSIXError(POSIXErrorCode(rawValue: errno) ?? .EIO) }
        switch st.st_mode & S_IFMT {
        case S_IFREG:
            try copySynced(from, to: to)
        case S_IFLNK:
            var buffer = [CChar](repeating: 0, count: Int(PATH_MAX) + 1)
            let n = readlink(from, &buffer, buffer.count - 1)
            guard n >= 0 else { throw POSIXError(POSIXErrorCode(rawValue: errno) ?? .EIO) }
            guard symlink(String(decoding: buffer.prefix(n).map { UInt8(bitPattern: $0) }, as: UTF8.self), to) == 0 else {
                throw POSIXError(POSIXErrorCode(rawValue: errno) ?? .EIO)
            }
        case S_IFIFO:
            guard mkfifo(to, PrivateFiles.fileMode) == 0 else { throw POSIXError(POSIXErrorCode(rawValue: errno) ?? .EIO) }
            chmod(to, PrivateFiles.fileMode)
        default:
            throw POSIXError(.EINVAL)
        }
    }

    /// Copies with write(2) and fsync(2), so that ENOSPC surfaces here and not after a rename;
    /// the copy is created 0600 and never was wider.
    static func copySynced(_ from: String, to: String) throws {
        let input = open(from, O_RDONLY | O_NOFOLLOW | O_NONBLOCK | O_CLOEXEC)
        guard input >= 0 else { throw POSIXError(POSIXErrorCode(rawValue: errno) ?? .EIO) }
        defer { close(input) }
        let output = open(to, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, PrivateFiles.fileMode)
        guard output >= 0 else { throw POSIXError(POSIXErrorCode(rawValue: errno) ?? .EIO) }
        defer { close(output) }
        fchmod(output, PrivateFiles.fileMode)
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
