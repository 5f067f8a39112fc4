import CCMCore
import Foundation

/// The ingest's unit of work: several documents stored one after the other in one transaction,
/// under one taking of the ingest and registry locks — one durable commit for the group instead
/// of one per file. Each document lives in its own savepoint, so that one that fails is rolled
/// back alone and its neighbours stay. Everything a caller would otherwise sequence by hand is
/// here: the locks, BEGIN, the savepoints, which statements ride with the next round trip (a
/// document's last ones, the last group's release and its moves' confirmations), the COMMIT.
/// `Document` is what the caller keeps of each one (handed back committed, failed or lost).
public final class IngestUnitOfWork<Document> {
    /// At most this many documents: each savepoint is a subtransaction, and past 64 of them a
    /// transaction's subtransactions no longer fit the cache every other snapshot reads.
    public static var maxDocuments: Int { 32 }
    /// Certificates after which the group commits (one hospital's file is a group of its own).
    public static var maxCertificates: Int { 20_000 }
    /// Seconds after which the group commits: its verdicts are printed, and its locks let go.
    public static var maxSeconds: Double { 0.5 }

    /// The documents' connection (the statements of one document run on it, inside its savepoint).
    public let db: Connection
    public init(_ db: Connection) { self.db = db }

    /// When a document's lookups are sent ahead of the last document's closing statements,
    /// which the server then runs while this one is judged (`begin`).
    public enum LookAhead {
        /// Never: each document's lookups follow the last one's statements.
        case never
        /// When those statements write nothing the lookups read (`WrittenKeys.mayChange`).
        case whenUnaffected
        /// Always, for tests only: the answers may miss the last document's rows.
        case always
    }
    public var lookAhead = LookAhead.whenUnaffected
    /// Documents whose lookups went ahead.
    public private(set) var lookedAhead = 0

    /// The transaction is open and the locks held.
    public private(set) var isOpen = false
    /// The months whose partitions exist, read as the group began: none can be detached while
    /// it holds the ingest lock, so its writers of these months need not ask again.
    private var partitioned: Set<YearMonth> = []
    /// The oid of the record the certificate rows travel as, asked with the first group.
    private var rowType: Int32?
    private var openedAt = 0.0
    /// A document ended in the group: its record (unmoved until the commit, and not a stopped
    /// run's to finish) and its certificates.
    private struct Entry { let document: Document; let recordId: Int?; let certificates: Int; let ordinal: Int }
    private var ordinals = 0
    /// The group's documents, in order.
    private var entries: [Entry] = []
    private var certificates: Int { entries.reduce(0) { $0 + $1.certificates } }
    /// The group's records (a closure, not a key path: that one is instantiated per call, being generic).
    private var recordIds: Set<Int> { Set(entries.compactMap { $0.recordId }) }
    /// Statements sent at the head of the next round trip: a savepoint's release, or the last
    /// statements of the group's last document (`heldFor`), whose failure undoes it alone.
    private var held: [Statement] = []
    /// The document those statements close (its entry's ordinal), and what they write.
    private var heldFor: Int?
    private var heldWrites: WrittenKeys?
    /// The month whose partition those statements make or write in: known there once they ran.
    private var heldMonth: YearMonth?
    /// The writer of the document being judged (its last batch is among its closing statements).
    private var writing: CertificateWriter?
    /// The last group's release (its moves' confirmations, then the unlock), held back to go at
    /// the head of the round trip that takes the locks again. Sent alone before anything that
    /// may wait and when the run ends: a registry import or revalidation waiting for the locks
    /// is granted them at that unlock, before this worker takes them again.
    private var heldRelease: [Statement] = []
    /// Documents whose statements failed when sent with a later round trip, or whose group was lost.
    private var failed: [(document: Document, error: Error)] = []
    private var lost: [Document] = []

