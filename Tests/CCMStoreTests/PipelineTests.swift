import CCMCore
@testable import CCMStore
import CCMTestSupport
import Foundation
import XCTest

/// `Connection.pipeline` sends several statements in one round trip; each must behave as if
/// sent alone, in order: same rows, a transaction opened and closed inside it, and a failure
/// that stops the statements after it and leaves the connection usable.
final class PipelineTests: XCTestCase {
    private var database: TestDatabase!

    override func setUpWithError() throws { database = try TestDatabase() }
    override func tearDown() { database?.drop() }

    func testEachStatementGivesItsOwnRowsInOrder() throws {
        let db = database.db
        let rows = try db.pipeline([Statement("SELECT $1::int + 1 AS v", ["1"]), Statement("SELECT 'b' AS v"),
                                    Statement("SELECT g AS v FROM generate_series(1, $1::int) g", ["3"])])
        XCTAssertEqual(rows.map { $0.values.map { $0[0] } }, [["2"], ["b"], ["1", "2", "3"]])
    }

    func testATransactionInsideThePipelineCommitsAndLaterStatementsSeeIt() throws {
        let db = database.db
        try db.execScript("CREATE TABLE t_pipe (a int)")
        let rows = try db.pipeline([Statement("BEGIN"), Statement("INSERT INTO t_pipe VALUES ($1::int) RETURNING a", ["5"]),
                                    Statement("COMMIT"), Statement("SELECT count(*) AS n FROM t_pipe")])
        XCTAssertEqual(rows[1].first?["a"], "5")
        XCTAssertEqual(rows[3].first?["n"], "1")
        XCTAssertEqual(try db.exec("SELECT count(*) AS n FROM t_pipe").first?["n"], "1", "committed, not left open")
    }

    func testAFailureStopsWhatFollowsAndTheConnectionGoesOn() throws {
        let db = database.db
        try db.execScript("CREATE TABLE t_pipe (a int PRIMARY KEY)")
        try db.exec("INSERT INTO t_pipe VALUES (1)")
        XCTAssertThrowsError(try db.pipeline([Statement("BEGIN"), Statement("INSERT INTO t_pipe VALUES ($1::int)", ["2"]),
                                              Statement("INSERT INTO t_pipe VALUES ($1::int)", ["1"]),
                                              Statement("INSERT INTO t_pipe VALUES ($1::int)", ["3"]), Statement("COMMIT")])) {
            XCTAssertEqual(($0 as? StoreError)?.isUniqueViolation, true, "the first failure is the one thrown")
        }
        // The transaction is left aborted, as after the same statements one by one: the caller rolls it back.
        try db.exec("ROLLBACK")
        XCTAssertEqual(try db.exec("SELECT array_agg(a ORDER BY a)::text AS a FROM t_pipe").first?["a"], "{1}",
                       "neither the row before the failure nor the one after it is stored")
        XCTAssertEqual(try db.exec("SELECT $1::int AS v", ["7"]).first?["v"], "7")
        XCTAssertEqual(try db.pipeline([Statement("SELECT 1 AS v"), Statement("SELECT 2 AS v")]).map { $0.first?["v"] }, ["1", "2"])
    }

    func testAPreparedStatementWithoutParametersIsPreparedOnce() throws {
        let db = database.db
        for _ in 1...3 { _ = try db.pipeline([Statement("SELECT 40 + 2 AS v", prepare: true), Statement("SELECT 1")]) }
        XCTAssertEqual(try db.exec("SELECT count(*) AS n FROM pg_prepared_statements WHERE statement LIKE '%40 + 2%'").first?["n"], "1")
    }

    /// Rows as records: one array of a composite type, each element its column count, then
    /// each value's type, length and bytes; what `record_recv` reads back value for value.
    func testRowsAsRecordsAreOneArrayTheServerReadsBackValueForValue() throws {
        let db = database.db
        try db.execScript("CREATE TYPE t_row AS (a int, b text, c smallint, d date, e jsonb, f bigint)")
        let oid = try XCTUnwrap(db.exec("SELECT 't_row'::regtype::oid::int AS t").first?.int("t").flatMap { Int32(exactly: $0) })
        var r = BinaryArrays(records: [.int4, .text, .int2, .date, .jsonb, .int8], type: oid)
        try r.int(1); r.text("ș"); try r.int(-2); try r.date(LocalDate(year: 2000, month: 1, day: 2)); r.text("[]"); r.int8(5); r.endRow()
        try r.int(nil); r.text(nil); try r.int(nil); try r.date(nil); r.text("{\"k\": \"ă\"}"); r.int8(nil); r.endRow()
        func be(_ v: Int32) -> [UInt8] { withUnsafeBytes(of: v.bigEndian) { Array($0) } }
        var first: [UInt8] = be(6) + be(23) + be(4) + be(1)
        first += be(25) + be(2) + [0xc8, 0x99]
        first += be(21) + be(2) + [0xff, 0xfe]
        first += be(1082) + be(4) + be(1)
        first += be(3802) + be(3) + [1] + Array("[]".utf8)
        first += be(20) + be(8) + be(0) + be(5)
        let p = r.parameters()
        XCTAssertEqual(p.count, 1, "one array of records")
        let head: [UInt8] = be(1) + be(0) + be(oid) + be(2) + be(1)
        XCTAssertEqual(Array(p[0].prefix(24 + first.count)), head + be(Int32(first.count)) + first)
        let back = try db.exec(Statement("SELECT a, b, c, d, e::text AS e, f FROM unnest($1::t_row[]) ORDER BY a NULLS LAST", binary: p))
        let expected: [[String?]] = [["1", "ș", "-2", "2000-01-02", "[]", "5"], [nil, nil, nil, nil, "{\"k\": \"ă\"}", nil]]
        XCTAssertEqual(back.values, expected)
        XCTAssertEqual(BinaryArrays(records: [.text], type: oid).parameters(), [be(0) + be(0) + be(oid)], "no rows: no dimension")
    }
}

