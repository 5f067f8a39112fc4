import CCMCore
import CCMStore
import CCMSignature
import CCMXML
import Foundation

/// bytes → document → verdicts → rows: the whole ingest of a run, file by file in receipt order.
public final class IngestPipeline {
    let settings: Settings
    let db: Connection
    let reader: SubmissionReader
    let rules: RuleEngine
    let deployment: Deployment

    public struct Summary {
        public var outcomes: [FileOutcome] = []
        public var certificates = 0
        /// Files left in the inbox because of a system failure (exit code 3).
        public var left = 0
        /// Files not judged: still being written (left for a later run) or not taken at all.
        public var notices: [FileNotice] = []
        /// Claims whose file was prepared ahead, while the one before was judged (`Prefetcher`).
        public var preparedAhead = 0
        /// Round trips to the database (documents and queue) and the seconds spent waiting on
        /// them, and the seconds spent waiting for a file being prepared ahead.
        public var roundTrips = 0
        public var databaseWait = 0.0
        public var preparationWait = 0.0
    }

    /// Every file's line on a terminal too (`ingest --verbose`); there, only refused files have one.
    public var verbose = false

    /// The folder this run owns (`Inbox`).
    let inbox: Inbox

    /// Held while a file is judged and stored, and by a revalidation for its whole length.
    static let ingestLock = "727002"

    public init(settings: Settings, db: Connection, schema: SubmissionSchema, rules: RuleEngine) throws {
        self.deployment = try settings.deployment()
        self.settings = settings
        self.inbox = Inbox(settings.inboxDir)
        self.db = db
        self.reader = SubmissionReader(schema: schema, limits: ReadLimits(maxBytes: settings.maxFileBytes, maxSeconds: settings.maxFileSeconds))
        self.rules = rules
    }

    /// Processes `paths` (files or folders; none = the inbox) as one worker among any others
    /// started on the same database: each file is claimed by one worker (FOR UPDATE SKIP
    /// LOCKED), prepared (digest, XML, schema, signatures) while others judge theirs, then
    /// judged and stored in receipt order across all workers — so that the database ends as
    /// one worker alone would leave it. `each` sees every outcome as it happens, `noticed`
    /// every file not judged. Files of the inbox are moved; files named elsewhere are copied.
    public func run(paths: [String], receivedAt: Date?, keepCertificateLines: Bool,
                    each: (FileOutcome) -> Void = { _ in }, noticed: (FileNotice) -> Void = { _ in }) throws -> Summary {
        try db.planningForKeys {
            try ingest(paths: paths, receivedAt: receivedAt, keepCertificateLines: keepCertificateLines, each: each, noticed: noticed)
        }
    }

