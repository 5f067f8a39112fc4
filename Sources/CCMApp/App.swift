import CCMCore
import CCMRuntime
import CCMStore
import CCMXML
import Foundation

/// Opens what commands share: the database (embedded by default, migrated) and the schema.
public enum App {
    /// Who connects (`05-cli.md`, least privilege): the owner only migrates; the batch writes as a
    /// member of `ccm_scriere`; the reporting reads as a member of `ccm_citire`.
    public enum Access { case owner, batch, reporting }

    /// With a database URL, the schema is migrated when that role may (the owner's); another
    /// role finding a migration pending is told to run `ccm db migrate` with the owner's URL, and
    /// an up-to-date schema is only read. The embedded default is migrated as its owner.
    public static func connect(_ settings: Settings, as access: Access, migrate: Bool = true) throws -> Connection {
        let url: String
        var external = true
        var remembered = false
        if let batch = settings.databaseURL {
            url = access == .reporting ? settings.readerDatabaseURL ?? batch : batch
        } else if settings.readerDatabaseURL != nil {
            // The reader's database alone would leave the batch on the embedded one: two databases.
            throw AppError.usage("CCM_DATABASE_URL_CITIRE (--database-url-citire) este dat fără CCM_DATABASE_URL (--database-url): " +
                                 "dați și conexiunea lotului, către aceeași bază")
        } else {
            let (logins, known) = try EmbeddedPostgres.ensuredOnce(home: settings.home)
            url = access == .owner ? logins.owner : access == .batch ? logins.batch : logins.reader
            external = false
            remembered = known
        }
        let db: Connection
        do { db = try Connection(url) } catch {
            // Stopped since it was made sure of: made sure of again.
            if remembered { EmbeddedPostgres.forget(home: settings.home); return try connect(settings, as: access, migrate: migrate) }
            throw AppError.from(error)
        }
        if migrate && external { try migrateIfAllowed(db) }
        return db
    }

    /// Migrates as the owner; another role with a migration pending gets exit 1: the deployment
    /// must be upgraded by the DBA (the owner's URL), and a rerun as the same role will not help.
    @discardableResult
    public static func migrateIfAllowed(_ db: Connection) throws -> [Int] {
        guard try Migrations.isPending(db) else { return [] }
        let me = try ClusterRoles.connected(db)
        let refused = AppError.usage(
            "schema ccm a bazei de date \(me.database) lipsește sau este mai veche decât versiunea \(Migrations.latestVersion) cerută de ccm, " +
            "iar rolul \(me.role) nu o poate actualiza: rulați `ccm db migrate --database-url URL` cu URL-ul proprietarului bazei")
        guard try Migrations.mayMigrate(db) else { throw refused }
        let applied: [Int]
        do { applied = try Migrations.migrate(db) } catch let e as StoreError where e.sqlstate == "42501" {
            throw AppError.usage(refused.description + " (\(e.description))")
        }
        if !applied.isEmpty { Log.info("migrări aplicate: \(applied.map(String.init).joined(separator: ", "))") }
        return applied
    }

    public static func schema(_ settings: Settings) throws -> SubmissionSchema {
        let path = settings.schemasDir.appendingPathComponent("ccm-raportare-v1.xsd").path
        do { return try SubmissionSchema(path: path) } catch {
            throw AppError.usage("schema XSD nu poate fi încărcată: \(error)")
        }
    }

    /// The reader on the schema parsed again, for the thread preparing ahead; refused in the same words.
    static func readerAgain(_ recipe: SubmissionReader.Recipe) throws -> SubmissionReader {
        do { return try recipe.reader() } catch {
            throw AppError.usage("schema XSD nu poate fi încărcată: \(error)")
        }
    }

    public static func centralizer(_ db: Connection, settings: Settings, luna: YearMonth, asOf: Date) throws -> Centralizer {
        let casa = try settings.deployment().casa
        let months = try MonthStore(db).providerMonths(casa: casa, luna: luna, asOf: asOf)
        return Centralizer(casa: casa, luna: luna, asOf: asOf, months: months, house: try settings.house(), contact: settings.contact)
    }
}
