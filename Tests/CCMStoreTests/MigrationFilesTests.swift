@testable import CCMStore
import CCMTestSupport
import Foundation
import XCTest

/// The migrations are the `.sql` files under `Sources/CCMStore/Migrations/`, one step each, and a
/// database left at any earlier version by an older ccm still migrates to the same schema.
final class MigrationFilesTests: XCTestCase {
    static let folder = Paths.repo.appendingPathComponent("Sources/CCMStore/Migrations")

    func testEveryFileIsTheStepOfItsNumberInOrder() throws {
        let files = try FileManager.default.contentsOfDirectory(atPath: Self.folder.path)
            .filter { $0.hasSuffix(".sql") }.sorted()
        XCTAssertEqual(files.count, Migrations.all.count, "a .sql file without its line in Migrations.all, or the reverse")
        XCTAssertEqual(files.compactMap { Int($0.prefix(while: \.isNumber)) }, Array(1...files.count),
                       "files numbered 0001, 0002, … without gaps: \(files)")
        XCTAssertEqual(Migrations.all.map(\.version), Array(1...Migrations.all.count))
        for (file, step) in zip(files, Migrations.all) {
            let text = try String(contentsOf: Self.folder.appendingPathComponent(file), encoding: .utf8)
            XCTAssertEqual(text, step.sql, "\(file) is not the SQL of step \(step.version)")
            let lines = text.split(separator: "\n", omittingEmptySubsequences: false)
            XCTAssertTrue(lines.first?.hasPrefix("-- ") == true, "\(file) starts with a one-line comment saying why")
            XCTAssertFalse(lines.count > 1 && lines[1].hasPrefix("--"), "\(file): the why is one line")
            XCTAssertFalse(step.name.isEmpty)
        }
        XCTAssertEqual(Set(Migrations.all.map(\.name)).count, Migrations.all.count, "each step's name is its own")
    }

    func testADatabaseAtEveryEarlierVersionMigratesToTheSameSchema() throws {
        let fresh = try ScratchDatabase()
        defer { fresh.drop() }
        XCTAssertEqual(try Migrations.migrate(fresh.db), Migrations.all.map(\.version))
        let expected = try Self.schema(fresh.db)
        XCTAssertTrue(expected.contains("idx CREATE INDEX certificate_current_number"), expected)

        for version in 1..<Migrations.latestVersion {
            let old = try ScratchDatabase()
            defer { old.drop() }
            XCTAssertEqual(try Migrations.migrate(old.db, through: version), Array(1...version))
            XCTAssertEqual(try Migrations.currentVersion(old.db), version)
            XCTAssertTrue(try Migrations.isPending(old.db))
            XCTAssertEqual(try Migrations.migrate(old.db), Array((version + 1)...Migrations.latestVersion),
                           "from version \(version)")
            XCTAssertFalse(try Migrations.isPending(old.db))
            XCTAssertEqual(try Self.schema(old.db), expected, "the schema migrated from version \(version)")
        }
    }

    /// Tables, columns, constraints, indexes, views, comments, the group roles' grants and the
    /// bookkeeping of `schema_migrations`, one sorted line each.
    static func schema(_ db: Connection) throws -> String {
        try db.exec("""
            SELECT string_agg(x, E'\\n' ORDER BY x) FROM (
              SELECT 'col ' || table_name || '.' || column_name || ' ' || data_type || ' ' || is_nullable || ' ' || coalesce(column_default, '')
                FROM information_schema.columns WHERE table_schema = 'public'
              UNION ALL SELECT 'idx ' || indexdef FROM pg_indexes WHERE schemaname = 'public'
              UNION ALL SELECT 'con ' || conrelid::regclass || ' ' || conname || ' ' || pg_get_constraintdef(oid)
                FROM pg_constraint WHERE connamespace = 'public'::regnamespace
              UNION ALL SELECT 'view ' || viewname || ' ' || definition FROM pg_views WHERE schemaname = 'public'
              UNION ALL SELECT 'comment ' || c.relname || ' ' || d.objsubid || ' ' || d.description
                FROM pg_description d JOIN pg_class c ON c.oid = d.objoid WHERE c.relnamespace = 'public'::regnamespace
              UNION ALL SELECT 'grant ' || grantee || ' ' || table_name || ' ' || privilege_type
                FROM information_schema.role_table_grants WHERE table_schema = 'public' AND grantee IN ('ccm_scriere', 'ccm_citire')
              UNION ALL SELECT 'colgrant ' || grantee || ' ' || table_name || '.' || column_name || ' ' || privilege_type
                FROM information_schema.column_privileges WHERE table_schema = 'public' AND grantee IN ('ccm_scriere', 'ccm_citire')
              UNION ALL SELECT 'step ' || version || ' ' || name FROM schema_migrations
            ) s(x)
            """).first?[0] ?? ""
    }
}

/// An empty database, not migrated (`TestDatabase` migrates its own).
private struct ScratchDatabase {
    let name = "t_" + UUID().uuidString.replacingOccurrences(of: "-", with: "").prefix(16).lowercased()
    let db: Connection

    init() throws {
        try Connection(TestDatabase.adminURL).exec("CREATE DATABASE \(name)")
        db = try Connection(TestDatabase.adminURL + " dbname=\(name)")
    }

    func drop() {
        _ = try? Connection(TestDatabase.adminURL).exec("DROP DATABASE IF EXISTS \(name) WITH (FORCE)")
    }
}
