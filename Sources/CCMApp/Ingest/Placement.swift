import CCMCore
import CCMFiles
import CCMRuntime
import CCMStore
import Foundation

/// The last stage: where a judged file goes — archive for what was processed, quarantine for
/// what was refused, by month. Its place is chosen with its verdict (so that a group's files take
/// their names in their order, and the record learns the place in the same commit) and the move
/// is made once the commit is done: a run stopped in between is finished by the next one. A move
/// that fails leaves the file in the inbox. A file ccm does not own (named outside the inbox) is
/// copied, never moved.
final class Placement {
    let settings: Settings
    let db: Connection

    init(settings: Settings, db: Connection) { self.settings = settings; self.db = db }

    /// Where a judged file goes, chosen when it is judged and made after the commit (`make`).
    struct Plan {
        var file: InboxFile
        var status: DocumentStatus
        var luna: String?
        var recordId: Int?
        /// Chosen already (nil: chosen when moved; the folder could not be made).
        var target: String?
        /// Recorded with the document (`moving_to`) before the commit.
        var recorded = false
        var owned = true
        /// A file named outside the inbox whose bytes are kept there already: not copied again.
        var kept: String?
    }

    /// Places taken by files judged and not moved yet: taken, although nothing is there yet.
    private(set) var reserved: Set<String> = []

    /// A free place for `name` in the folder of `status` and `luna` (nil: the folder cannot be
    /// made; the document is stored all the same and the move after the commit fails).
    func reserve(_ name: String, _ status: DocumentStatus, _ luna: String?) -> String? {
        guard let t = try? FileMover.target(for: name, in: folder(status, luna), avoiding: reserved) else { return nil }
        reserved.insert(t)
        return t
    }

    /// A place recorded by an earlier run, taken again unless something else took it meanwhile.
    func retake(_ recorded: String?) -> String? {
        guard let r = recorded, !FileManager.default.fileExists(atPath: r), !reserved.contains(r) else { return nil }
        reserved.insert(r)
        return r
    }

    /// Whether `path` holds a file, or will once the group's moves are made.
    func taken(_ path: String) -> Bool { FileManager.default.fileExists(atPath: path) || reserved.contains(path) }

    func plan(_ file: InboxFile, status: DocumentStatus, luna: String?, recordId: Int?, target: String? = nil,
              recorded: Bool = false, owned: Bool) -> Plan {
        Plan(file: file, status: status, luna: luna, recordId: recordId,
             target: target ?? (recorded ? nil : reserve(file.name, status, luna)), recorded: recorded, owned: owned)
    }

    /// A plan dropped with its document (its statements failed): its place is free again.
    func drop(_ plan: Plan?) {
        if let t = plan?.target { reserved.remove(t) }
    }

    /// Places promised to the committed group's files not moved yet, while its moves are made.
    private var completing: Set<String> = []
    private var confirmations: [(recordId: Int, path: String)] = []

    /// The committed group's moves begin (made in order by `make`).
    func startMoves() {
        completing = reserved
        reserved = []
    }

    /// Makes a planned move: where the file is now (nil: it stayed in the inbox).
    func make(_ plan: Plan) -> String? {
        let done = move(plan)
        if let t = plan.target { completing.remove(t) }
        if let id = plan.recordId, let path = done.path, done.confirm { confirmations.append((id, path)) }
        return done.path
    }

    /// The moves made and not yet confirmed in the database (the record learns it with the
    /// release of the locks).
    func takeConfirmed() -> [(recordId: Int, path: String)] {
        defer { confirmations = []; completing = [] }
        return confirmations
    }

    /// Everything forgotten: the group was lost.
    func reset() { reserved = [] }

