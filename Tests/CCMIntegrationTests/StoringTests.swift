import CCMCore
@testable import CCMStore
import Foundation
import XCTest
@testable import CCMApp

/// A document's rows go as INSERTs of arrays in the round trip of its verdict and COMMIT (the
/// opening with them, for a document of one batch): what PostgreSQL stores is what was sent,
/// a document of several batches is stored whole or not at all, and the id taken with the
/// file's lookups is the document's.
final class StoringTests: DatabaseTestCase {
    func testEveryValueComesBackAsSentThroughUnnest() throws {
        try db.execScript("CREATE TABLE t_arrays (i int, t text, j jsonb)")
        let texts: [String?] = [nil, "NULL", "", " spaces ", "a,b", "{x}", "q\"uote", "back\\slash", "line\nnew\ttab", "Ștefan ăîâșț 😀"]
        var columns = ArrayColumns(count: 3)
        for (i, t) in texts.enumerated() { columns.append(["\(i)", t, i == 1 ? #"[{"message":"a \"b\" \\ c"}]"# : "[]"]) }
        try db.exec("INSERT INTO t_arrays SELECT * FROM unnest($1::int[], $2::text[], $3::jsonb[])", columns.literals())
        let rows = try db.exec("SELECT t, j::text AS j, t IS NULL AS n FROM t_arrays ORDER BY i")
        XCTAssertEqual(rows.values.map { $0[0] }, texts)
        XCTAssertEqual(rows.first?["n"], "t", "nil is NULL")
        XCTAssertEqual(rows.values[1][2], "f", "\"NULL\" is text")
        XCTAssertEqual(rows.values[1][1], #"[{"message": "a \"b\" \\ c"}]"#)
    }

    func testADocumentOfSeveralBatchesIsStoredWhole() throws {
        try registerProvider()
        let n = 2 * 2000 + 300   // CertificateWriter's batch: two are sent before the verdict
        try drop([("a.xml", Fixture.document(certificates: Fixture.certs(n)))])
        let s = try ingest()
        XCTAssertEqual(s.outcomes.map(\.status), [.inregistrat])
        XCTAssertEqual(try database.count("SELECT count(DISTINCT position) FROM certificate_versions v JOIN documents d ON d.id = v.document_id WHERE d.status = 'INREGISTRAT'"), n)
        XCTAssertEqual(try database.count("SELECT nr_certificate FROM documents"), n)
    }

    func testADocumentRefusedAfterItsFirstBatchWasSentLeavesOnlyItsRecord() throws {
        try registerProvider()
        let n = 2000 + 10
        try drop([("a.xml", Fixture.document(certificates: Fixture.certs(n), totals: (n + 1, 4 * n))),
                  ("b.xml", Fixture.document(certificates: Fixture.certs(3, from: 4490000)))])
        let s = try ingest()
        XCTAssertEqual(s.outcomes.map(\.status), [.respins, .inregistrat])
        XCTAssertEqual(s.outcomes[0].errors.map(\.code), ["F08"])
        XCTAssertEqual(try database.count("SELECT count(*) FROM certificate_versions"), 3, "the refused document's batch was rolled back")
        XCTAssertEqual(try database.count("SELECT count(*) FROM document_reasons WHERE code = 'F08'"), 1)
        // The ids follow the receipt order (each taken under the ingest lock).
        XCTAssertEqual(try db.exec("SELECT file_name FROM documents ORDER BY id").values.map { $0[0] }, ["a.xml", "b.xml"])
    }

    func testAFileOfOneBatchTakesTwoRoundTripsOnTheDocumentsConnection() throws {
        try registerProvider(); try registerProvider(Fixture.otherCui)
        func roundTrips(_ files: [(String, String)]) throws -> Int {
            try drop(files)
            let before = db.roundTrips
            let s = try ingest()
            XCTAssertEqual(s.outcomes.map(\.status), files.map { _ in .inregistrat })
            return db.roundTrips - before
        }
        let one = try roundTrips([("a.xml", Fixture.document(certificates: Fixture.certs(3)))])
        let two = try roundTrips([("b.xml", Fixture.document(cui: Fixture.otherCui, certificates: Fixture.certs(3, from: 4490000))),
                                  ("c.xml", Fixture.document(luna: "2026-09", certificates: Fixture.certs(2, from: 4491000)))])
        // The previous file's move confirmation and unlock, then the locks with the lookups; the
        // rows with the verdict and COMMIT. The run's own set-up and its last release are the
        // same for both runs.
        XCTAssertEqual(two - one, 2)
        XCTAssertEqual(try database.count("SELECT count(*) FROM certificate_versions"), 8)
    }
}
