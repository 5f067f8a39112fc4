import CCMRuntime
import Foundation

/// `ccm db url` and `ccm db stop`: the embedded cluster under `$CCM_HOME`, started when needed.
public enum EmbeddedDatabase {
    public enum Login: Sendable { case batch, reader, owner }

    /// The login's connection URL, the cluster started (and migrated) first if it was not running.
    public static func url(_ settings: Settings, as login: Login) throws -> String {
        let logins = try EmbeddedPostgres(home: settings.home).ensureRunning()
        switch login {
        case .batch: return logins.batch
        case .reader: return logins.reader
        case .owner: return logins.owner
        }
    }

    public static func stop(_ settings: Settings) throws {
        try EmbeddedPostgres(home: settings.home).stop()
    }
}
