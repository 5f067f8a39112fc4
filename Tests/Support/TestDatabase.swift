import CCMStore
import Foundation
import XCTest
import CCMApp
import CCMRuntime

/// A fresh, migrated PostgreSQL database per test, on the real server the test script
/// started (CCM_TEST_DATABASE_URL, its owner's URL: `ccm db url --proprietar`), or on ccm's own
/// embedded cluster under .test-home/.
public final class TestDatabase {
    public let name: String
    public let url: String
    public let db: Connection

    public static let adminURL: String = {
        if let u = ProcessInfo.processInfo.environment["CCM_TEST_DATABASE_URL"], !u.isEmpty { return u }
        do { return try EmbeddedPostgres(home: Paths.repo.appendingPathComponent(".test-home")).ensureRunning().owner }
        catch { fatalError("no test database: set CCM_TEST_DATABASE_URL or install PostgreSQL (\(error))") }
    }()

    public init() throws {
        name = "t_" + UUID().uuidString.replacingOccurrences(of: "-", with: "").prefix(16).lowercased()
        let admin = try Connection(TestDatabase.adminURL)
        try admin.exec("CREATE DATABASE \(name)")
        url = TestDatabase.adminURL + " dbname=\(name)"
        db = try Connection(url)
        try Migrations.migrate(db)
    }

    public func drop() {
        guard let admin = try? Connection(TestDatabase.adminURL) else { return }
        _ = try? admin.exec("DROP DATABASE IF EXISTS \(name) WITH (FORCE)")
    }

    public func count(_ sql: String, _ params: [String?] = []) throws -> Int {
        try db.exec(sql, params).first?[0].flatMap(Int.init) ?? -1
    }
}

public enum Paths {
    public static let repo: URL = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    public static let schemas = repo.appendingPathComponent("Schemas")
    public static let sampleData = repo.appendingPathComponent("SampleData")

    /// The `ccm` executable built beside the tests.
    public static var ccm: String {
        if let b = ProcessInfo.processInfo.environment["CCM_BIN"], !b.isEmpty { return b }
        // The test runner (…/debug/ccmPackageTests.xctest) lives beside the executable.
        let runner = Bundle.main.executableURL ?? URL(fileURLWithPath: CommandLine.arguments[0])
        return runner.resolvingSymlinksInPath().deletingLastPathComponent().appendingPathComponent("ccm").path
    }

    public static func temporaryFolder() throws -> URL {
        let u = FileManager.default.temporaryDirectory.appendingPathComponent("ccm-test-" + UUID().uuidString)
        try FileManager.default.createDirectory(at: u, withIntermediateDirectories: true)
        return u
    }
}

/// A test case with a fresh database and folders, and a pipeline over them.
open class DatabaseTestCase: XCTestCase {
    public var database: TestDatabase!
    public var folder: URL!
    public var db: Connection { database.db }

    open override func setUpWithError() throws {
        database = try TestDatabase()
        folder = try Paths.temporaryFolder()
    }

    open override func tearDown() {
        if let database { assertNoOrphanVersions(database) }
        database?.drop()
        if let folder { try? FileManager.default.removeItem(at: folder) }
    }

    /// What the schema no longer enforces row by row (migration 11), checked after every test
    /// that touched a database: each version belongs to a registered document. On its own
    /// connection: some tests end the sessions of the test's own one.
    private func assertNoOrphanVersions(_ database: TestDatabase) {
        do {
            let orphans = try Connection(database.url).exec("""
                SELECT count(*) FROM certificate_versions v LEFT JOIN documents d ON d.id = v.document_id
                WHERE d.id IS NULL OR d.status <> 'INREGISTRAT'
                """).first?[0].flatMap(Int.init)
            XCTAssertEqual(orphans, 0, "certificate versions without a registered document")
        } catch {
            XCTFail("orphan check: \(error)")
        }
    }

    public var inbox: URL { folder.appendingPathComponent("inbox") }

    public func settings(casa: String = "TM", mediu: CCMCore.Environment = .test, maxBytes: Int = 256 << 20) -> Settings {
        Settings(home: folder, databaseURL: database.url, casa: casa, mediu: mediu, signatures: .off,
                 schemasDir: Paths.schemas, rulesFile: nil, archiveDir: folder.appendingPathComponent("arhiva"),
                 quarantineDir: folder.appendingPathComponent("carantina"), inboxDir: inbox, maxFileBytes: maxBytes)
    }

