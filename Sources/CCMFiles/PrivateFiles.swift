import Foundation

/// What ccm writes that holds personal data (archive, quarantine, e-mail dry runs, `$CCM_HOME`)
/// is its owner's alone — folders 0700, files 0600 — whatever the umask (`05-cli.md`, behaviour).
/// The umask can only narrow a mode given to mkdir or open, and a umask of 0 widens nothing
/// either: the mode is set again explicitly after each creation.
public enum PrivateFiles {
    public static let folderMode: mode_t = 0o700
    public static let fileMode: mode_t = 0o600
    /// The centralizer's files are public: world-readable whatever the umask.
    public static let publicMode: mode_t = 0o644

    /// Creates `folder` and every missing folder above it, each 0700. Folders that exist already
    /// (made by the operator, or by another worker at the same moment) are left as they are.
    public static func ensureFolder(_ folder: URL) throws { try ensureFolder(path: folder.path) }

    /// The same, for a folder given by its path.
    public static func ensureFolder(path folder: String) throws {
        // Each file's move asks: the folder there already (not a link, which the path below judges) costs one lstat.
        var here = stat()
        if lstat(folder, &here) == 0, here.st_mode & S_IFMT == S_IFDIR { return }
        var missing: [String] = []
        var path = URL(fileURLWithPath: folder).standardizedFileURL.path
        var st = stat()
        while path != "/", !path.isEmpty, lstat(path, &st) != 0 {
            missing.append(path)
            path = (path as NSString).deletingLastPathComponent
        }
        for p in missing.reversed() {
            if mkdir(p, folderMode) != 0 {
                if errno == EEXIST { continue }
                throw posix()
            }
            chmod(p, folderMode)
        }
        var isDir: ObjCBool = false
        guard FileManager.default.fileExists(atPath: folder, isDirectory: &isDir), isDir.boolValue else {
            throw POSIXError(.ENOTDIR)
        }
    }

    /// Narrows an entry ccm just moved into a private folder to its owner: 0600 for a file or a
    /// FIFO, 0700 for a folder; a link is neither followed nor changed. Best effort: a file
    /// owned by another user keeps its mode, and the 0700 folder around it is what keeps it private.
    public static func restrict(_ path: String) {
        let fd = open(path, O_RDONLY | O_NOFOLLOW | O_NONBLOCK | O_CLOEXEC)
        guard fd >= 0 else { return }
        defer { close(fd) }
        var st = stat()
        guard fstat(fd, &st) == 0 else { return }
        switch st.st_mode & S_IFMT {
        case S_IFDIR: fchmod(fd, folderMode)
        case S_IFREG, S_IFIFO: fchmod(fd, fileMode)
        default: break
        }
    }

    /// Writes `data` to `url` atomically (a temporary file beside it, synced, then renamed), with `mode`.
    public static func write(_ data: Data, to url: URL, mode: mode_t = fileMode) throws {
        let tmp = url.path + ".tmp-\(getpid())"
        let fd = open(tmp, O_WRONLY | O_CREAT | O_EXCL | O_TRUNC | O_CLOEXEC, mode)
        guard fd >= 0 else { throw posix() }
        var ok = fchmod(fd, mode) == 0
        var done = 0
        while ok && done < data.count {
            let n = data.withUnsafeBytes { buf in buf.baseAddress.map { Foundation.write(fd, $0 + done, buf.count - done) } ?? -1 }
            if n < 0 && errno == EINTR { continue }
            if n <= 0 { ok = false } else { done += n }
        }
        let failure = ok && fsync(fd) == 0 ? nil : posix()
        close(fd)
        if failure == nil, rename(tmp, url.path) == 0 { return }
        let error = failure ?? posix()
        unlink(tmp)
        throw error
    }

    /// The last system call's error (the callers' messages name the path).
    static func posix() -> Error { POSIXError(POSIXErrorCode(rawValue: errno) ?? .EIO) }
}