    public var isFull: Bool {
        entries.count >= Self.maxDocuments || certificates >= Self.maxCertificates
            || Date().timeIntervalSinceReferenceDate - openedAt >= Self.maxSeconds
    }

    static var savepoint: Statement { Statement("SAVEPOINT document") }
    static var release: Statement { Statement("RELEASE SAVEPOINT document") }
    static var undoing: [Statement] { [Statement("ROLLBACK TO SAVEPOINT document"), release] }

    // MARK: one document

    /// A document begins: its savepoint and its facts, in one round trip with what is held
    /// (and, for the group's first, the last group's release, the locks and BEGIN).
    public func begin(_ request: DocumentFacts.Request) throws -> DocumentFacts {
        let asked = DocumentFacts.ask(request, moving: recordIds)
        writing = nil
        guard isOpen else { return asked.answered(try db.waiting(for: .opening) { try open(asked.statements) }) }
        return try db.waiting(for: .lookups) { try later(request, asked) }
    }

    /// A later document of the open group begins.
    private func later(_ request: DocumentFacts.Request, _ asked: DocumentFacts.Asked) throws -> DocumentFacts {
        if let writes = heldWrites, lookAhead == .always || (lookAhead == .whenUnaffected && !writes.mayChange(request)) {
            return asked.answered(try ahead(asked.statements))
        }
        return asked.answered(try inGroup(asked.statements))
    }

    /// More facts of the document begun, in one round trip: for a file read while it is judged,
    /// those of its header once read (`request` without its digest).
    public func facts(_ request: DocumentFacts.Request) throws -> DocumentFacts {
        let asked = DocumentFacts.ask(request, moving: recordIds)
        return asked.answered(try db.pipeline(asked.statements))
    }

    /// The same file's facts once read, in one round trip: its bytes' earlier records, its signers' enrolment.
    public func factsAtEnd(sha256: String, signers: [String], cui: String?, receivedAt: Date) throws -> DocumentFacts {
        let asked = DocumentFacts.askAtEnd(sha256: sha256, signers: signers, cui: cui, receivedAt: receivedAt,
                                           moving: recordIds)
        return asked.answered(try db.pipeline(asked.statements))
    }

    /// Its header's facts, for a document whose header was not known when it began (a large
    /// file read while it is judged): the provider and month.
    public func headerFacts(_ h: DocumentHeader) throws -> RegistryStore.HeaderFacts {
        try db.run(RegistryStore.headerFacts(cui: h.cui, luna: h.luna, idDocument: h.idDocument))
    }

    /// The provider's doctors and pads, for such a document once its header passed.
    public func practitioners(cui: String) throws -> ProviderFacts { try PractitionerStore(db).facts(cui: cui) }

    /// Its signers enrolled for `cui` at `at`, for signatures checked while it is judged.
    public func enrolled(_ signers: [String], cui: String, at: Date) throws -> Set<String> {
        Set(try signers.filter { try SignerStore(db).isActive(cui: cui, sha: $0, at: at) })
    }

    /// The registered document of an `IdDocument` already registered.
    public func registered(_ id: UUID) throws -> DocumentStore.Recorded? { try DocumentStore(db).registered(idDocument: id) }

    /// An id for a record whose id was not reserved with its facts.
    public func nextId() throws -> Int { try DocumentStore.insertedId(db.exec(DocumentStore.nextId().statement)) }

    /// The history of a later batch of a document's certificates (its own rows marked). The
    /// document's rows judged since its last lookup go behind this one (`takeBehind`): the
    /// server writes them while the batch is judged, and the rules see them in the writer
    /// meanwhile; those sent behind the last lookup have run before this one.
    public func neighbours(_ keys: [HistoryStore.Keys], documentId: Int?) throws -> Neighbourhoods {
        try settleWrites()
        let lookup = HistoryStore.neighbours(batch: keys, documentId: documentId)
        guard let rows = writing?.takeBehind() else { return try db.run(lookup) }
        var failed: Int?
        let answer = try db.pipeline(ahead: [lookup.statement], behind: rows, failed: &failed) { error, _ in
            if let error { throw error }
        }
        return lookup.decode(answer[0])
    }