    private func ingest(paths: [String], receivedAt: Date?, keepCertificateLines: Bool, each: (FileOutcome) -> Void,
                        noticed: (FileNotice) -> Void) throws -> Summary {
        let started = Date()
        let roots = paths.isEmpty ? [settings.inboxDir.path] : paths
        let scan = try InboxScanner.scan(roots, inbox: inbox, receivedAt: receivedAt)
        let files = scan.files
        var summary = Summary()
        func notice(_ n: FileNotice) {
            Log.warn(n.message)
            noticed(n)
            summary.notices.append(n)
        }
        scan.notices.forEach(notice)
        let queue = QueueStore(try queueConnection())
        // The queue's `mtime` column holds the change time: what moves with every write.
        try queue.enqueue(files.map { QueueStore.Arrival(path: $0.path, size: $0.size, mtime: $0.changed, receivedAt: $0.receivedAt) },
                          runStarted: started)
        let ownFolders = roots.filter(inbox.isInbox)
        try exclusively {
            try confirmMoves()
            adoptLoneSignatures(in: InboxScanner.folders(ownFolders))
            quarantineIrregular(InboxScanner.irregular(ownFolders)).forEach(notice)
        }
        InboxScanner.loneSignatures(roots).forEach(notice)
        gate = try settings.signatures == .required ? SignatureGate(trust: trust(), maxSignatureBytes: settings.maxSignatureBytes, readLimits: reader.limits) : nil
        let progress = IngestProgress()
        progress.begin { try? queue.waitingLoad() }
        let prefetcher = Prefetcher(files: files) { [reader, gate, rules] f in
            Result { try PreparedFile.prepare(f, reader: reader, gate: gate, rules: rules) }
        }
        defer { prefetcher.finish() }
        var done: QueueStore.Claim?
        var floor: QueueStore.Floor?
        func emit(_ outcome: FileOutcome) {
            var outcome = outcome
            summary.certificates += outcome.certificateCount
            if IngestProgress.showsFileLine(outcome.status, terminal: progress.terminal, verbose: verbose) || outcome.storedAs == nil {
                Log.info("\(outcome.file): \(outcome.status.rawValue)" +
                         (outcome.errors.isEmpty ? "" : " " + outcome.errors.map(\.code).joined(separator: ",")) +
                         (outcome.storedAs.map { " → \($0)" } ?? " (rămas în inbox)") + (outcome.note.map { " (\($0))" } ?? ""))
            }
            if outcome.storedAs == nil { summary.left += 1 }
            if !keepCertificateLines { outcome.certificates = [] }
            each(outcome)
            summary.outcomes.append(outcome)
            progress.advance(certificates: outcome.certificateCount) { try? queue.waitingLoad() }
        }
        func close() throws {
            defer { reportLost() }
            try closeGroup(emit)
        }
        func reportLost() {
            for (name, error) in failedFiles {
                summary.left += 1
                Log.error("\(name): \(error); fișierul rămâne în inbox")
            }
            failedFiles = []
            for name in lostFiles {
                summary.left += 1
                Log.error("\(name): tranzacția grupului său de fișiere nu s-a încheiat; fișierul rămâne în inbox")
            }
            lostFiles = []
        }
        // A run that stops (throws) lets its claims go, as its end would: another worker takes them.
        var claiming = false
        // In a group, the next claim is sent ahead while this file is judged (`QueueStore.sendClaim`).
        var ahead: Connection.InFlight?
        defer {
            abandonGroup(); sendRelease()
            if let f = ahead { _ = try? queue.receiveClaim(f) }
            if claiming { try? queue.release() }
        }
        while true {
            if let f = ahead, !group.open {
                // The group was lost meanwhile: the claims end, and the next one is made again.
                ahead = nil
                _ = try queue.receiveClaim(f)
                try queue.commit()
            }
            let holding = group.open
            let next: QueueStore.Claim?
            if let f = ahead {
                ahead = nil
                next = try queue.receiveClaim(f) ?? queue.claimNext(after: floor, holding: true)
            } else {
                next = try queue.claimNext(finishing: done, after: floor, holding: holding)
            }
            guard let claim = next else {
                // The group's claims end once its documents are committed and moved.
                if holding { try close(); try queue.commit() }
                claiming = false
                break
            }
            claiming = true
            done = nil
            // Its turn may have to wait for another worker's file: not while holding the locks
            // (the group is committed first, which lets this claim go too: it is claimed again).
            if claim.afterOthers && holding { try close(); try queue.commit(); continue }
            if claim.afterOthers { sendRelease() }
            let file = InboxFile(path: claim.path, receivedAt: claim.receivedAt)
            let prepared = prefetcher.prepared(file)
            guard try queue.turn(of: claim, after: floor) == .mine else { try queue.release(); continue }
            // Its turn: nothing before it waits any more (see QueueStore.Floor).
            floor = claim.key
            if group.open { ahead = try queue.sendClaim(after: claim) }
            do {
                let p = try prepared.get()
                let now = FileStamp(path: file.path)
                if let p, let reason = p.unsettled ?? (now == p.stamp ? nil : .inScriere) {
                    // Still being written when read, or written since: judged by a later run, on bytes that stay put.
                    if now != nil { notice(.deferred(file.path, reason)) }
                } else if let p {
                    try judged(p, keepCertificateLines: keepCertificateLines)
                }
            } catch let u as Unsettled {
                notice(.deferred(file.path, u.reason))
            } catch let e as StoreError {
                if case .unreachable = e { throw AppError.unavailable(e.description) }
                Log.error("\(file.name): \(e.description); fișierul rămâne în inbox")
                summary.left += 1
            } catch {
                Log.error("\(file.name): \(error); fișierul rămâne în inbox")
                summary.left += 1
            }
            reportLost()
            if ahead == nil { done = claim }
            if group.open && group.full {
                // The claim sent ahead ends with the group's (it is made again after).
                if let f = ahead { ahead = nil; _ = try queue.receiveClaim(f); try close(); try queue.commit() } else { try close() }
            }
        }
        progress.end()
        summary.preparedAhead = prefetcher.hits
        summary.preparationWait = prefetcher.waited
        summary.roundTrips = db.roundTrips + (queueDB?.roundTrips ?? 0)
        summary.databaseWait = db.waited + (queueDB?.waited ?? 0)
        return summary
    }

