/// Who a connection is, and what the embedded cluster needs besides the schema: its database and
/// the login roles of the batch and of the reporting (members of migration 6's group roles).
public enum ClusterRoles {
    /// The connected role and database, as the server names them.
    public static func connected(_ db: Connection) throws -> (role: String, database: String) {
        let r = try db.exec("SELECT current_user AS u, current_database() AS d").first
        return (r?["u"] ?? "", r?["d"] ?? "")
    }

    /// Creates database `name` unless it exists; `maintenance`: a connection to another database
    /// of the cluster, outside any transaction (CREATE DATABASE runs in none).
    public static func ensureDatabase(_ name: String, on maintenance: Connection) throws {
        guard try maintenance.exec("SELECT 1 FROM pg_database WHERE datname = $1", [name]).count == 0 else { return }
        try maintenance.exec("CREATE DATABASE " + identifier(name))
    }

    /// The login roles, created once (never altered after: what a DBA changed stays); the group
    /// roles come from migration 6, run as the owner just before.
    public static func ensureLogins(batch: String, reader: String, on owner: Connection) throws {
        try owner.execScript("""
            DO $$
            BEGIN
                IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = \(literal(batch))) THEN
                    CREATE ROLE \(identifier(batch)) LOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE NOREPLICATION NOBYPASSRLS IN ROLE ccm_scriere;
                END IF;
                IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = \(literal(reader))) THEN
                    CREATE ROLE \(identifier(reader)) LOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE NOREPLICATION NOBYPASSRLS IN ROLE ccm_citire;
                END IF;
            END $$;
            """)
    }

    static func identifier(_ name: String) -> String { "\"" + name.replacingOccurrences(of: "\"", with: "\"\"") + "\"" }
    static func literal(_ text: String) -> String { "'" + text.replacingOccurrences(of: "'", with: "''") + "'" }
}
