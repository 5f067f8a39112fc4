import Foundation
import Synchronization

/// What says whether a file is still being written (`05-cli.md`: a file is taken only once it
/// is complete): its stamp before and after it is read, and whether a process holds it open
/// for writing.
public struct FileStamp: Equatable, Sendable {
    public var device: UInt64, inode: UInt64, size: Int64
    public var mtime: Int, mtimeNanos: Int, ctime: Int, ctimeNanos: Int
    /// What the entry is (`S_IFREG`, `S_IFLNK`, …): the entry itself, a link is not followed.
    public var kind: mode_t

    public init(_ st: stat) {
        device = UInt64(st.st_dev); inode = UInt64(st.st_ino); size = Int64(st.st_size); kind = st.st_mode & S_IFMT
        mtime = st.st_mtim.tv_sec; mtimeNanos = st.st_mtim.tv_nsec; ctime = st.st_ctim.tv_sec; ctimeNanos = st.st_ctim.tv_nsec
    }

    /// The entry at `path` itself (a link is not followed); nil when it is gone.
    public init?(path: String) {
        var st = stat()
        guard lstat(path, &st) == 0 else { return nil }
        self.init(st)
    }

    public init?(descriptor fd: Int32) {
        var st = stat()
        guard fstat(fd, &st) == 0 else { return nil }
        self.init(st)
    }

    /// The inode's change time: when the file arrived or was last written, which a sender
    /// cannot set (`02-validation-rules.md`, terms).
    public var changed: Date { Date(timeIntervalSince1970: Double(ctime) + Double(ctimeNanos) / 1e9) }
    public var modified: Date { Date(timeIntervalSince1970: Double(mtime) + Double(mtimeNanos) / 1e9) }

    /// Written or arrived less than `seconds` before `now` (the later of its two times: a
    /// writer may set the modification time, not the change time).
    public func isRecent(_ seconds: Double, now: Date = Date()) -> Bool {
        max(changed, modified) > now.addingTimeInterval(-seconds)
    }
}

public enum WriterCheck {
    /// Whether another process holds the file open for writing, where the system can tell.
    /// A read lease (F_SETLEASE) is refused with EAGAIN exactly then, and costs one call; it is
    /// granted only to the file's owner or root, so for anyone else the open descriptors of
    /// the processes this user may see are looked at (/proc/*/fdinfo), at most once a second.
    public static func heldForWriting(_ fd: Int32, _ stamp: FileStamp) -> Bool {
        _ = ignoreLeaseBreaks
        if fcntl(fd, setLease, Int32(F_RDLCK)) == 0 {
            _ = fcntl(fd, setLease, Int32(F_UNLCK))
            return false
        }
        if errno == EAGAIN { return true }
        return openForWriting().contains(Inode(device: stamp.device, inode: stamp.inode))
    }

    /// A writer opening the file while the lease is held signals this process (SIGIO, whose
    /// default is to end it): the lease is let go at once anyway.
    private static let ignoreLeaseBreaks: Void = { _ = signal(SIGIO, SIG_IGN) }()

    /// F_SETLEASE (Linux's F_LINUX_SPECIFIC_BASE), which Glibc's module does not export.
    static let setLease: Int32 = 1024

    public struct Inode: Hashable { var device: UInt64, inode: UInt64 }

    private static let seen = Mutex<(at: Date, inodes: Set<Inode>)?>(nil)

    static func openForWriting() -> Set<Inode> {
        seen.withLock { seen in
            if let seen, Date().timeIntervalSince(seen.at) < 1 { return seen.inodes }
            let inodes = scanProc()
            seen = (Date(), inodes)
            return inodes
        }
    }

    /// Every descriptor opened with O_WRONLY or O_RDWR ("flags:" in octal, the access mode in
    /// its two low bits), by the inode it designates.
    static func scanProc() -> Set<Inode> {
        let fm = FileManager.default
        var out = Set<Inode>()
        let me = String(getpid())
        for pid in (try? fm.contentsOfDirectory(atPath: "/proc")) ?? [] where pid.allSatisfy(\.isNumber) && pid != me {
            for fd in (try? fm.contentsOfDirectory(atPath: "/proc/\(pid)/fd")) ?? [] {
                guard let info = try? String(contentsOfFile: "/proc/\(pid)/fdinfo/\(fd)", encoding: .utf8),
                      let line = info.split(separator: "\n").first(where: { $0.hasPrefix("flags:") }),
                      let flags = Int(line.dropFirst(6).trimmingCharacters(in: .whitespaces), radix: 8),
                      flags & 3 != 0 else { continue }
                var st = stat()
                guard stat("/proc/\(pid)/fd/\(fd)", &st) == 0, (st.st_mode & S_IFMT) == S_IFREG else { continue }
                out.insert(Inode(device: UInt64(st.st_dev), inode: UInt64(st.st_ino)))
            }
        }
        return out
    }
}

extension FileStamp {
    /// The entry itself is a regular file (a link to one is not).
    public var isRegular: Bool { kind == S_IFREG }
    public var isDirectory: Bool { kind == S_IFDIR }
}