    /// What the document sent behind its last lookup has run (or its failure is thrown here,
    /// the document's own): before its verdict, so that no later document is told of it. Nothing
    /// is read when it sent nothing so (what the connection holds behind is then another's).
    public func settleWrites() throws {
        guard writing?.inFlight == true else { return }
        try db.settleBehind()
        writing?.landed()
    }

    /// A writer of the document's certificate rows, in its savepoint.
    public func writer(documentId: Int, cui: String, luna: YearMonth, validFrom: Date) -> CertificateWriter {
        // A group is open (`begin`), so the type is known: a 0 would be refused by the server, not crash.
        let w = CertificateWriter(db: db, documentId: documentId, cui: cui, luna: luna, validFrom: validFrom, rowType: rowType ?? 0,
                                  partitioned: partitioned.contains(luna))
        writing = w
        return w
    }

    /// The verdict's reasons of an earlier record.
    public func reasons(of recordId: Int) throws -> [Finding] { try DocumentStore(db).reasons(recordId) }

    /// Whether a record was made in the open group (its move is still to come).
    public func holds(record id: Int) -> Bool { entries.contains { $0.recordId == id } }

    /// How a judged document ends in the store: its record with its verdict (id reserved), its
    /// reasons, for a registered rectificative the end of the versions it replaces, and its rows
    /// not sent yet (a writer's last batch).
    public struct Closing {
        public var record: DocumentStore.NewDocument
        public var reasons: [Finding]
        public var supersedes = false
        public var rows: [Statement] = []
        public init(record: DocumentStore.NewDocument, reasons: [Finding], supersedes: Bool = false, rows: [Statement] = []) {
            self.record = record; self.reasons = reasons; self.supersedes = supersedes; self.rows = rows
        }

        var statements: [Statement] {
            rows + [DocumentStore.insert(record)]
                + (supersedes ? record.id.flatMap { id in record.header.map { CertificateVersions.supersede(documentId: id, luna: $0.luna, at: record.receivedAt) } } ?? [] : [])
                + [record.id.flatMap { DocumentStore.reasons($0, reasons) }].compactMap { $0 }
        }
    }

    /// Its rows sent so far are rolled back; its savepoint stays open for its record.
    public func discardRows() throws {
        // Rows sent behind a lookup go with the rest, whether they ran or failed.
        _ = try? db.settleBehind()
        _ = try db.pipeline([Self.undoing[0]])
        writing?.rolledBack()
    }

    /// The document ends: its closing statements and its savepoint's release go with the next
    /// round trip, which tells whether they failed (then it alone is undone and handed back by
    /// `takeFailed`). `document` nil: nothing of it to keep (it vanished).
    public func end(_ document: Document?, recordId: Int? = nil, certificates: Int = 0, closing: Closing? = nil) {
        let statements = closing?.statements ?? []
        // Only a document whose statements are all held, and known, lets the next one's lookups go ahead of them.
        let w = writing
        writing = nil
        heldWrites = nil
        if let closing, held.isEmpty, !(w?.flushed ?? false), closing.rows.isEmpty || w != nil {
            heldWrites = WrittenKeys(sha256: closing.record.sha256, header: closing.record.header,
                                     certificates: closing.rows.isEmpty ? [] : w?.finalKeys ?? [], anything: closing.supersedes)
        }
        held += statements + [Self.release]
        let month = w.flatMap { $0.madeMonth ? $0.luna : nil }
        guard let document else { heldWrites = nil; return }
        ordinals += 1
        if !statements.isEmpty {
            heldFor = ordinals
            heldMonth = month
        }
        entries.append(Entry(document: document, recordId: recordId, certificates: certificates, ordinal: ordinals))
    }