    /// Under the ingest lock: a revalidation does not run between a file's verdict and its rows.
    func exclusively<T>(_ body: () throws -> T) throws -> T {
        try db.exec("SELECT pg_advisory_lock($1::bigint)", [IngestPipeline.ingestLock])
        defer { _ = try? db.exec("SELECT pg_advisory_unlock($1::bigint)", [IngestPipeline.ingestLock]) }
        return try body()
    }

    private var queueDB: Connection?

    /// The claims live on a connection of their own: the documents' transactions come and go
    /// on `db` while a claim stays open. Its commits are not flushed one by one
    /// (synchronous_commit off): a claim or a finish lost in a crash of the server only makes a
    /// later run look at the arrival again, and find its file gone or its bytes registered.
    func queueConnection() throws -> Connection {
        if let q = queueDB { return q }
        let q = try App.connect(settings, as: .batch, migrate: false)
        try q.exec("SET synchronous_commit = off")
        // Its statements are planned as the documents' are (Connection.planningForKeys).
        try q.exec("SET plan_cache_mode = " + (try q.planCacheModeForKeys()))
        queueDB = q
        return q
    }

    /// One prepared file judged in the group (opened with it when none is: the locks taken, the
    /// transaction begun), in a savepoint of its own taken with its lookups; its outcome waits
    /// in the group for the commit and the move.
    func judged(_ prepared: PreparedFile, keepCertificateLines: Bool) throws {
        guard FileManager.default.fileExists(atPath: prepared.file.path) else { return }
        let lookups = FileFacts.Lookups(prepared, moving: group.recordIds)
        let rows = try group.open ? lookupsInGroup(lookups.statements) : openGroup(lookups.statements)
        let judged: Judged?
        do {
            judged = try process(prepared, facts: lookups.facts(rows), keepCertificateLines: keepCertificateLines)
        } catch {
            // This document alone is undone; the group goes on without it.
            if (try? db.pipeline(IngestGroup.undo)) == nil { abandonGroup() }
            throw error
        }
        guard let judged else { group.held.append(IngestGroup.release); return }
        if !judged.released { group.held.append(IngestGroup.release) }
        if !judged.tail.isEmpty {
            group.held += judged.tail
            group.heldFor = group.pending.count
        }
        group.add(.init(outcome: judged.outcome, move: judged.move), recordId: judged.recordId)
    }

