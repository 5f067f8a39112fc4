@testable import CCMStore
import CCMTestSupport
import Foundation
import XCTest

/// A group's files confirmed at their places: one statement, each row updated where it lies (a
/// HOT update: no entry in any of the documents' indexes), the rows of other groups untouched.
final class MoveConfirmationTests: XCTestCase {
    private var database: TestDatabase!
    private var db: Connection { database.db }

    override func setUpWithError() throws { database = try TestDatabase() }
    override func tearDown() { database?.drop() }

    /// Documents inserted one after the other, as an ingest's groups insert them: full pages.
    func insertDocuments(_ n: Int) throws -> [Int] {
        try db.exec("""
            INSERT INTO documents (file_name, sha256, size_bytes, status, cui, luna, tip, received_at, moving_to)
            SELECT 'CCM_' || i || '.xml', md5(i::text) || md5(i::text), 1000, 'RESPINS', '10000008', '2026-10-01', 'INITIALA',
                   '2026-11-10T08:00:00Z', '/arhiva/2026-10/CCM_' || i || '.xml'
            FROM generate_series(1, $1::int) i ORDER BY i RETURNING id
            """, ["\(n)"]).compactMap { $0.int("id") }
    }

    func testAGroupsConfirmationsAreOneStatementUpdatingEachRowInItsPage() throws {
        let ids = try insertDocuments(80)
        let pages = try db.exec("SELECT id, (ctid::text::point)[0]::int AS page FROM documents ORDER BY id")
        let before = Dictionary(uniqueKeysWithValues: pages.compactMap { r in r.int("id").flatMap { id in r.int("page").map { (id, $0) } } })
        XCTAssertGreaterThan(Set(before.values).count, 1, "the rows fill more than one page")

        let group = ids.prefix(32).map { (recordId: $0, path: "/arhiva/2026-10/CCM_\($0).xml") }
        guard let confirm = DocumentStore.markStored(Array(group)) else { return XCTFail("a statement for a group") }
        try db.transaction { _ = try db.pipeline([confirm]) }
        XCTAssertNil(DocumentStore.markStored([]), "no statement for no move")

        let after = try db.exec("SELECT id, stored_as, (ctid::text::point)[0]::int AS page FROM documents ORDER BY id")
        var inPlace = 0
        for r in after {
            guard let id = r.int("id") else { return XCTFail("an id") }
            if id <= group.last?.recordId ?? 0 {
                XCTAssertEqual(r["stored_as"], "/arhiva/2026-10/CCM_\(id).xml")
                inPlace += r.int("page") == before[id] ? 1 : 0
            } else {
                XCTAssertNil(r["stored_as"], "document \(id) is not of the group")
            }
        }
        // A row whose page is full moves (its update writes every index): most must find room.
        XCTAssertGreaterThanOrEqual(inPlace, group.count * 3 / 4, "\(inPlace) of \(group.count) updated in their page")
    }
}
