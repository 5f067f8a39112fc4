import CCMCore
import CCMFiles
import CCMRuntime
import CCMStore
import CCMSignature
import CCMXML
import Foundation

/// The whole ingest of a run, file by file in receipt order, one stage after another:
/// arrival (`Arrivals`: the queue's claim) → prepared (`PreparedFile`: the bytes read once,
/// digested, parsed, signatures checked; `Prefetcher` does it ahead) → facts (`DocumentFacts`, one
/// call into the store) → verdict (`Judging`, with the pure `DocumentJudge`) → commit
/// (`IngestUnitOfWork`: the store's group of documents) → placement (`Placement`: archive or
/// quarantine, after the commit). Nothing calls back up.
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

    /// Files larger are not held between preparation and judgement, but read while judged (a test lowers it).
    var holdLimit = PreparedFile.holdLimit

    /// Every file's line on a terminal too (`ingest --verbose`); there, only refused files have one.
    public var verbose = false

    /// The folder this run owns (`Inbox`).
    let inbox: Inbox

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
        try IngestLocks.exclusively(db) {
            try placement.confirmMoves()
            placement.adoptLoneSignatures(in: InboxScanner.folders(ownFolders))
            placement.quarantineIrregular(InboxScanner.irregular(ownFolders)).forEach(notice)
        }
        InboxScanner.loneSignatures(roots).forEach(notice)
        gate = try settings.signatures == .required ? SignatureGate(trust: trust(), maxSignatureBytes: settings.maxSignatureBytes, readLimits: reader.limits) : nil
        let progress = IngestProgress()
        progress.begin { try? queue.waitingLoad() }
        // The thread preparing ahead parses its own schema and decodes its own trust: libxml2's and
        // OpenSSL's objects stay with the thread that made them.
        let prefetcher = Prefetcher(files: files, ahead: { [reader = try App.readerAgain(reader), gate = gate?.decodedAgain(), rules, holdLimit] f in
            Result { try PreparedFile.prepare(f, reader: reader, gate: gate, rules: rules, holdLimit: holdLimit) }
        }, here: { [reader, gate, rules, holdLimit] f in
            Result { try PreparedFile.prepare(f, reader: reader, gate: gate, rules: rules, holdLimit: holdLimit) }
        })
        defer { prefetcher.finish() }
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
            for (p, error) in unit.takeFailed() {
                placement.drop(p.plan)
                summary.left += 1
                Log.error("\(p.outcome.file): \(error); fișierul rămâne în inbox")
            }
            for p in unit.takeLost() {
                placement.drop(p.plan)
                summary.left += 1
                Log.error("\(p.outcome.file): tranzacția grupului său de fișiere nu s-a încheiat; fișierul rămâne în inbox")
            }
        }
        let arrivals = Arrivals(queue)
        // A run that stops (throws) lets its claims go, as its end would: another worker takes them.
        defer {
            unit.abandon(); unit.sendRelease()
            arrivals.stop()
        }
        while true {
            if !unit.isOpen, arrivals.hasAhead {
                // The group was lost meanwhile: the claims end, and the next one is made again.
                try arrivals.dropAhead()
                try arrivals.commit()
            }
            let holding = unit.isOpen
            guard let claim = try arrivals.next(holding: holding) else {
                // The group's claims end once its documents are committed and moved.
                if holding { try close(); try arrivals.commit() }
                arrivals.ended()
                break
            }
            // Its turn may have to wait for another worker's file: not while holding the locks
            // (the group is committed first, which lets this claim go too: it is claimed again).
            if claim.afterOthers && holding { try close(); try arrivals.commit(); continue }
            if claim.afterOthers { unit.sendRelease() }
            let file = InboxFile(path: claim.path, receivedAt: claim.receivedAt)
            let prepared = prefetcher.prepared(file)
            guard try arrivals.turn(claim) else { continue }
            if unit.isOpen { try arrivals.sendAhead(after: claim) }
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
            } catch let d as DetachedMonth {
                notice(placement.quarantine(file, detached: d.luna, owned: inbox.owns(file.path)))
            } catch let e as StoreError {
                if case .unreachable = e { throw AppError.unavailable(e.description) }
                Log.error("\(file.name): \(e.description); fișierul rămâne în inbox")
                summary.left += 1
            } catch {
                Log.error("\(file.name): \(error); fișierul rămâne în inbox")
                summary.left += 1
            }
            reportLost()
            arrivals.passed(claim)
            if unit.isOpen && unit.isFull {
                if arrivals.hasAhead { try arrivals.dropAhead(); try close(); try arrivals.commit() } else { try close() }
            }
        }
        progress.end()
        summary.preparedAhead = prefetcher.hits
        summary.preparationWait = prefetcher.waited
        summary.roundTrips = db.roundTrips + (queueDB?.roundTrips ?? 0)
        summary.databaseWait = db.waited + (queueDB?.waited ?? 0)
        return summary
    }

    private var queueDB: Connection?

    /// The claims live on a connection of their own: the documents' transactions come and go
    /// on `db` while a claim stays open (`QueueStore.claimConnection`).
    func queueConnection() throws -> Connection {
        if let q = queueDB { return q }
        let q = try App.connect(settings, as: .batch, migrate: false)
        try QueueStore.claiming(on: q)
        queueDB = q
        return q
    }

    /// A file of the group: its outcome, and where it goes once the group is committed.
    struct Pending {
        var outcome: FileOutcome
        var plan: Placement.Plan?
    }

    /// One prepared file through its stages: its facts (the document's savepoint begun with
    /// them), its verdict, its place, and its end in the unit of work (committed with its group).
    func judged(_ prepared: PreparedFile, keepCertificateLines: Bool) throws {
        guard FileManager.default.fileExists(atPath: prepared.file.path) else { return }
        let h = prepared.content?.header
        let request = DocumentFacts.Request(
            sha256: prepared.sha256, header: h, signers: h == nil ? nil : prepared.signature?.signers.map(\.sha256),
            receivedAt: prepared.file.receivedAt,
            firstBatch: h == nil ? [] : (prepared.content?.certificates.prefix(Judging.batch).map(Judging.keys) ?? []))
        let facts = try unit.begin(request)
        do {
            try end(prepared, facts: facts, keepCertificateLines: keepCertificateLines)
        } catch {
            // This document alone is undone; the group goes on without it.
            unit.undo()
            throw error
        }
    }

    /// The verdict and place of one file, ended in the unit of work.
    private func end(_ prepared: PreparedFile, facts: DocumentFacts, keepCertificateLines: Bool) throws {
        let owned = inbox.owns(prepared.file.path)
        if try endedEarlier(prepared, facts.earlier, owned: owned) { return }
        let judging = Judging(prepared, facts: facts, unit: unit, judge: rules.judge, deployment: deployment, settings: settings,
                              gate: gate, keepCertificateLines: keepCertificateLines)
        let judged = try judging.run(reader: reader)
        // A file read only now (too large to hold): its bytes' records were asked at its end.
        if let earlier = judged.earlier, try endedEarlier(judging.prepared, earlier, owned: owned) { return }
        let file = judging.prepared.file
        var closing = judged.closing
        let o = judged.outcome
        // The place is recorded with the document, in its transaction: the next run finishes a
        // move that did not happen.
        let target = closing == nil ? nil : placement.reserve(file.name, o.status, o.luna)
        closing?.record.movingTo = target
        // A DUPLICAT of a registered IdDocument is not recorded: its place is chosen when it moves.
        let plan = Placement.Plan(file: file, status: o.status, luna: o.luna, recordId: judged.recordId, target: target,
                                  recorded: target != nil, owned: owned)
        unit.end(Pending(outcome: o, plan: plan), recordId: judged.recordId, certificates: o.certificateCount, closing: closing)
    }

    /// A file whose bytes were recorded already: its move left to finish (a run stopped between its
    /// commit and the move), or a DUPLICAT of bytes kept; ended in the unit of work. false: neither.
    private func endedEarlier(_ prepared: PreparedFile, _ records: DocumentStore.Earlier, owned: Bool) throws -> Bool {
        let file = prepared.file, sha = prepared.sha256
        // A run stopped between its commit and the move: only the move is left to do.
        let (earlier, registered) = records
        if let earlier {
            // Its verdict stands (INREGISTRAT or RESPINS, with its reasons), marked as a move
            // completed rather than a new verdict or a duplicate of another file.
            let status: DocumentStatus = earlier.status == .inregistrat ? .inregistrat : .respins
            var o = FileOutcome(file: file.name, sha256: sha, status: status, cui: earlier.cui, luna: earlier.luna,
                                tip: earlier.tip, idDocument: earlier.idDocument, errors: try unit.reasons(of: earlier.id), certificates: [])
            o.judgedEarlier = true
            // The place recorded before the move, unless something else took it meanwhile.
            let plan = placement.plan(file, status: earlier.status, luna: earlier.luna, recordId: earlier.id,
                                      target: placement.retake(earlier.movingTo), owned: owned)
            unit.end(Pending(outcome: o, plan: plan))
            return true
        }
        if let dup = registered {
            let o = FileOutcome(file: file.name, sha256: sha, status: .duplicat, cui: dup.cui, luna: dup.luna,
                                tip: dup.tip, idDocument: dup.idDocument, errors: [], certificates: [])
            // A copy of bytes already kept is not kept again: the file named stays where it is
            // (where the group's commit will have put it, when that is the one kept).
            let kept = dup.storedAs ?? (unit.holds(record: dup.id) ? dup.movingTo : nil)
            if !owned, let kept, placement.taken(kept) {
                let plan = Placement.Plan(file: file, status: .duplicat, luna: dup.luna, recordId: nil, owned: false, kept: kept)
                unit.end(Pending(outcome: o, plan: plan))
            } else {
                unit.end(Pending(outcome: o, plan: placement.plan(file, status: .duplicat, luna: dup.luna, recordId: nil, owned: owned)))
            }
            return true
        }
        return false
    }

    /// The documents of this run's groups, in their transaction (`IngestUnitOfWork`).
    private lazy var unit = IngestUnitOfWork<Pending>(db)
    /// Where the judged files go.
    private lazy var placement = Placement(settings: settings, db: db)

    /// Called between a group's commit and its moves (a test stops a run there, as a kill would).
    public var groupCommitted: (() throws -> Void)?

    /// Commits the group, then moves its files in order and prints their outcomes; the release
    /// of the locks (the moves' confirmation, then the unlock) waits for the next round trip.
    func closeGroup(_ emit: (FileOutcome) -> Void) throws {
        guard unit.isOpen else { return }
        let done: [Pending]
        do {
            done = try unit.commit()
        } catch {
            placement.reset()
            throw error
        }
        placement.startMoves()
        try groupCommitted?()
        for p in done {
            var outcome = p.outcome
            if let plan = p.plan { outcome.storedAs = placement.make(plan) }
            emit(outcome)
        }
        unit.placed(placement.takeConfirmed())
    }

    /// The signature check of this run (nil: signatures off, TEST deployments only), built once in `run`.
    private var gate: SignatureGate?

    /// The anchors and CRLs the CAS loaded.
    func trust() throws -> TrustMaterial {
        let all = try TrustStore(db).all()
        return TrustMaterial(anchors: all.filter { $0.kind == .anchor }.map(\.der), crls: all.filter { $0.kind == .crl }.map(\.der))
    }
}
