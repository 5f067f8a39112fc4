import CCMStore
import Foundation

/// The schema this build brings and the one a database is at (`ccm --version`).
public enum SchemaVersion {
    public static var latest: Int { Migrations.latestVersion }

    /// Read as the reporting role, never migrated by this.
    public static func ofDatabase(_ settings: Settings) throws -> Int {
        try Migrations.currentVersion(try App.connect(settings, as: .reporting, migrate: false))
    }
}
