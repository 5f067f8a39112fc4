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
    /// round trip each way; the ingest takes them in `IngestUnitOfWork`).
    public static func shared<T>(_ db: Connection, with other: String, _ body: () throws -> T) throws -> T {
        try db.exec(locking(other))
        defer { _ = try? db.exec(unlocking(other)) }
        return try body()
    }

    public static func locking(_ other: String) -> Statement {
        Statement("SELECT pg_advisory_lock($1::bigint), pg_advisory_lock_shared($2::bigint)", [other, key])
    }

    public static func unlocking(_ other: String) -> Statement {
        Statement("SELECT pg_advisory_unlock_shared($2::bigint), pg_advisory_unlock($1::bigint)", [other, key])
    }

    /// Sends a release held back by `IngestUnitOfWork` (its failure is not thrown: the
    /// unlock then goes alone, and a lost confirmation is made again by the next run).
    public static func send(_ release: [Statement], _ db: Connection, with other: String) {
        guard !release.isEmpty else { return }
        if (try? db.pipeline(release)) == nil { _ = try? db.exec(unlocking(other)) }
    }
}
