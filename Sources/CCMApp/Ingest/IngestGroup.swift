import CCMStore
import Foundation

/// Several documents judged one after the other in one transaction, under one taking of the
/// ingest and registry locks: one durable commit for the group instead of one per file. Each
/// document lives in its own savepoint, so that one that fails is rolled back alone and its
/// neighbours stay; files are moved only once the group is committed (a stop before the commit
/// leaves them in the inbox, unregistered; a stop after it, registered and unmoved: the next run
/// only moves them). The claims of the group's files stay open on the queue's connection until
/// then, so that a worker that dies mid-group hands every one of them back to the others.
struct IngestGroup {
    /// At most this many documents: each savepoint is a subtransaction, and past 64 of them a
    /// transaction's subtransactions no longer fit the cache every other snapshot reads.
    static let maxDocuments = 32
    /// Certificates after which the group commits (one hospital's file is a group of its own).
    static let maxCertificates = 20_000
    /// Seconds after which the group commits: its verdicts are printed, and its locks let go.
    static let maxSeconds = 0.5

    /// The transaction is open and the locks held.
    private(set) var open = false
    private var openedAt = 0.0
    private(set) var documents = 0
    private var certificates = 0
    /// Files judged in the group, in order: their outcome, printed once their move is done.
    var pending: [Pending] = []
    /// Records made in the group: unmoved until the commit, and not a stopped run's to finish.
    private(set) var recordIds: Set<Int> = []
    /// Where the group's files will go: taken, although nothing is there yet.
    var reserved: Set<String> = []
    /// Statements sent at the head of the next round trip: a savepoint's release, or the last
    /// statements of the document `heldFor` (`pending`'s index), whose failure undoes it alone.
    var held: [Statement] = []
    var heldFor: Int?

    struct Pending {
        var outcome: FileOutcome
        var move: IngestPipeline.MovePlan?
    }

    static let savepoint = Statement("SAVEPOINT document")
    static let release = Statement("RELEASE SAVEPOINT document")
    static let undo = [Statement("ROLLBACK TO SAVEPOINT document"), Statement("RELEASE SAVEPOINT document")]

    mutating func opened() {
        open = true
        openedAt = Date().timeIntervalSinceReferenceDate
    }

    mutating func add(_ p: Pending, recordId: Int?) {
        pending.append(p)
        documents += 1
        certificates += p.outcome.certificateCount
        if let recordId { recordIds.insert(recordId) }
    }

    var full: Bool {
        documents >= IngestGroup.maxDocuments || certificates >= IngestGroup.maxCertificates
            || Date().timeIntervalSinceReferenceDate - openedAt >= IngestGroup.maxSeconds
    }

    mutating func takeHeld() -> (statements: [Statement], document: Int?) {
        defer { held = []; heldFor = nil }
        return (held, heldFor)
    }

    /// A document whose statements failed: no longer in the group.
    mutating func drop(_ i: Int) -> Pending {
        let p = pending.remove(at: i)
        documents -= 1
        certificates -= p.outcome.certificateCount
        if let t = p.move?.target { reserved.remove(t) }
        if let id = p.move?.recordId { recordIds.remove(id) }
        return p
    }

    /// Everything forgotten: the group was committed (or lost).
    mutating func reset() { self = IngestGroup() }
}
