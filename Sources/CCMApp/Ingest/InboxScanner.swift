import CCMCore
import CCMFiles
import CCMRuntime
import CCMStore
import Foundation

/// A file waiting to be processed, with its receipt time.
public struct InboxFile: Equatable, Sendable {
    public var path: String
    /// What follows the last "/" (the paths are standardized files, never folders).
    public var name: String {
        // From the end: splitting the whole path built every component, for each use of the name.
        guard let slash = path.lastIndex(of: "/") else { return path }
        return String(path[path.index(after: slash)...])
    }
    public var receivedAt: Date
    /// As the scan saw it: with the path, this arrival's identity in the queue. The change
    /// time, not the modification time: every write and every `touch` moves it.
    var size = 0
    var changed = Date(timeIntervalSince1970: 0)

    public init(path: String, receivedAt: Date) { self.path = path; self.receivedAt = receivedAt }
}

/// The folder ccm owns: what is in it is moved to the archive or quarantine; a file named
/// anywhere else is only copied, and only when it is a `*.xml`.
struct Inbox {
    let path: String
    let real: String?

    init(_ url: URL) {
        path = url.standardizedFileURL.path
        real = Inbox.realPath(path)
    }

    /// Whether `p` names the inbox itself (through any links).
    func isInbox(_ p: String) -> Bool {
        // isDirectory given: otherwise Foundation asks the file system, for each file judged.
        URL(fileURLWithPath: p, isDirectory: true).standardizedFileURL.path == path || (real != nil && Inbox.realPath(p) == real)
    }

    /// Whether the file at `p` lies directly in the inbox.
    func owns(_ p: String) -> Bool {
        // A scanned file's path is standardized: its folder, cut at the last "/", is the inbox's
        // standardized path exactly when it is in it (no URL built, once per file judged).
        if let slash = p.lastIndex(of: "/"), slash != p.startIndex, p[..<slash] == path { return true }
        return isInbox(URL(fileURLWithPath: p, isDirectory: false).standardizedFileURL.deletingLastPathComponent().path)
    }

    static func realPath(_ p: String) -> String? {
        guard let r = realpath(p, nil) else { return nil }
        defer { free(r) }
        return String(cString: r)
    }
}

enum InboxScanner {
    struct Scan {
        var files: [InboxFile] = []
        /// Entries named or found that are not taken, each with its reason.
        var notices: [FileNotice] = []
    }

    /// A receipt time later than this past the processing moment is not believed (`02-validation-rules.md`, terms).
    static let clockTolerance: TimeInterval = 300

    /// The `*.xml` of each folder (not recursive) and each file named, in receipt order
    /// (ties: file name), as `02-validation-rules.md` requires. A file named outside the inbox
    /// is taken only when it is a `*.xml`; an entry named that is not a regular file is never read.
    /// The inbox unreadable, a link to nothing or not a folder: the run stops (exit 3) with
    /// nothing done; nothing at its path is a usage error (exit 1).
    static func scan(_ paths: [String], inbox: Inbox, receivedAt: Date?, now: Date = Date()) throws -> Scan {
        let fm = FileManager.default
        var scan = Scan()
        var files: [(path: String, named: Bool)] = []
        for p in paths {
            var isDir: ObjCBool = false
            let isInbox = inbox.isInbox(p)
            guard fm.fileExists(atPath: p, isDirectory: &isDir) else {
                // Nothing there is a setting to fix (exit 1); a link to nothing is a folder gone (exit 3).
                if isInbox, FileStamp(path: p) != nil { throw AppError.leftForLater("inbox-ul \(p) nu poate fi citit (legătură către nimic); nimic nu a fost procesat") }
                throw AppError.usage("\(p) nu există")
            }
            if isDir.boolValue {
                let names: [String]
                do { names = try fm.contentsOfDirectory(atPath: p) } catch {
                    throw AppError.leftForLater("dosarul \(p) nu poate fi citit; nimic nu a fost procesat (\(error.localizedDescription))")
                }
                // The folder standardized once: an entry's name holds no "/" and is not "." or "..".
                let folder = standardized(p)
                files += names.filter { $0.lowercased().hasSuffix(".xml") }.map { (Paths.join(folder, $0), false) }
            } else if isInbox {
                throw AppError.leftForLater("inbox-ul \(p) nu este un dosar; nimic nu a fost procesat")
            } else if !p.lowercased().hasSuffix(".xml") && !inbox.owns(p) {
                let name = FileNotice.name(p)
                scan.notices.append(FileNotice(file: name, status: .ignorat, reason: .nuEsteXML,
                                               message: "\(name): nu este un fișier .xml și nu se află în inbox; nu a fost citit, a rămas neatins în \(p)"))
            } else {
                files.append((p, true))
            }
        }
        var seen = Set<String>()
        for (raw, named) in files {
            let path = named ? URL(fileURLWithPath: raw).standardizedFileURL.path : raw
            guard seen.insert(path).inserted, let stamp = FileStamp(path: path) else { continue }
            guard stamp.isRegular else {
                // The entries of the inbox's folder are dealt with by `IngestPipeline.quarantineIrregular`.
                if named || !inbox.owns(path) {
                    let name = FileNotice.name(path)
                    scan.notices.append(FileNotice(file: name, status: .ignorat, reason: .nuEsteFisierObisnuit,
                                                   message: "\(name): nu este un fișier obișnuit (legătură simbolică, FIFO…); nu a fost citit, a rămas neatins"))
                }
                continue
            }
            var f = InboxFile(path: path, receivedAt: receivedAt ?? receipt(stamp, path: path, now: now))
            f.size = Int(stamp.size)
            f.changed = stamp.changed
            scan.files.append(f)
        }
        scan.files = scan.files.map { ($0, $0.name) }.sorted { ($0.0.receivedAt, $0.1) < ($1.0.receivedAt, $1.1) }.map(\.0)
        return scan
    }