    /// The document failed while it was judged: it alone is rolled back (the group is lost
    /// when even that fails).
    public func undo() {
        if (try? db.pipeline(Self.undoing)) == nil { abandon() }
    }

    // MARK: the group

    /// Commits the group: its documents, in order. The locks stay held until the moves are
    /// made: their release waits for `placed`.
    public func commit() throws -> [Document] {
        guard isOpen else { return [] }
        do {
            _ = try db.waiting(for: .commit) { try flushing([Statement("COMMIT")]) }
        } catch {
            abandon()
            throw error
        }
        let done = entries.map(\.document)
        reset()
        heldRelease = [RegistryLock.unlocking(IngestLocks.ingest)]
        return done
    }

    /// The committed group's files are at their places (`moves`: record → where): confirmed
    /// with the release of the locks, at the head of the next round trip (a confirmation lost
    /// is made by the next run's `confirmMoves`: the file is at its place).
    public func placed(_ moves: [(recordId: Int, path: String)]) {
        let confirm = [DocumentStore.markStored(moves)].compactMap { $0 }
        // Its own transaction: a pipeline's statements share one implicit transaction up to an
        // explicit COMMIT, and the confirmation's row must not stay locked while the next lock
        // is waited for (a worker inserting the same bytes waits on that row holding the lock).
        heldRelease = (confirm.isEmpty ? [] : [Statement("BEGIN")] + confirm + [Statement("COMMIT")])
            + [RegistryLock.unlocking(IngestLocks.ingest)]
    }

    /// Sends the held release now (before a wait, and when the run ends).
    public func sendRelease() {
        RegistryLock.send(heldRelease, db, with: IngestLocks.ingest)
        heldRelease = []
    }

    /// The transaction is lost (or the run stops): rolled back, the locks let go; its documents
    /// are handed back by `takeLost`, unregistered.
    public func abandon() {
        guard isOpen else { return }
        lost += entries.map(\.document)
        reset()
        _ = try? db.exec("ROLLBACK")
        _ = try? db.exec(RegistryLock.unlocking(IngestLocks.ingest))
    }

    public func takeFailed() -> [(document: Document, error: Error)] { defer { failed = [] }; return failed }
    public func takeLost() -> [Document] { defer { lost = [] }; return lost }

    // MARK: round trips

    /// The group's first round trip: the last group's release, the locks, BEGIN, the
    /// document's savepoint and its lookups.
    private func open(_ lookups: [Statement]) throws -> [Rows] {
        let previous = heldRelease
        heldRelease = []
        // Asked under the lock: the months with a partition, and (once) the rows' record type.
        let asked = [PartitionStore.months.statement] + (rowType == nil ? [CertificateWriter.rowTypeQuery.statement] : [])
        let opening = previous + [RegistryLock.locking(IngestLocks.ingest), Statement("BEGIN")]
        let head = opening + asked + [Self.savepoint]
        do {
            let all = try db.pipeline(head + lookups)
            let answers = Array(all[opening.count..<(opening.count + asked.count)])
            partitioned = Set(PartitionStore.months.decode(answers[0]))
            if answers.count > 1 {
                rowType = CertificateWriter.rowTypeQuery.decode(answers[1])
                guard rowType != nil else { throw StoreError.statement(sqlstate: "42704", message: "type certificate_row does not exist") }
            }
            let rows = Array(all.dropFirst(head.count))
            isOpen = true
            openedAt = Date().timeIntervalSinceReferenceDate
            return rows
        } catch {
            // Where it stopped is unknown: whatever began is rolled back, whichever lock is held
            // (the earlier one, or the new one) is let go, and the locks are taken alone.
            _ = try? db.exec("ROLLBACK")
            _ = try? db.exec(RegistryLock.unlocking(IngestLocks.ingest))
            if previous.isEmpty { throw error }
            return try open(lookups)
        }
    }

