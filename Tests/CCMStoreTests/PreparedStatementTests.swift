@testable import CCMStore
import CCMTestSupport
import Foundation
import XCTest

/// `Connection.exec` prepares each parameterised text once and runs it by name afterwards; it
/// must behave exactly as the unprepared path: same rows, same errors, and nothing stale after
/// a migration changes a table.
final class PreparedStatementTests: XCTestCase {
    private var database: TestDatabase!

    override func setUpWithError() throws { database = try TestDatabase() }
    override func tearDown() { database?.drop() }

    func testTheSameTextRunsPreparedWithEachCallsValues() throws {
        let db = database.db
        for i in 1...20 {
            XCTAssertEqual(try db.exec("SELECT $1::int * 2 AS v, $2::text AS t", ["\(i)", "x\(i)"]).first?["v"], "\(i * 2)")
        }
        let prepared = try db.exec("SELECT count(*) AS n FROM pg_prepared_statements WHERE statement LIKE '%$1::int * 2%'")
        XCTAssertEqual(prepared.first?["n"], "1", "one server-side statement for twenty calls")
    }

    func testAStatementThatCannotBePreparedGivesItsOwnError() throws {
        let db = database.db
        XCTAssertThrowsError(try db.exec("SELECT nosuchcolumn FROM documents WHERE id = $1", ["1"])) { error in
            XCTAssertEqual((error as? StoreError)?.sqlstate, "42703")
        }
        // Inside a transaction the error is the statement's too, and the transaction can end.
        try db.exec("BEGIN")
        XCTAssertThrowsError(try db.exec("SELEC $1", ["1"])) { XCTAssertEqual(($0 as? StoreError)?.sqlstate, "42601") }
        try db.exec("ROLLBACK")
        XCTAssertEqual(try db.exec("SELECT $1::int AS v", ["7"]).first?["v"], "7")
    }

    func testAMigrationDropsWhatWasPreparedAgainstTheOldTable() throws {
        let db = database.db
        try db.execScript("CREATE TABLE t_prepared (a int)")
        try db.exec("INSERT INTO t_prepared VALUES ($1::int)", ["1"])
        XCTAssertEqual(try db.exec("SELECT * FROM t_prepared WHERE a = $1::int", ["1"]).columns, ["a"])
        try db.execScript("ALTER TABLE t_prepared ADD COLUMN b text DEFAULT 'nou'")
        // Prepared before the change, `SELECT *` would fail ("cached plan must not change result type").
        let after = try db.exec("SELECT * FROM t_prepared WHERE a = $1::int", ["1"])
        XCTAssertEqual(after.columns, ["a", "b"])
        XCTAssertEqual(after.first?["b"], "nou")
    }
}