/// The wire forms the hot path builds by hand.
final class WireFormatTests: XCTestCase {
    /// A list parameter (`texts`) is one text column; an int8 goes as its eight bytes.
    func testBinaryListsAndInt8AreTheWireFormatOfTheirValues() {
        func be(_ v: Int32) -> [UInt8] { withUnsafeBytes(of: v.bigEndian) { Array($0) } }
        XCTAssertEqual(BinaryArrays.texts([]), be(0) + be(0) + be(25), "an empty list: no dimension")
        XCTAssertEqual(BinaryArrays.texts(["a", "NULL"]), be(1) + be(0) + be(25) + be(2) + be(1) + be(1) + [0x61] + be(4) + Array("NULL".utf8))
        var a = BinaryArrays([.int8])
        a.int8(-2); a.endRow(); a.int8(nil); a.endRow()
        XCTAssertEqual(a.parameters()[0], be(1) + be(1) + be(20) + be(2) + be(1) + be(8) + be(-1) + be(-2) + be(-1))
    }

    /// The binary array format `array_recv` reads: dimensions, the null flag, the element type,
    /// the length and lower bound, then each value by its length (-1: NULL), big-endian.
    func testBinaryArraysAreTheWireFormatOfTheirValues() throws {
        var a = BinaryArrays([.int4, .text, .int2, .date, .jsonb])
        try a.int(1); a.text("ș"); try a.int(-2); try a.date(LocalDate(year: 2000, month: 1, day: 2)); a.text("[]"); a.endRow()
        try a.int(nil); a.text(nil); try a.int(nil); try a.date(nil); a.text("{}"); a.endRow()
        func be(_ v: Int32) -> [UInt8] { withUnsafeBytes(of: v.bigEndian) { Array($0) } }
        func header(nulls: Bool, oid: Int32) -> [UInt8] { be(1) + be(nulls ? 1 : 0) + be(oid) + be(2) + be(1) }
        let p = a.parameters()
        XCTAssertEqual(p[0], header(nulls: true, oid: 23) + be(4) + be(1) + be(-1))
        XCTAssertEqual(p[1], header(nulls: true, oid: 25) + be(2) + [0xc8, 0x99] + be(-1), "ș as its UTF-8 bytes")
        XCTAssertEqual(p[2], header(nulls: true, oid: 21) + be(2) + [0xff, 0xfe] + be(-1))
        XCTAssertEqual(p[3], header(nulls: true, oid: 1082) + be(4) + be(1) + be(-1), "days since 2000-01-01")
        XCTAssertEqual(p[4], header(nulls: false, oid: 3802) + be(3) + [1] + Array("[]".utf8) + be(3) + [1] + Array("{}".utf8),
                       "a jsonb's text after its version byte")
        XCTAssertEqual(BinaryArrays([.text]).parameters(), [be(0) + be(0) + be(25)], "no rows: no dimension")
    }

    func testBinaryArraysRefuseWhatTheColumnCannotHold() {
        var a = BinaryArrays([.int2])
        XCTAssertThrowsError(try a.int(40_000)) { XCTAssertEqual(($0 as? StoreError)?.sqlstate, "22003") }
        XCTAssertNoThrow(try a.int(7), "a value refused leaves the row as it was")
        a.endRow()
        XCTAssertEqual(a.rows, 1)
        a = BinaryArrays([.int4])
        XCTAssertThrowsError(try a.int(Int(Int32.max) + 1)) { XCTAssertEqual(($0 as? StoreError)?.sqlstate, "22003") }
        a = BinaryArrays([.date])
        XCTAssertThrowsError(try a.date(LocalDate(dayNumber: -2_451_545 + 10_957 - 1))) { XCTAssertEqual(($0 as? StoreError)?.sqlstate, "22008") }
        XCTAssertNoThrow(try a.date(LocalDate(dayNumber: -2_451_545 + 10_957)), "4714-11-24 BC, PostgreSQL's first date")
    }

    func testFindingsJSONIsWhatJSONSerializationReadsBack() throws {
        XCTAssertEqual(CertificateWriter.json([]), "[]")
        let tricky = "ghilimele \" bară \\ linie\nnouă\ttab \u{01} și diacritice ăîșț"
        let json = CertificateWriter.json([.init(code: "C07", severity: .eroare, message: tricky, publicMessage: nil),
                                           .init(code: "C12", severity: .avertisment, message: "m", publicMessage: "public")])
        let parsed = try XCTUnwrap(JSONSerialization.jsonObject(with: Data(json.utf8)) as? [[String: String]])
        XCTAssertEqual(parsed, [["code": "C07", "severity": "EROARE", "message": tricky, "public": tricky],
                                ["code": "C12", "severity": "AVERTISMENT", "message": "m", "public": "public"]])
    }
}