    /// When the file arrived: its inode's change time; one later than now and the clock's
    /// tolerance (a clock that went wrong) is not believed: the processing moment instead.
    static func receipt(_ stamp: FileStamp, path: String, now: Date) -> Date {
        guard stamp.changed > now.addingTimeInterval(clockTolerance) else { return stamp.changed }
        Log.warn("\(FileNotice.name(path)): momentul sosirii înregistrat de sistem (\(Timestamps.utc(stamp.changed, milliseconds: false))) "
                 + "este în viitor; se folosește momentul procesării")
        return now
    }

    /// The `*.xml` entries of the folders among `paths` that are not regular files (symbolic
    /// links, FIFOs…): never followed nor read.
    static func irregular(_ paths: [String]) -> [String] {
        standardizedFolders(paths).flatMap { folder in
            ((try? FileManager.default.contentsOfDirectory(atPath: folder)) ?? []).filter { $0.lowercased().hasSuffix(".xml") }.compactMap { name in
                let path = Paths.join(folder, name)
                guard let entry = FileStamp(path: path), !entry.isRegular, !entry.isDirectory else { return nil }
                return path
            }
        }
    }

    /// Each `.xml.p7s` of the folders among `paths` with no `.xml` beside it: it waits for its
    /// document (uploaded first), and the run says so.
    static func loneSignatures(_ paths: [String]) -> [FileNotice] {
        folders(paths).flatMap { folder -> [FileNotice] in
            let dir = standardized(folder)
            return ((try? FileManager.default.contentsOfDirectory(atPath: folder)) ?? []).filter { $0.lowercased().hasSuffix(".xml.p7s") }.sorted().compactMap { name -> FileNotice? in
                let sig = Paths.join(dir, name)
                guard FileStamp(path: String(sig.dropLast(4))) == nil else { return nil }
                return FileNotice(file: name, status: .amanat, reason: .semnaturaFaraDocument,
                                  message: "\(name): semnătură fără documentul \(String(name.dropLast(4))) alături; rămâne în \(folder) până sosește documentul")
            }
        }
    }

    /// The folders among `paths`.
    static func folders(_ paths: [String]) -> [String] {
        paths.filter { var isDir: ObjCBool = false; return FileManager.default.fileExists(atPath: $0, isDirectory: &isDir) && isDir.boolValue }
    }

    /// The same, each as its absolute standardized path (its entries' paths are joined to it).
    static func standardizedFolders(_ paths: [String]) -> [String] { folders(paths).map(standardized) }

    /// A folder's absolute standardized path, built once for all its entries.
    static func standardized(_ folder: String) -> String { URL(fileURLWithPath: folder, isDirectory: true).standardizedFileURL.path }
}