    /// Writes documents into the inbox (named so that they sort in the order given).
    @discardableResult
    public func drop(_ documents: [(String, String)]) throws -> [URL] {
        try FileManager.default.createDirectory(at: inbox, withIntermediateDirectories: true)
        return try documents.map { name, xml in
            let u = inbox.appendingPathComponent(name)
            try Data(xml.utf8).write(to: u)
            return u
        }
    }

    public func ingest(at received: String = "2026-11-10T10:00:00+02:00", settings s: Settings? = nil,
                paths: [String] = []) throws -> IngestPipeline.Summary {
        let p = try IngestPipeline(settings: s ?? settings(), db: db, schema: SharedSchema.schema, rules: SharedSchema.rules)
        return try p.run(paths: paths, receivedAt: ISO8601DateFormatter().date(from: received), keepCertificateLines: true)
    }

    /// Another provider's continuation (4400900), received on 10 November, before its initial
    /// (4400100, this provider's) received on the 11th: the continuation is CU_ERORI until a
    /// revalidation finds its initial.
    public func ingestContinuationBeforeItsInitial() throws {
        try registerProvider(); try registerProvider(Fixture.otherCui)
        var initialCert = Fixture.cert("4400100", serial: 30)
        initialCert.inceput = "2026-10-05"; initialCert.data = "2026-10-05"; initialCert.sfarsit = "2026-10-07"; initialCert.zile = 3
        var next = Fixture.cert("4400900", serial: 30)
        next.inceput = "2026-10-08"; next.data = "2026-10-07"; next.sfarsit = "2026-10-09"; next.zile = 2
        next.continuationOf = ("CCMAM", "4400100", "2026-10-05")
        try drop([("1.xml", Fixture.document(cui: Fixture.otherCui, certificates: [next]))])
        _ = try ingest(at: "2026-11-10T10:00:00+02:00")
        try drop([("2.xml", Fixture.document(certificates: [initialCert]))])
        _ = try ingest(at: "2026-11-11T10:00:00+02:00")
    }

    /// The record of the file `name` cannot be written (a trigger raises): a document failing
    /// at the server, after its rows went; `allowDocuments` lifts it.
    public func refuseDocument(named name: String) throws {
        try db.execScript("""
            CREATE FUNCTION test_refuse() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RAISE EXCEPTION 'refused by the test'; END $$;
            CREATE TRIGGER test_refuse BEFORE INSERT ON documents FOR EACH ROW WHEN (NEW.file_name = '\(name)') EXECUTE FUNCTION test_refuse();
            """)
    }

    public func allowDocuments() throws { try db.execScript("DROP TRIGGER test_refuse ON documents") }

    public func registerProvider(_ cui: String = Fixture.cui, casa: String = "TM", from: String = "2025-01-01", until: String? = nil,
                          email: String? = nil) throws {
        _ = try RegistryStore(db).upsert([Provider(cui: cui, denumire: "CMI Dr. Test \(cui)", casa: casa, nrConventie: "CV-\(cui)",
                                                   conventieDeLa: LocalDate(from)!, conventiePanaLa: until.flatMap(LocalDate.init),
                                                   email: email, tip: .mf)], at: Fixture.registryDate)
    }
}

import CCMCore
import CCMXML

public enum SharedSchema {
    public static let rules: RuleEngine = {
        do { return try RuleEngine.load(Settings(home: Paths.repo, databaseURL: nil, casa: "TM", mediu: .test, signatures: .off,
                                                 schemasDir: Paths.schemas, rulesFile: nil, archiveDir: Paths.repo, quarantineDir: Paths.repo,
                                                 inboxDir: Paths.repo, maxFileBytes: 1)) }
        catch { fatalError("rules: \(error)") }
    }()

    /// Parsed for each use: libxml2's schema stays with the thread that parsed it.
    public static var schema: SubmissionSchema {
        do { return try SubmissionSchema(path: Paths.schemas.appendingPathComponent("ccm-raportare-v1.xsd").path) }
        catch { fatalError("schema: \(error)") }
    }
}
