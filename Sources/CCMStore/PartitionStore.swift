import CCMCore
import Foundation

/// The months of `certificate_versions`, one partition each (migration 0017), and the
/// detachment of an old one: its partition becomes a table of its own, kept whole.
public struct PartitionStore {
    let db: Connection
    public init(_ db: Connection) { self.db = db }

    public enum Detached: Equatable {
        /// Detached now, into this table; `current` rows left `certificate_current`.
        case detached(table: String, current: Int)
        /// Detached before, into this table.
        case already(table: String)
        /// No version of the month was ever stored.
        case none
    }

    /// The lock under which partitions are made (`certificate_versions_partition`, migration 0017,
    /// takes it by this number; `MonthPartitionTests` checks the two agree) and detached.
    public static let lockKey = "727006"

    /// The months that have a partition attached, oldest first.
    public func months() throws -> [YearMonth] { try db.run(PartitionStore.months) }

    /// The same, to be sent with others (an ingest group's first round trip).
    static var months: Query<[YearMonth]> { Query(Statement("""
        SELECT to_char(m, 'YYYY-MM') AS m FROM (
            SELECT (regexp_match(pg_get_expr(c.relpartbound, c.oid), 'FROM \\(''([0-9-]+)''\\)'))[1]::date AS m
            FROM pg_inherits i JOIN pg_class c ON c.oid = i.inhrelid WHERE i.inhparent = 'certificate_versions'::regclass) p
        ORDER BY m
        """)) { rows in rows.compactMap { $0["m"].flatMap(YearMonth.init) } } }

    /// The table a month's partition is detached into.
    public static func detachedName(_ partition: String) -> String { partition + detachedSuffix }
    static let detachedSuffix = "_detasata"

    /// Whether the month of `$n` (a date) was detached: an SQL expression, asked with a document's header facts.
    static func isDetached(_ n: Int) -> String {
        "to_regclass('public.' || quote_ident(certificate_versions_partition_name($\(n)::date) || '\(detachedSuffix)')) IS NOT NULL"
    }

    /// Detaches the month's partition, in one transaction with the removal of its rows from
    /// `certificate_current` (the rules no longer see the month). The owner's connection: the
    /// partition's table is the owner's. Under the partitions' lock, as their making is, and
    /// under the ingest's and revalidation's (no document is judged half before, half after).
    public func detach(_ luna: YearMonth) throws -> Detached {
        try RegistryLock.shared(db, with: IngestLocks.ingest) { try detachLocked(luna) }
    }

    private func detachLocked(_ luna: YearMonth) throws -> Detached {
        try db.transaction {
            try db.exec("SELECT pg_advisory_xact_lock($1::bigint)", [PartitionStore.lockKey])
            guard let part = try db.exec("SELECT certificate_versions_partition_name($1::date) AS p", [luna.firstDay.description])
                    .first?["p"] else { return .none }
            let attached = try db.exec("""
                SELECT 1 FROM pg_inherits i JOIN pg_class c ON c.oid = i.inhrelid
                WHERE i.inhparent = 'certificate_versions'::regclass AND c.relname = $1
                """, [part]).count > 0
            let target = PartitionStore.detachedName(part)
            guard attached else {
                let kept = try db.exec("SELECT to_regclass($1) IS NOT NULL AS e", ["public." + target]).first?.bool("e") ?? false
                return kept ? .already(table: target) : .none
            }
            // Names from the month (a YearMonth) through the database's own function: no text of the caller's.
            try db.exec("ALTER TABLE certificate_versions DETACH PARTITION public.\"\(part)\"")
            try db.exec("ALTER TABLE public.\"\(part)\" RENAME TO \"\(target)\"")
            let removed = try db.exec("WITH d AS (DELETE FROM certificate_current WHERE luna = $1::date RETURNING 1) SELECT count(*) AS n FROM d",
                                      [luna.firstDay.description]).first?.int("n") ?? 0
            return .detached(table: target, current: removed)
        }
    }
}
