@testable import CCMStore
import CCMTestSupport
import Foundation
import XCTest

/// The values of the tables every document writes are checked by domains (migration 0021): a
/// table's CHECK is rebuilt from its stored text by each statement that writes the table, a
/// domain's once per connection. The same values are refused as before.
final class ValueDomainTests: DatabaseTestCase {
    /// Each checked column, the values it takes, and one it must refuse.
    static let columns: [(table: String, column: String, allowed: [String])] = [
        ("certificate_versions", "operatie", ["ADAUGARE", "MODIFICARE", "STERGERE"]),
        ("certificate_versions", "status", ["VALID", "CU_ERORI"]),
        ("certificate_versions", "tip", ["INITIAL", "CONTINUARE"]),
        ("certificate_versions", "source", ["document", "revalidare"]),
        ("documents", "status", ["INREGISTRAT", "RESPINS"]),
        ("documents", "tip", ["INITIALA", "RECTIFICATIVA"]),
        ("ingest_queue", "state", ["ASTEAPTA", "GATA"]),
    ]

    /// The value cast to the column's own type, in a statement that writes nothing.
    func refusal(_ table: String, _ column: String, _ value: String) -> String? {
        do {
            try db.exec("SELECT CAST($1::text AS \(try type(table, column)))", [value])
            return nil
        } catch let e as StoreError { return e.sqlstate ?? "\(e)" } catch { return "\(error)" }
    }

    func type(_ table: String, _ column: String) throws -> String {
        try XCTUnwrap(db.exec("""
            SELECT format_type(atttypid, atttypmod) AS t FROM pg_attribute WHERE attrelid = $1::regclass AND attname = $2
            """, [table, column]).first?["t"])
    }

    func testEveryCheckedColumnTakesItsValuesAndRefusesAnother() throws {
        for c in Self.columns {
            for v in c.allowed { XCTAssertNil(refusal(c.table, c.column, v), "\(c.table).\(c.column) = \(v)") }
            for v in ["", "valid", c.allowed[0] + " ", "X"] {
                XCTAssertEqual(refusal(c.table, c.column, v), "23514", "\(c.table).\(c.column) = '\(v)'")
            }
        }
    }

    /// A row written with a value outside the domain is refused, in a month's partition too.
    func testARowWithAnUnknownValueIsRefusedByTheTable() throws {
        try db.exec("SELECT certificate_versions_partition('2026-10-01'::date)")
        XCTAssertThrowsError(try db.exec("""
            INSERT INTO certificate_versions (document_id, position, cui, luna, serie, numar, operatie, status, valid_from)
            VALUES (1, 1, '1', '2026-10-01', 'A', '1', 'ADAUGARE', 'BUN', now())
            """)) { XCTAssertEqual(($0 as? StoreError)?.sqlstate, "23514", "\($0)") }
        XCTAssertThrowsError(try db.exec("""
            INSERT INTO ingest_queue (path, size_bytes, mtime, received_at, state) VALUES ('a', 1, now(), now(), 'PIERDUT')
            """)) { XCTAssertEqual(($0 as? StoreError)?.sqlstate, "23514", "\($0)") }
        XCTAssertEqual(try database.count("SELECT count(*) FROM certificate_versions"), 0)
    }

    /// None of the tables a document writes keeps a CHECK of its own (a partition made now included).
    func testTheTablesEachDocumentWritesHaveNoCheckOfTheirOwn() throws {
        try db.exec("SELECT certificate_versions_partition('2026-11-01'::date)")
        let checks = try db.exec("""
            SELECT conrelid::regclass::text || ' ' || conname AS c FROM pg_constraint
            WHERE contype = 'c' AND conrelid IN (SELECT 'certificate_versions'::regclass UNION ALL SELECT 'documents'::regclass
                UNION ALL SELECT 'ingest_queue'::regclass UNION ALL SELECT 'certificate_current'::regclass
                UNION ALL SELECT inhrelid FROM pg_inherits WHERE inhparent = 'certificate_versions'::regclass)
            """).compactMap { $0["c"] }
        XCTAssertEqual(checks, [])
    }

    /// The partition's name is the one `to_char` gave for every month of years 1–9999, and the
    /// planner inlines it: a document's header facts ask for it with every file.
    func testThePartitionsNameIsTheSameAndInlined() throws {
        XCTAssertEqual(try database.count("""
            SELECT count(*) FROM generate_series('0001-01-01'::date, '9999-12-01', '1 month') d
            WHERE certificate_versions_partition_name(d::date) <> 'certificate_versions_' || to_char(d, '"y"YYYY"m"MM')
            """), 0)
        XCTAssertEqual(try db.exec("SELECT certificate_versions_partition_name('2026-10-01') AS n").first?["n"],
                       "certificate_versions_y2026m10")
        try db.exec("SET plan_cache_mode = force_generic_plan")
        defer { _ = try? db.exec("RESET plan_cache_mode") }
        try db.exec("PREPARE named_month(date) AS SELECT certificate_versions_partition_name($1)")
        defer { _ = try? db.exec("DEALLOCATE named_month") }
        let plan = try db.exec("EXPLAIN (VERBOSE) EXECUTE named_month('2026-10-01')").compactMap { $0[0] }.joined(separator: "\n")
        XCTAssertFalse(plan.contains("certificate_versions_partition_name"), plan)
        XCTAssertTrue(plan.contains("EXTRACT(year FROM $1)"), plan)
    }
}