    private func move(_ plan: Plan) -> (path: String?, confirm: Bool) {
        if let kept = plan.kept, FileManager.default.fileExists(atPath: kept) { return (kept, false) }
        let file = plan.file, folder = self.folder(plan.status, plan.luna)
        let docs = DocumentStore(db)
        var target: String?
        do {
            let t = try plan.target ?? FileMover.target(for: file.name, in: folder, avoiding: completing)
            target = t
            if let id = plan.recordId, !plan.recorded { try docs.setMovingTo(id, t) }
            if plan.owned { try FileMover.move(file.path, to: t) } else { try FileMover.copy(file.path, to: t) }
            return (t, true)
        } catch let failure as FileMover.Failure where failure.xmlMoved {
            if let id = plan.recordId, let t = target { _ = try? docs.markStored(id, as: t) }
            Log.error("\(file.name): mutat în \(folder.path), dar semnătura .p7s a rămas în inbox (\(AppError.from(failure).description)); o mută rularea următoare")
            return (target, false)
        } catch {
            if let id = plan.recordId, target != nil { _ = try? docs.setMovingTo(id, nil) }
            Log.error("\(file.name): nu poate fi mutat în \(folder.path): \(AppError.from(error).description); rămâne în inbox")
            return (nil, false)
        }
    }

    /// Archive for what was processed, quarantine for what was refused, by month.
    func folder(_ status: DocumentStatus, _ luna: String?) -> URL {
        let key = FolderKey(refused: status == .respins, luna: luna ?? "fara-luna")
        if let known = folders[key] { return known }
        let made = (key.refused ? settings.quarantineDir : settings.archiveDir).appendingPathComponent(key.luna)
        folders[key] = made
        return made
    }

    /// The folders named so far (a URL built once a month and place, not twice a file).
    private var folders: [FolderKey: URL] = [:]
    private struct FolderKey: Hashable { let refused: Bool; let luna: String }

    // MARK: a run's set-up (under the ingest lock)

    /// Moves a stopped run made but did not confirm are confirmed: the file is at its place.
    func confirmMoves() throws {
        let docs = DocumentStore(db)
        for (id, path) in try docs.unconfirmedMoves() where FileManager.default.fileExists(atPath: path) {
            try docs.markStored(id, as: path)
        }
    }

    /// A link or a FIFO named like a submission is not followed (it could point anywhere on
    /// this machine): the entry itself goes to quarantine, the run says so, nothing is recorded.
    func quarantineIrregular(_ paths: [String]) -> [FileNotice] {
        let folder = settings.quarantineDir.appendingPathComponent("fara-luna")
        return paths.map { path in
            let name = URL(fileURLWithPath: path).lastPathComponent
            do {
                let target = try FileMover.target(for: name, in: folder)
                guard rename(path, target) == 0 else { throw POSIXError(POSIXErrorCode(rawValue: errno) ?? .EIO) }
                return FileNotice(file: name, status: .ignorat, reason: .nuEsteFisierObisnuit,
                                  message: "\(name): nu este un fișier obișnuit (legătură simbolică, FIFO…); nu a fost citit, mutat în \(target)",
                                  movedTo: target)
            } catch {
                return FileNotice(file: name, status: .ignorat, reason: .nuEsteFisierObisnuit,
                                  message: "\(name): nu este un fișier obișnuit; nu a fost citit și nu poate fi mutat în carantină: \(AppError.from(error).description)")
            }
        }
    }

    /// A `.p7s` alone in an inbox folder whose document was moved without it (a run stopped
    /// between the two moves) joins its document. One whose `.xml` has not arrived yet stays.
    func adoptLoneSignatures(in folders: [String]) {
        let fm = FileManager.default
        for folder in folders {
            guard let names = try? fm.contentsOfDirectory(atPath: folder) else { continue }
            for name in names where name.lowercased().hasSuffix(".xml.p7s") {
                let sig = URL(fileURLWithPath: folder).appendingPathComponent(name).path
                let xmlName = String(name.dropLast(4))
                guard !fm.fileExists(atPath: String(sig.dropLast(4))),
                      let home = try? DocumentStore(db).placedPaths(fileName: xmlName).first(where: {
                          fm.fileExists(atPath: $0) && !fm.fileExists(atPath: $0 + ".p7s") }) else { continue }
                do {
                    try FileMover.moveOne(sig, to: home + ".p7s")
                    Log.info("\(name): semnătura rămasă în inbox a fost mutată lângă documentul ei (\(home))")
                } catch {
                    Log.error("\(name): semnătura rămasă în inbox nu poate fi mutată: \(AppError.from(error).description)")
                }
            }
        }
    }
}
