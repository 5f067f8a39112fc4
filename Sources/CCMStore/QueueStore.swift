import Foundation

/// The inbox as the workers share it (migration 0008). Each worker holds a second connection
/// for its claim: the row stays locked while the worker prepares and judges the file, and is
/// released by its COMMIT (or by the connection's end when the worker dies).
public struct QueueStore {
    let db: Connection
    public init(_ db: Connection) { self.db = db }

    public struct Arrival: Equatable, Sendable {
        public var path: String, size: Int, mtime: Date, receivedAt: Date
        public init(path: String, size: Int, mtime: Date, receivedAt: Date) {
            self.path = path; self.size = size; self.mtime = mtime; self.receivedAt = receivedAt
        }
    }

    public struct Claim: Equatable, Sendable {
        public var id: Int; public var path: String; public var receivedAt: Date
        /// Whether an earlier arrival was still waiting when this one was claimed (when none
        /// was, the claim's turn has come: `turn` need not ask).
        public var afterOthers = true
        /// The arrival's place in receipt order as the database holds it (not rounded through a Date).
        public var key: Floor
        public init(id: Int, path: String, receivedAt: Date, afterOthers: Bool, key: Floor) {
            self.id = id; self.path = path; self.receivedAt = receivedAt; self.afterOthers = afterOthers; self.key = key
        }
    }

    /// Where a worker's claims start looking: every arrival up to it was done (or being done)
    /// when the worker's turn last came. A finished arrival's entry stays in the waiting index,
    /// dead, until a vacuum, so a look from the start of the queue would walk every file the run
    /// has done, a cost growing with the run.
    /// An arrival queued behind the floor since (another run's, received earlier) is found by the
    /// look from the start that a claim makes before it says the queue is empty.
    public struct Floor: Equatable, Sendable {
        public var receivedAt: String, path: String
        public init(receivedAt: String, path: String) { self.receivedAt = receivedAt; self.path = path }
        var parameters: [String?] { [receivedAt, path] }
    }

    /// Queues what a scan saw. An arrival already done is queued again only when it is still
    /// there and was done before this run began (a failure left it in the inbox). Neither
    /// statement waits for a claimed row: `ON CONFLICT DO UPDATE` would lock every conflicting
    /// row, and a worker waiting for its turn behind one of them would wait forever.
    public func enqueue(_ arrivals: [Arrival], runStarted: Date) throws {
        for chunk in stride(from: 0, to: arrivals.count, by: 5000).map({ Array(arrivals[$0..<min($0 + 5000, arrivals.count)]) }) {
            for st in QueueStore.enqueue(chunk, runStarted: runStarted) { try db.exec(st) }
        }
    }

    /// Each arrival looked up by its key (a LATERAL per arrival): as a join, a scan of the whole
    /// queue — which keeps every arrival ever done — is as cheap to a planner that takes it for empty.
    static func enqueue(_ chunk: [Arrival], runStarted: Date) -> [Statement] {
        // The times as the text PostgreSQL read them from before (`Timestamps.sql`), cast there.
        var sizes = BinaryArrays([.int8])
        for a in chunk { sizes.int8(a.size); sizes.endRow() }
        let keys = [BinaryArrays.texts(chunk.map(\.path)), sizes.parameters()[0], BinaryArrays.texts(chunk.map { Timestamps.sql($0.mtime) })]
        return [Statement("""
            INSERT INTO ingest_queue (path, size_bytes, mtime, received_at)
            SELECT * FROM unnest($1::text[], $2::bigint[], $3::text[]::timestamptz[], $4::text[]::timestamptz[])
            ON CONFLICT (path, size_bytes, mtime) DO NOTHING
            """, binary: keys + [BinaryArrays.texts(chunk.map { Timestamps.sql($0.receivedAt) })]),
                Statement("""
            UPDATE ingest_queue SET state = 'ASTEAPTA', done_at = NULL, queued_at = clock_timestamp()
            WHERE id IN (
                SELECT q.id FROM unnest($2::text[], $3::bigint[], $4::text[]::timestamptz[]) a(path, size_bytes, mtime),
                  LATERAL (SELECT id FROM ingest_queue WHERE path = a.path AND size_bytes = a.size_bytes AND mtime = a.mtime
                           AND state = 'GATA' AND done_at < $1::timestamptz FOR UPDATE SKIP LOCKED) q)
            """, [Timestamps.sql(runStarted)], binary: keys)]
    }

    /// Opens the claim transaction and takes the earliest waiting arrival no one holds (after
    /// `floor`, then from the start if there is none), in one round trip with the question
    /// `turn` asks first (is the first waiting arrival an earlier one?) — and with the end of
    /// the claim `finishing`, when there is one (as `finish` would end it).
    ///
    /// `holding`: the claim transaction stays open — `done` is marked done in it and the next
    /// claim joins it, and nothing is committed even when the queue is empty (`commit` ends it):
    /// the claims of a group of documents end with the group (`IngestUnitOfWork`).
    public func claimNext(finishing done: Claim? = nil, after floor: Floor? = nil, holding: Bool = false) throws -> Claim? {
        let finish = done.map { holding ? [QueueStore.finish($0)[0]] : QueueStore.finish($0) + [Statement("BEGIN")] }
            ?? (holding ? [] : [Statement("BEGIN")])
        let r = try db.pipeline(finish + [QueueStore.claim(after: floor)])[finish.count]
        if let claim = QueueStore.claim(r) { return claim }
        if floor != nil, let claim = QueueStore.claim(try db.exec(QueueStore.claim(after: nil))) { return claim }
        if !holding { try db.exec("COMMIT") }
        return nil
    }