    /// The group's first round trip: the last group's release (its moves' confirmation, then the
    /// unlock), the locks, BEGIN, the document's savepoint and its lookups.
    private func openGroup(_ lookups: [Statement]) throws -> [Rows] {
        let previous = heldRelease
        heldRelease = []
        let head = previous + [RegistryLock.locking(IngestPipeline.ingestLock), Statement("BEGIN"), IngestGroup.savepoint]
        do {
            let rows = Array(try db.pipeline(head + lookups).dropFirst(head.count))
            group.opened()
            return rows
        } catch {
            // Where it stopped is unknown: whatever began is rolled back, whichever lock is held
            // (the earlier one, or the new one) is let go, and the locks are taken alone.
            _ = try? db.exec("ROLLBACK")
            _ = try? db.exec(RegistryLock.unlocking(IngestPipeline.ingestLock))
            if previous.isEmpty { throw error }
            return try openGroup(lookups)
        }
    }

    /// A later document of the group: the previous one's last statements, then its savepoint
    /// and its lookups.
    private func lookupsInGroup(_ lookups: [Statement]) throws -> [Rows] {
        do {
            return Array(try flushing([IngestGroup.savepoint] + lookups).dropFirst())
        } catch {
            if (try? db.pipeline(IngestGroup.undo)) == nil { abandonGroup() }
            throw error
        }
    }

    /// Sends what the group holds, then `then`, in one round trip; `then`'s rows. When a held
    /// document's statements fail, that document alone is undone (its savepoint is the open
    /// one), its file stays in the inbox, and `then` is sent again without it.
    private func flushing(_ then: [Statement]) throws -> [Rows] {
        let (held, document) = group.takeHeld()
        var failed: Int?
        do {
            return Array(try db.pipeline(held + then, failed: &failed).dropFirst(held.count))
        } catch {
            guard let f = failed, f < held.count, let document else { throw error }
            guard (try? db.pipeline(IngestGroup.undo)) != nil else { abandonGroup(); throw error }
            let dropped = group.drop(document)
            failedFiles.append((dropped.outcome.file, error))
            return try flushing(then)
        }
    }

    /// The documents judged so far in this transaction.
    private var group = IngestGroup()
    /// Files of a group whose transaction was lost, or whose own statements failed when sent
    /// with the next file's: left in the inbox, told by the run.
    private var lostFiles: [String] = []
    private var failedFiles: [(name: String, error: Error)] = []
    /// Places taken by the group's files not moved yet, while the group's moves are made.
    private var completing: Set<String> = []

    /// Called between a group's commit and its moves (a test stops a run there, as a kill would).
    public var groupCommitted: (() throws -> Void)?

    /// Commits the group, then moves its files in order and prints their outcomes; the release
    /// of the locks (the moves' confirmation, then the unlock) waits for the next round trip.
    func closeGroup(_ emit: (FileOutcome) -> Void) throws {
        guard group.open else { return }
        do {
            _ = try flushing([Statement("COMMIT")])
        } catch {
            abandonGroup()
            throw error
        }
        let done = group.pending
        completing = group.reserved
        group.reset()
        defer { completing = [] }
        heldRelease = [RegistryLock.unlocking(IngestPipeline.ingestLock)]
        try groupCommitted?()
        for p in done {
            var outcome = p.outcome
            if let move = p.move {
                outcome.storedAs = complete(move)
                if let t = move.target { completing.remove(t) }
            }
            emit(outcome)
        }
        heldRelease = (confirmations.isEmpty ? [] : [Statement("BEGIN")] + confirmations + [Statement("COMMIT")])
            + [RegistryLock.unlocking(IngestPipeline.ingestLock)]
        confirmations = []
    }

    /// The transaction is lost (or the run stops): rolled back, the locks let go; its files stay
    /// in the inbox, unregistered, for a later run.
    private func abandonGroup() {
        guard group.open else { return }
        let files = group.pending.map(\.outcome.file)
        group.reset()
        _ = try? db.exec("ROLLBACK")
        _ = try? db.exec(RegistryLock.unlocking(IngestPipeline.ingestLock))
        lostFiles += files
    }

    /// The last group's release of the locks (its moves' confirmation, then the unlock), held
    /// back to go at the head of the next group's round trip that takes them again. Sent alone
    /// before anything that may wait (a turn behind another worker's file) and when the run
    /// ends; a registry import or revalidation waiting for the locks is granted them at that
    /// unlock, before this worker takes them again.
    private var heldRelease: [Statement] = []

