/// Versioned schema migrations, applied in order, each in its own transaction, under an
/// advisory lock so that two processes starting together migrate once.
public enum Migrations {
    public struct Step: Sendable {
        public let version: Int; public let name: String; public let sql: String
        init(_ version: Int, _ name: String, _ sql: [UInt8]) {
            self.version = version; self.name = name; self.sql = String(decoding: sql, as: UTF8.self)
        }
    }

    /// Each step's SQL is `Migrations/NNNN_what.sql` (a one-line comment on top saying why),
    /// embedded in the binary by SwiftPM as `PackageResources._NNN_what_sql` (the name's first
    /// character, a digit, becomes `_`). The next migration: add its file, then its line here; its
    /// name goes into `schema_migrations` and never changes. `MigrationFilesTests` checks both.
    public static let all: [Step] = [
        Step(1, "registry, documents, certificates", PackageResources._001_registry_documents_certificates_sql),
        Step(2, "rules engine: doctors, pads, verdicts, history indexes", PackageResources._002_rules_engine_sql),
        Step(3, "history: provider versions, revalidation versions, as-of index", PackageResources._003_history_sql),
        Step(4, "signatures: trust material, signer enrolment with history", PackageResources._004_signatures_sql),
        Step(5, "notifications: the send log of error reports", PackageResources._005_notifications_sql),
        Step(6, "least privilege: a writer role for the batch, a read-only role for reporting", PackageResources._006_roles_sql),
        Step(7, "moves recorded before they happen: documents by content and by file name", PackageResources._007_moves_sql),
        Step(8, "the inbox queue that workers share", PackageResources._008_ingest_queue_sql),
        Step(9, "one index fewer on certificate versions: every number lookup is of current versions", PackageResources._009_drop_number_index_sql),
        Step(10, "one index fewer on certificate versions: a provider's month is found by (luna, cui)", PackageResources._010_drop_month_index_sql),
        Step(11, "certificate versions without a per-row foreign-key trigger: written with their document", PackageResources._011_drop_version_document_fk_sql),
        Step(12, "documents by their bytes, whatever their status or place", PackageResources._012_documents_by_bytes_sql),
        Step(13, "no index on the move confirmation: it can be a HOT update", PackageResources._013_drop_pending_move_index_sql),
        Step(14, "the reader sees no personal data: the public findings of certificates and reasons of files as views", PackageResources._014_public_views_sql),
        Step(15, "each history index only for the lookups by its own key", PackageResources._015_history_index_predicates_sql),
        Step(16, "the reader sees whether each error report went out (not to whom)", PackageResources._016_notification_state_for_reader_sql),
        Step(17, "certificate versions in monthly partitions; the rules' lookups on a table of the current versions", PackageResources._017_monthly_partitions_sql),
        Step(18, "room on each documents page for its moves' confirmations", PackageResources._018_documents_room_for_moves_sql),
        Step(19, "a batch of certificate rows as one array of records", PackageResources._019_certificate_row_sql),
        Step(20, "no index by provider on certificate versions", PackageResources._020_drop_versions_cui_index_sql),
        Step(21, "the ingest's values checked by domains; the partition's name inlined", PackageResources._021_checks_as_domains_sql),
    ]

    static let lockKey = "727001" // pg_advisory_xact_lock key for migrations

    /// Applies what is missing; returns the versions applied now. A database already at the
    /// latest version is only read (so a read-only role can open it).
    @discardableResult
    public static func migrate(_ db: Connection) throws -> [Int] {
        try migrate(db, through: latestVersion)
    }

    /// The steps up to `version` only: a database as an earlier ccm left it (the tests'). The
    /// grants follow only a complete run, since they name what the later steps create.
    static func migrate(_ db: Connection, through version: Int) throws -> [Int] {
        guard try isPending(db) else { return [] }
        try db.exec("CREATE TABLE IF NOT EXISTS schema_migrations (version int PRIMARY KEY, name text NOT NULL, applied_at timestamptz NOT NULL DEFAULT now())")
        var applied: [Int] = []
        for step in all where step.version <= version {
            let done = try db.transaction { () -> Bool in
                try db.exec("SELECT pg_advisory_xact_lock($1::bigint)", [lockKey])
                if try db.exec("SELECT 1 FROM schema_migrations WHERE version = $1", ["\(step.version)"]).count > 0 { return false }
                try db.execScript(step.sql)
                try db.exec("INSERT INTO schema_migrations(version, name) VALUES ($1, $2)", ["\(step.version)", step.name])
                return true
            }
            if done { applied.append(step.version) }
        }
        if !applied.isEmpty && version >= latestVersion { try db.execScript(grants) }
        return applied
    }

    /// Whether the schema lacks a migration this version of ccm knows (or does not exist yet):
    /// any one, not only past the highest applied (two branches may have numbered theirs apart).
    public static func isPending(_ db: Connection) throws -> Bool {
        let exists = try db.exec("SELECT to_regclass('schema_migrations') IS NOT NULL AS e").first?.bool("e") ?? false
        guard exists else { return true }
        let applied = Set(try db.exec("SELECT version FROM schema_migrations").compactMap { $0.int("version") })
        return all.contains { !applied.contains($0.version) }
    }

    /// Whether the connected role may migrate: it is (or is a member of) the owner of the schema
    /// it would change; a superuser is. The batch and reporting roles are not.
    public static func mayMigrate(_ db: Connection) throws -> Bool {
        try db.exec("""
            SELECT CASE WHEN to_regclass('schema_migrations') IS NULL
                        THEN has_schema_privilege('public', 'CREATE')
                        ELSE pg_has_role((SELECT tableowner FROM pg_tables WHERE schemaname = 'public' AND tablename = 'schema_migrations'), 'USAGE')
                   END AS m
            """).first?.bool("m") ?? false
    }

    public static var latestVersion: Int { all.last?.version ?? 0 }

    public static func currentVersion(_ db: Connection) throws -> Int {
        try db.exec("SELECT coalesce(max(version), 0) AS v FROM schema_migrations").first?.int("v") ?? 0
    }
}
