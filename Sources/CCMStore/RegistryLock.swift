/// What the registry says (providers, doctors, pads, signers) changes as a whole with respect
/// to the documents being judged: an import of several files, or a signer decision, holds this
/// lock exclusively; the ingest holds it shared while it judges one document. A document is
/// thus judged against the registry before or after a change, never half-way through it.
public enum RegistryLock {
    static let key = "727005"

    /// For the length of an import of several files (session lock).
    public static func exclusive<T>(_ db: Connection, _ body: () throws -> T) throws -> T {
        try db.exec("SELECT pg_advisory_lock($1::bigint)", [key])
        defer { _ = try? db.exec("SELECT pg_advisory_unlock($1::bigint)", [key]) }
        return try body()
    }

    /// Inside a transaction that changes the registry, until it ends.
    public static func exclusiveInTransaction(_ db: Connection) throws {
        try db.exec("SELECT pg_advisory_xact_lock($1::bigint)", [key])
    }

    /// While a month is revalidated, together with the ingest lock `other`, exclusive (one
    /// round trip each way; a judged document takes them with `sharedKeepingRelease`).
    public static func shared<T>(_ db: Connection, with other: String, _ body: () throws -> T) throws -> T {
        try db.exec(locking(other))
        defer { _ = try? db.exec(unlocking(other)) }
        return try body()
    }

    /// While one document is judged: `along` is sent in the round trip that takes the locks
    /// (it runs once they are held, and `body` gets its rows); the release is handed back
    /// instead of sent: on success the locks are still held
    /// and `release` (what `releasing` gives, then the unlock) is returned, for the caller to
    /// send at the head of its next round trip — before anything that may wait. `previous`, an
    /// earlier such release, goes first in the round trip that takes the locks again. On
    /// failure the locks are released before the error is thrown.
    public static func sharedKeepingRelease<T>(_ db: Connection, with other: String, after previous: [Statement],
                                               along: [Statement], releasing: () -> [Statement],
                                               _ body: ([Rows]) throws -> T) throws -> (value: T, release: [Statement]) {
        let unlock = unlocking(other)
        var rows: [Rows]
        do {
            rows = Array(try db.pipeline(previous + [locking(other)] + along).dropFirst(previous.count + 1))
        } catch where !previous.isEmpty {
            // Where it stopped is unknown: whichever lock is held (the earlier one, or the new
            // one) is let go, and the locks are taken alone.
            _ = try? db.exec(unlock)
            return try sharedKeepingRelease(db, with: other, after: [], along: along, releasing: releasing, body)
        } catch {
            _ = try? db.exec(unlock)   // `along` failed after the locks were taken
            throw error
        }
        do {
            let value = try body(rows)
            // Its own transaction: a pipeline's statements share one implicit transaction up to
            // an explicit COMMIT, and the confirmation's row must not stay locked while the
            // next lock is waited for (a worker inserting the same bytes waits on that row
            // while holding the lock: a deadlock).
            let confirm = releasing()
            return (value, (confirm.isEmpty ? [] : [Statement("BEGIN")] + confirm + [Statement("COMMIT")]) + [unlock])
        } catch {
            if (try? db.pipeline(releasing() + [unlock])) == nil { _ = try? db.exec(unlock) }
            throw error
        }
    }

    public static func locking(_ other: String) -> Statement {
        Statement("SELECT pg_advisory_lock($1::bigint), pg_advisory_lock_shared($2::bigint)", [other, key])
    }

    public static func unlocking(_ other: String) -> Statement {
        Statement("SELECT pg_advisory_unlock_shared($2::bigint), pg_advisory_unlock($1::bigint)", [other, key])
    }

    /// Sends a release handed back by `sharedKeepingRelease` (its failure is not thrown: the
    /// unlock then goes alone, and a lost confirmation is made again by the next run).
    public static func send(_ release: [Statement], _ db: Connection, with other: String) {
        guard !release.isEmpty else { return }
        if (try? db.pipeline(release)) == nil { _ = try? db.exec(unlocking(other)) }
    }
}