    private func sendRelease() {
        RegistryLock.send(heldRelease, db, with: IngestPipeline.ingestLock)
        heldRelease = []
    }

    /// Moves made and not yet confirmed in the database: sent with the release of the locks
    /// (a confirmation lost is made by the next run's `confirmMoves`: the file is at its place).
    private var confirmations: [Statement] = []

    /// A judged file: its outcome, where it goes once the group is committed, its record.
    struct Judged {
        var outcome: FileOutcome
        var move: MovePlan?
        var recordId: Int?
        /// Its savepoint was released with its rows.
        var released = false
        /// Its last statements, sent at the head of the next round trip (`DocumentIngest.tail`).
        var tail: [Statement] = []
    }

    /// One prepared file; nil when it vanished (another run took it). Its move is planned (its
    /// place taken) and made once the group is committed.
    func process(_ prepared: PreparedFile, facts: FileFacts, keepCertificateLines: Bool) throws -> Judged? {
        let file = prepared.file, sha = prepared.sha256
        let docs = DocumentStore(db)
        let owned = inbox.owns(file.path)
        // A run stopped between its commit and the move: only the move is left to do.
        let (earlier, registered) = facts.earlier
        if let earlier {
            // Its verdict stands (INREGISTRAT or RESPINS, with its reasons), marked as a move
            // completed rather than a new verdict or a duplicate of another file.
            let status: DocumentStatus = earlier.status == .inregistrat ? .inregistrat : .respins
            var o = FileOutcome(file: file.name, sha256: sha, status: status, cui: earlier.cui, luna: earlier.luna,
                                tip: earlier.tip, idDocument: earlier.idDocument, errors: try docs.reasons(earlier.id), certificates: [])
            o.judgedEarlier = true
            // The place recorded before the move, unless something else took it meanwhile.
            let recorded = earlier.movingTo.flatMap { FileManager.default.fileExists(atPath: $0) || group.reserved.contains($0) ? nil : $0 }
            if let recorded { group.reserved.insert(recorded) }
            let move = planMove(file, status: earlier.status, luna: earlier.luna, recordId: earlier.id, target: recorded, owned: owned)
            return Judged(outcome: o, move: move, recordId: nil)
        }
        if let dup = registered {
            let o = FileOutcome(file: file.name, sha256: sha, status: .duplicat, cui: dup.cui, luna: dup.luna,
                                tip: dup.tip, idDocument: dup.idDocument, errors: [], certificates: [])
            // A copy of bytes already kept is not kept again: the file named stays where it is
            // (where the group's commit will have put it, when that is the one kept).
            let kept = dup.storedAs ?? (group.recordIds.contains(dup.id) ? dup.movingTo : nil)
            if !owned, let kept, FileManager.default.fileExists(atPath: kept) || group.reserved.contains(kept) {
                var move = MovePlan(file: file, status: .duplicat, luna: dup.luna, recordId: nil, owned: false)
                move.kept = kept
                return Judged(outcome: o, move: move, recordId: nil)
            }
            return Judged(outcome: o, move: planMove(file, status: .duplicat, luna: dup.luna, recordId: nil, owned: owned), recordId: nil)
        }
        let ingest = DocumentIngest(file: file, sha256: sha, size: prepared.size, db: db, deployment: deployment,
                                    rules: rules, keepCertificateLines: keepCertificateLines, gate: gate, preloaded: facts)
        ingest.place = { status, luna in try self.reserve(file.name, in: self.folder(status, luna)) }
        let settle = settings.settleSeconds, maxBytes = settings.maxFileBytes
        ingest.stillArriving = {
            prepared.size <= maxBytes && (prepared.stamp?.isRecent(settle) ?? false)
        }
        let outcome = try ingest.run(reader: reader, prepared: prepared)
        var move = MovePlan(file: file, status: outcome.status, luna: outcome.luna, recordId: ingest.recordId, owned: owned)
        move.target = ingest.plannedTarget
        move.recorded = ingest.plannedTarget != nil
        return Judged(outcome: outcome, move: move, recordId: ingest.recordId, released: ingest.released, tail: ingest.tail)
    }

