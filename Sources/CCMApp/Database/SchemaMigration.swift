import CCMRuntime
import CCMStore
import Foundation

/// `ccm db migrate`: the schema created or brought up to date with the owner's connection.
public enum SchemaMigration {
    public struct Result { public var version: Int; public var applied: [Int] }

    public static func run(_ settings: Settings) throws -> Result {
        let db: Connection, applied: [Int]
        if settings.databaseURL == nil {
            // The embedded cluster is migrated as its owner when it is opened.
            let logins = try EmbeddedPostgres(home: settings.home).ensureRunning()
            db = try Connection(logins.owner)
            applied = logins.applied
        } else {
            db = try App.connect(settings, as: .owner, migrate: false)
            applied = try App.migrateIfAllowed(db)
        }
        return Result(version: try Migrations.currentVersion(db), applied: applied)
    }
}