    /// In a claim transaction held open: `claim` marked done and the next arrival after it
    /// claimed, sent ahead (the server answers while the client judges `claim`'s file); read
    /// with `receiveClaim`, which gives nil when nothing waits after it.
    public func sendClaim(after claim: Claim) throws -> Connection.InFlight {
        try db.send([QueueStore.finish(claim)[0], QueueStore.claim(after: claim.key)])
    }

    public func receiveClaim(_ f: Connection.InFlight) throws -> Claim? {
        QueueStore.claim(try db.receive(f)[1])
    }

    /// Ends a claim transaction held open (`claimNext(holding:)`): every claim in it is done.
    public func commit() throws { try db.exec("COMMIT") }

    static func claim(after floor: Floor?) -> Statement {
        Statement("""
            WITH c AS (SELECT id, path, received_at FROM ingest_queue WHERE state = 'ASTEAPTA'\(after(floor, "", from: 1))
                       ORDER BY received_at, path FOR UPDATE SKIP LOCKED LIMIT 1)
            SELECT c.id, c.path, extract(epoch FROM c.received_at) AS r, c.received_at::text AS rt,
                   coalesce((SELECT (q.received_at, q.path) < (c.received_at, c.path) FROM ingest_queue q
                             WHERE q.state = 'ASTEAPTA'\(after(floor, "q.", from: 1))
                             ORDER BY q.received_at, q.path LIMIT 1), false) AS after_others
            FROM c
            """, floor.map(\.parameters) ?? [], prepare: true)
    }

    /// The condition that keeps a look after `floor` (none without one), its parameters
    /// numbered from `n`, its columns those of `alias`.
    static func after(_ floor: Floor?, _ alias: String, from n: Int) -> String {
        floor == nil ? "" : " AND (\(alias)received_at, \(alias)path) > ($\(n)::timestamptz, $\(n + 1))"
    }

    static func claim(_ rows: Rows) -> Claim? {
        guard let row = rows.first, let id = row.int("id"), let path = row["path"], let at = Timestamps.fromEpoch(row["r"]),
              let key = row["rt"] else { return nil }
        return Claim(id: id, path: path, receivedAt: at, afterOthers: row.bool("after_others"), key: Floor(receivedAt: key, path: path))
    }

    public enum Turn: Equatable { case mine, earlierFree }

    /// Waits until `claim` is the earliest arrival still waiting. An earlier one held by
    /// another worker is waited for on its row lock (its claim ends with its COMMIT: no
    /// polling); one held by no worker (its worker died, or it was queued since) makes this
    /// worker let its claim go and start again from the earliest.
    /// Only arrivals after `floor` are looked at (the claim was made after it).
    public func turn(of claim: Claim, after floor: Floor? = nil) throws -> Turn {
        guard claim.afterOthers else { return .mine }
        while true {
            guard let first = try db.exec(QueueStore.firstWaiting(before: claim.key, after: floor)).first,
                  first.bool("before"), let earlier = first.int("id") else { return .mine }
            if !(try db.exec(QueueStore.takeIfFree(earlier)).values.isEmpty) { return .earlierFree }
            // Held: wait for its worker's COMMIT (or its connection's end).
            try db.exec(QueueStore.waitFor(earlier))
        }
    }

    /// The first waiting arrival, compared with `key`: an index scan that stops at one entry
    /// (a range bounded by the claim's key would be walked to its end).
    static func firstWaiting(before key: Floor, after floor: Floor?) -> Statement {
        Statement("""
            SELECT id, (received_at, path) < ($1::timestamptz, $2) AS before FROM ingest_queue
            WHERE state = 'ASTEAPTA'\(QueueStore.after(floor, "", from: 3)) ORDER BY received_at, path LIMIT 1
            """, key.parameters + (floor?.parameters ?? []))
    }

    /// The arrival, locked, if it still waits and no worker holds it. Not done is written
    /// `<> 'GATA'`: `= 'ASTEAPTA'` would make a walk of the whole waiting index (its predicate)
    /// a way to find one id, the way a planner that thinks the queue empty takes.
    static func takeIfFree(_ id: Int) -> Statement {
        Statement("SELECT id FROM ingest_queue WHERE id = $1 AND state <> 'GATA' FOR UPDATE SKIP LOCKED", ["\(id)"])
    }

    static func waitFor(_ id: Int) -> Statement { Statement("SELECT id FROM ingest_queue WHERE id = $1 FOR SHARE", ["\(id)"]) }

    /// The arrival is done (judged, moved, or left by a failure for a later run); the claim ends.
    public func finish(_ claim: Claim) throws { _ = try db.pipeline(QueueStore.finish(claim)) }

    static func finish(_ claim: Claim) -> [Statement] {
        [Statement("UPDATE ingest_queue SET state = 'GATA', done_at = clock_timestamp() WHERE id = $1", ["\(claim.id)"]),
         Statement("COMMIT")]
    }

    /// Lets the claim go without finishing it.
    public func release() throws { try db.exec("ROLLBACK") }

    /// How many arrivals are still waiting, and their bytes (for the progress line's time left).
    public func waitingLoad() throws -> (files: Int, bytes: Int) {
        let r = try db.exec("SELECT count(*) AS n, coalesce(sum(size_bytes), 0) AS b FROM ingest_queue WHERE state = 'ASTEAPTA'").first
        return (r?.int("n") ?? 0, r?.int("b") ?? 0)
    }
}
