import CCMCore
import Foundation

/// A document's detached `.p7s`, read under the rules of the document itself (`05-cli.md`): a
/// regular file, not a link, at most `max_signature_mb`. Anything else is refused before a byte
/// of it is read: a link could name any file of this machine, a FIFO would block the run, a
/// sparse file of gigabytes would be held in memory.
public enum SignatureFile {
    public enum Read: Equatable {
        case absent
        case refused(String)
        case bytes(Data)
    }

    public static func read(_ path: String, maxBytes: Int) -> Read {
        let name = URL(fileURLWithPath: path).lastPathComponent
        var st = stat()
        guard lstat(path, &st) == 0 else {
            return errno == ENOENT ? .absent : .refused("fișierul \(name) nu poate fi citit (\(SystemReason.posix(errno)))")
        }
        if let why = irregular(st) { return .refused("fișierul \(name) \(why); nu a fost citit") }
        if Int(st.st_size) > maxBytes { return .refused(tooLarge(name, Int(st.st_size), maxBytes)) }
        // Opened without following a link and without waiting on a FIFO, in case the entry was
        // replaced since lstat; then the open file itself is checked again.
        let fd = open(path, O_RDONLY | O_NOFOLLOW | O_NONBLOCK | O_CLOEXEC)
        guard fd >= 0 else {
            let why = errno == ELOOP ? "este o legătură simbolică" : "nu poate fi deschis (\(SystemReason.posix(errno)))"
            return .refused("fișierul \(name) \(why); nu a fost citit")
        }
        defer { close(fd) }
        guard fstat(fd, &st) == 0 else { return .refused("fișierul \(name) nu poate fi citit (\(SystemReason.posix(errno)))") }
        if let why = irregular(st) { return .refused("fișierul \(name) \(why); nu a fost citit") }
        // At most one byte past the limit: a file that grew after fstat is refused, not held.
        var data = Data(count: min(Int(st.st_size), maxBytes) + 1)
        var done = 0
        while done < data.count {
            let n = data.withUnsafeMutableBytes { buf in buf.baseAddress.map { Foundation.read(fd, $0 + done, buf.count - done) } ?? -1 }
            if n == 0 { break }
            if n < 0 {
                if errno == EINTR { continue }
                return .refused("fișierul \(name) nu poate fi citit (\(SystemReason.posix(errno)))")
            }
            done += n
            if done > maxBytes { return .refused(tooLarge(name, done, maxBytes)) }
        }
        data.count = done
        return .bytes(data)
    }

    /// What the entry is, when it is not a regular file.
    static func irregular(_ st: stat) -> String? {
        switch st.st_mode & S_IFMT {
        case S_IFREG: return nil
        case S_IFLNK: return "este o legătură simbolică"
        case S_IFDIR: return "este un dosar, nu un fișier"
        case S_IFIFO: return "este un FIFO, nu un fișier obișnuit"
        default: return "nu este un fișier obișnuit"
        }
    }

    static func tooLarge(_ name: String, _ size: Int, _ maxBytes: Int) -> String {
        "fișierul \(name) are \(megabytes(size)) MB, peste limita de \(megabytes(maxBytes)) MB (max_signature_mb); nu a fost citit"
    }

    /// Megabytes to a tenth, rounded up: a file just over the limit never reads as the limit.
    static func megabytes(_ bytes: Int) -> String {
        let mb = Double(bytes) / Double(1 << 20)
        return mb == mb.rounded() ? String(Int(mb)) : String(format: "%.1f", (mb * 10).rounded(.up) / 10)
    }
}
