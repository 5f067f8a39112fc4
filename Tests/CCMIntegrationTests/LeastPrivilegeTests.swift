import CCMCore
import CCMStore
import Foundation
import XCTest
@testable import CCMApp

/// The batch writes as `ccm_scriere`; the centralizer and status read as `ccm_citire`.
final class LeastPrivilegeTests: DatabaseTestCase {
    var logins: [String] = []

    override func tearDown() {
        if let admin = try? Connection(TestDatabase.adminURL) {
            for l in logins { _ = try? admin.exec("DROP OWNED BY \(l)"); _ = try? admin.exec("DROP ROLE IF EXISTS \(l)") }
        }
        super.tearDown()
    }

    func login(_ role: String) throws -> String {
        let name = database.name + "_" + (role == "ccm_citire" ? "r" : "w")
        try db.exec("CREATE ROLE \(name) LOGIN IN ROLE \(role)")
        logins.append(name)
        return database.url + " user=\(name)"
    }

    func testReportingWorksReadOnlyAndCannotWrite() throws {
        try registerProvider()
        try drop([("1.xml", Fixture.document())])
        _ = try ingest()
        let url = try login("ccm_citire")
        let reader = try Connection(url)
        XCTAssertEqual(try Migrations.migrate(reader), [], "an up-to-date database is only read")
        let t = try App.centralizer(reader, settings: settings(), luna: YearMonth("2026-10")!, asOf: Date())
        XCTAssertEqual(t.rows.first?.stage, .validat)
        XCTAssertThrowsError(try reader.exec("UPDATE documents SET status = 'RESPINS'")) { e in
            XCTAssertEqual((e as? StoreError)?.sqlstate, "42501", "permission denied")
        }
        let r = try CLI.run(["centralizer", "--luna", "2026-10", "--format", "json"],
                            env: ["CCM_DATABASE_URL": url, "CCM_HOME": folder.path, "CCM_CASA": "TM"])
        XCTAssertEqual(r.status, 0, r.stderr)
        XCTAssertTrue(r.stdout.contains(Fixture.cui))
        let status = try CLI.run(["status", "--luna", "2026-10"], env: ["CCM_DATABASE_URL": url, "CCM_HOME": folder.path, "CCM_CASA": "TM"])
        XCTAssertEqual(status.status, 0, status.stderr)
    }

    func testTheBatchRunsAsTheWriterRole() throws {
        try registerProvider()
        let url = try login("ccm_scriere")
        try drop([("1.xml", Fixture.document())])
        let r = try CLI.run(["ingest", "--signatures", "off", "--json", "--received-at", "2026-11-10T10:00:00+02:00", inbox.path],
                            env: ["CCM_DATABASE_URL": url, "CCM_HOME": folder.path, "CCM_CASA": "TM", "CCM_MEDIU": "TEST"])
        XCTAssertEqual(r.status, 0, r.stderr)
        XCTAssertTrue(r.stdout.contains("INREGISTRAT"), r.stdout)
        XCTAssertThrowsError(try Connection(url).exec("DELETE FROM documents")) { e in
            XCTAssertEqual((e as? StoreError)?.sqlstate, "42501", "the batch never deletes")
        }
    }
}
