import CCMCore
import CCMStore
import CCMXML
import Foundation

/// Opens what commands share: the database (embedded by default, migrated) and the schema.
public enum App {
    public static func connect(_ settings: Settings, migrate: Bool = true) throws -> Connection {
        let url: String
        if let u = settings.databaseURL { url = u }
        else { url = try EmbeddedPostgres(home: settings.home).ensureRunning() }
        let db: Connection
        do { db = try Connection(url) } catch { throw AppError.from(error) }
        if migrate {
            let applied = try Migrations.migrate(db)
            if !applied.isEmpty { Log.info("migrări aplicate: \(applied.map(String.init).joined(separator: ", "))") }
        }
        return db
    }

    public static func schema(_ settings: Settings) throws -> SubmissionSchema {
        let path = settings.schemasDir.appendingPathComponent("ccm-raportare-v1.xsd").path
        do { return try SubmissionSchema(path: path) } catch {
            throw AppError.usage("schema XSD nu poate fi încărcată: \(error)")
        }
    }

    public static func centralizer(_ db: Connection, settings: Settings, luna: YearMonth, asOf: Date) throws -> Centralizer {
        let casa = try settings.deployment().casa
        let months = try MonthStore(db).providerMonths(casa: casa, luna: luna, asOf: asOf)
        return Centralizer(casa: casa, luna: luna, asOf: asOf, months: months)
    }
}