    /// A later document of the group whose lookups the held statements do not change: its
    /// lookups, answered at once, then what is held and its savepoint, which the server runs
    /// while the document is judged (read before the connection's next use: `settled`).
    private func ahead(_ lookups: [Statement]) throws -> [Rows] {
        let (statements, document, month) = takeHeld()
        var failedAt: Int?
        do {
            let rows = try db.pipeline(ahead: lookups, behind: statements + [Self.savepoint], failed: &failedAt) { [weak self] error, at in
                try self?.settled(error, at: at, held: statements.count, document: document, month: month)
            }
            lookedAhead += 1
            return rows
        } catch {
            // A lookup failed, so the held statements did not run: their document (nothing of it
            // ran before them) is taken back to its start and they are sent again; this one fails alone.
            guard failedAt != nil, (try? db.pipeline([Self.undoing[0]])) != nil else { abandon(); throw error }
            held = statements; heldFor = document; heldMonth = month
            _ = try flushing([])
            throw error
        }
    }

    /// What was sent behind a document's lookups has been read: when the held statements
    /// failed, their document alone is undone and the next one's savepoint begun again.
    private func settled(_ error: Error?, at: Int?, held count: Int, document: Int?, month: YearMonth?) throws {
        guard let error else {
            if isOpen, let month { partitioned.insert(month) }
            return
        }
        guard isOpen else { return }
        guard let at, at < count, let document else { abandon(); throw error }
        guard (try? db.pipeline(Self.undoing + [Self.savepoint])) != nil else { abandon(); throw error }
        if let i = entries.firstIndex(where: { $0.ordinal == document }) { failed.append((entries.remove(at: i).document, error)) }
    }

    /// A later document of the group: what is held, then its savepoint and its lookups.
    private func inGroup(_ lookups: [Statement]) throws -> [Rows] {
        do {
            return Array(try flushing([Self.savepoint] + lookups).dropFirst())
        } catch {
            undo()
            throw error
        }
    }

    /// Sends what is held, then `then`, in one round trip; `then`'s rows. When a held
    /// document's statements fail, that document alone is undone (its savepoint is the open
    /// one) and `then` is sent again without it.
    private func flushing(_ then: [Statement]) throws -> [Rows] {
        // What went behind the last lookups is read first (it may undo a document).
        try db.settleBehind()
        let (statements, document, month) = takeHeld()
        var failedAt: Int?
        do {
            let rows = try db.pipeline(statements + then, failed: &failedAt)
            if let month { partitioned.insert(month) }
            return Array(rows.dropFirst(statements.count))
        } catch {
            guard let f = failedAt, f < statements.count, let document else { throw error }
            guard (try? db.pipeline(Self.undoing)) != nil else { abandon(); throw error }
            if let i = entries.firstIndex(where: { $0.ordinal == document }) { failed.append((entries.remove(at: i).document, error)) }
            return try flushing(then)
        }
    }

    private func reset() {
        isOpen = false
        partitioned = []
        entries = []
        _ = takeHeld()
        writing = nil
    }

    /// What is held, its document and month, taken: nothing is held after.
    private func takeHeld() -> (statements: [Statement], document: Int?, month: YearMonth?) {
        defer { held = []; heldFor = nil; heldWrites = nil; heldMonth = nil }
        return (held, heldFor, heldMonth)
    }
}

/// The advisory locks of the ingest.
public enum IngestLocks {
    /// Held while a file is judged and stored, and by a revalidation for its whole length.
    public static let ingest = "727002"

    /// Under the ingest lock alone (a run's set-up: moves a stopped run made, lone signatures).
    public static func exclusively<T>(_ db: Connection, _ body: () throws -> T) throws -> T {
        try db.exec("SELECT pg_advisory_lock($1::bigint)", [ingest])
        defer { _ = try? db.exec("SELECT pg_advisory_unlock($1::bigint)", [ingest]) }
        return try body()
    }
}
