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
        /// Documents whose lookups went ahead of the previous one's writes (`IngestUnitOfWork.LookAhead`).
        public var lookedAhead = 0
        /// Round trips to the database (documents and queue) and the seconds spent waiting on
        /// them, and the seconds spent waiting for a file being prepared ahead.
        public var roundTrips = 0
        public var databaseWait: Double { documentsWaits.total + queueWait }
        /// The documents' connection's part of them by what was waited for, and the claims' connection's.
        public var documentsWaits = WaitTimes()
        public var queueWait = 0.0
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
        // The thread preparing ahead parses its own schema (there, with its first file, not on the
        // way to this thread's first) and decodes its own trust: libxml2's and OpenSSL's objects
        // stay with the thread that made them.
        var aheadReader: SubmissionReader?
        let prefetcher = Prefetcher(files: files, ahead: { [recipe = reader.recipe, gate = gate?.decodedAgain(), rules, holdLimit] f in
            Result {
                let reader = try aheadReader ?? App.readerAgain(recipe)
                aheadReader = reader
                return try PreparedFile.prepare(f, reader: reader, gate: gate, rules: rules, holdLimit: holdLimit)
            }
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
                Log.error("\(p.outcome.file): \(AppError.from(error).description); fișierul rămâne în inbox")
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
                Log.error("\(file.name): \(AppError.from(error).description); fișierul rămâne în inbox")
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
        summary.lookedAhead = unit.lookedAhead
        summary.preparationWait = prefetcher.waited
        summary.roundTrips = db.roundTrips + (queueDB?.roundTrips ?? 0)
        summary.documentsWaits = db.waits
        summary.queueWait = queueDB?.waits.total ?? 0
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

    /// The documents of this run's groups, in their transaction (`IngestUnitOfWork`).
    lazy var unit = IngestUnitOfWork<Pending>(db)
    /// Where the judged files go.
    lazy var placement = Placement(settings: settings, db: db)

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
    var gate: SignatureGate?

    /// The anchors and CRLs the CAS loaded.
    func trust() throws -> TrustMaterial {
        let all = try TrustStore(db).all()
        return TrustMaterial(anchors: all.filter { $0.kind == .anchor }.map(\.der), crls: all.filter { $0.kind == .crl }.map(\.der))
    }
}