    /// Where a judged file goes, chosen when it is judged (so that the group's files take their
    /// names in their order) and made once the group is committed (`complete`).
    struct MovePlan {
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

    /// A free place for `name` in `folder`, not taken by another file of the group either.
    func reserve(_ name: String, in folder: URL) throws -> String {
        let t = try FileMover.target(for: name, in: folder, avoiding: group.reserved)
        group.reserved.insert(t)
        return t
    }

    private func planMove(_ file: InboxFile, status: DocumentStatus, luna: String?, recordId: Int?, target: String? = nil,
                          owned: Bool) -> MovePlan {
        var plan = MovePlan(file: file, status: status, luna: luna, recordId: recordId, owned: owned)
        plan.target = target ?? (try? reserve(file.name, in: folder(status, luna)))
        return plan
    }

    /// Makes a planned move, once the group is committed.
    func complete(_ plan: MovePlan) -> String? {
        if let kept = plan.kept, FileManager.default.fileExists(atPath: kept) { return kept }
        return finishMove(plan.file, status: plan.status, luna: plan.luna, recordId: plan.recordId, target: plan.target,
                          recorded: plan.recorded, owned: plan.owned)
    }

    /// The signature check of this run (nil: signatures off, TEST deployments only), built once in `run`.
    private var gate: SignatureGate?

    /// The anchors and CRLs the CAS loaded.
    func trust() throws -> TrustMaterial {
        let all = try TrustStore(db).all()
        return TrustMaterial(anchors: all.filter { $0.kind == .anchor }.map(\.der), crls: all.filter { $0.kind == .crl }.map(\.der))
    }

    /// Archive for what was processed, quarantine for what was refused. The record learns the
    /// target before the move and the move is confirmed after it, so that a run stopped in
    /// between is finished by the next one; a move that fails leaves the file in the inbox.
    /// A file ccm does not own (`owned` false: named outside the inbox) is copied, never moved.
    func finishMove(_ file: InboxFile, status: DocumentStatus, luna: String?, recordId: Int?, target known: String? = nil,
                    recorded: Bool = false, owned: Bool = true) -> String? {
        let folder = self.folder(status, luna)
        let docs = DocumentStore(db)
        var target: String?
        do {
            let t = try known ?? FileMover.target(for: file.name, in: folder, avoiding: completing)
            target = t
            if let id = recordId, !recorded { try docs.setMovingTo(id, t) }
            if owned { try FileMover.move(file.path, to: t) } else { try FileMover.copy(file.path, to: t) }
            if let id = recordId { confirmations.append(DocumentStore.markStored(id, as: t)) }
            return t
        } catch let failure as FileMover.Failure where failure.xmlMoved {
            if let id = recordId, let t = target { _ = try? docs.markStored(id, as: t) }
            Log.error("\(file.name): mutat în \(folder.path), dar semnătura .p7s a rămas în inbox (\(failure)); o mută rularea următoare")
            return target
        } catch {
            if let id = recordId, target != nil { _ = try? docs.setMovingTo(id, nil) }
            Log.error("\(file.name): nu poate fi mutat în \(folder.path): \(error); rămâne în inbox")
            return nil
        }
    }

    /// Archive for what was processed, quarantine for what was refused, by month.
    func folder(_ status: DocumentStatus, _ luna: String?) -> URL {
        (status == .respins ? settings.quarantineDir : settings.archiveDir).appendingPathComponent(luna ?? "fara-luna")
    }

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
                                  message: "\(name): nu este un fișier obișnuit; nu a fost citit și nu poate fi mutat în carantină: \(error)")
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
                    Log.error("\(name): semnătura rămasă în inbox nu poate fi mutată: \(error)")
                }
            }
        }
    }
}
