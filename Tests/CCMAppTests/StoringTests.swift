import CCMCore
@testable import CCMStore
import CCMTestSupport
import Foundation
import XCTest
@testable import CCMApp

/// A document's rows go as INSERTs of (binary) arrays with its verdict, at the head of the next
/// round trip (the next file's lookups, or the group's COMMIT): what PostgreSQL stores is what was sent,
/// a document of several batches is stored whole or not at all, and the id taken with the
/// file's lookups is the document's.
final class StoringTests: DatabaseTestCase {
    /// A list (`BinaryArrays.texts`) for `= ANY` and `unnest`, with a text parameter before it; int8 values.
    func testEveryValueComesBackAsSentThroughListsAndInt8() throws {
        let texts = ["NULL", "", " spaces ", "a,b", "{x}", "q\"uote", "back\\slash", "line\nnew\ttab", "Ștefan ăîâșț 😀", "\\N"]
        let rows = try db.exec(Statement("SELECT t, $1 AS p FROM unnest($2::text[]) WITH ORDINALITY AS u(t, o) ORDER BY o",
                                         ["prim"], binary: [BinaryArrays.texts(texts)]))
        XCTAssertEqual(rows.values.map { $0[0] }, texts)
        XCTAssertEqual(Set(rows.values.map { $0[1] }), ["prim"], "binary parameters are numbered after the text ones")
        XCTAssertEqual(try db.exec(Statement("SELECT 'b' = ANY($1::text[]) AS b", binary: [BinaryArrays.texts(["a", "b"])])).first?["b"], "t")
        XCTAssertEqual(try db.exec(Statement("SELECT cardinality($1::text[]) AS n", binary: [BinaryArrays.texts([])])).first?["n"], "0")
        let sizes: [Int?] = [0, -1, Int(Int64.max), Int(Int64.min), nil, 1 << 40]
        var big = BinaryArrays([.int8])
        for v in sizes { big.int8(v); big.endRow() }
        let back = try db.exec(Statement("SELECT v::text AS v FROM unnest($1::bigint[]) WITH ORDINALITY AS u(v, o) ORDER BY o", binary: big.parameters()))
        XCTAssertEqual(back.values.map { $0[0] }, sizes.map { $0.map(String.init) })
    }

    func testEveryValueComesBackAsSentThroughBinaryArrays() throws {
        try db.execScript("CREATE TABLE t_binary (i int, t text, s smallint, d date, j jsonb, o bigint)")
        let texts: [String?] = [nil, "NULL", "", " spaces ", "a,b", "{x}", "q\"uote", "back\\slash", "line\nnew\ttab\r", "Ștefan ăîâșț 😀", "\\N"]
        let ints: [Int?] = [nil, 0, -1, Int(Int32.max), Int(Int32.min), 42, 7, 1, 2, 3, 4]
        let smalls: [Int?] = [1, nil, Int(Int16.max), Int(Int16.min), 0, 5, 6, 7, 8, 9, 10]
        let dates: [LocalDate?] = [LocalDate(year: 2000, month: 1, day: 1), LocalDate(year: 1999, month: 12, day: 31), nil,
                                   LocalDate(year: 1, month: 1, day: 1), LocalDate(year: 9999, month: 12, day: 31),
                                   LocalDate(year: 2024, month: 2, day: 29), LocalDate(year: 1970, month: 1, day: 1),
                                   LocalDate(year: 2026, month: 10, day: 31), LocalDate(year: 2100, month: 3, day: 1),
                                   LocalDate(year: 1900, month: 2, day: 28), LocalDate(year: 2000, month: 2, day: 29)]
        var arrays = BinaryArrays([.int4, .text, .int2, .date, .jsonb])
        for i in texts.indices {
            try arrays.int(ints[i]); arrays.text(texts[i]); try arrays.int(smalls[i]); try arrays.date(dates[i])
            arrays.text(i == 1 ? #"[{"message":"a \"b\" \\ c ș"}]"# : "[]")
            arrays.endRow()
        }
        try db.exec(Statement("""
            INSERT INTO t_binary SELECT * FROM unnest($1::int[], $2::text[], $3::smallint[], $4::date[], $5::jsonb[]) WITH ORDINALITY
            """, binary: arrays.parameters()))
        let rows = try db.exec("SELECT i::text AS i, t, s::text AS s, d::text AS d, j::text AS j FROM t_binary ORDER BY o")
        XCTAssertEqual(rows.values.map { $0[1] }, texts)
        XCTAssertEqual(rows.values.map { $0[0] }, ints.map { $0.map(String.init) })
        XCTAssertEqual(rows.values.map { $0[2] }, smalls.map { $0.map(String.init) })
        XCTAssertEqual(rows.values.map { $0[3] }, dates.map { $0?.description })
        XCTAssertEqual(rows.values[1][4], #"[{"message": "a \"b\" \\ c ș"}]"#)
        XCTAssertEqual(try db.exec("SELECT count(*) AS n FROM t_binary WHERE t IS NULL").first?["n"], "1", "nil is NULL, \"NULL\" is text")
    }

    func testADocumentOfSeveralBatchesIsStoredWhole() throws {
        try registerProvider()
        let n = 2 * 2000 + 300   // past CertificateWriter's batch: rows go behind its later lookups before the verdict
        try drop([("a.xml", Fixture.document(certificates: Fixture.certs(n)))])
        let s = try ingest()
        XCTAssertEqual(s.outcomes.map(\.status), [.inregistrat])
        XCTAssertEqual(try database.count("SELECT count(DISTINCT position) FROM certificate_versions v JOIN documents d ON d.id = v.document_id WHERE d.status = 'INREGISTRAT'"), n)
        XCTAssertEqual(try database.count("SELECT nr_certificate FROM documents"), n)
    }

    /// A document past one batch sends its rows behind its next lookup (`CertificateWriter.takeBehind`):
    /// its later certificates are judged while the server writes the earlier ones, and still see
    /// every one of them, whether written, on their way or not sent. `Fixture.certs` gives every
    /// 997th certificate the same insured and period: each overlaps (C19) every one 997 places before it.
    func testTheRulesOfALargeDocumentSeeEveryEarlierCertificateWhereverItsRowIs() throws {
        try registerProvider()
        let n = 2 * 2000 + 300
        try drop([("a.xml", Fixture.document(certificates: Fixture.certs(n)))])
        XCTAssertEqual(try ingest().outcomes.map(\.status), [.inregistrat])
        let rows = try db.exec("""
            SELECT position, (SELECT count(*) FROM jsonb_array_elements(errors) e WHERE e->>'code' = 'C19') AS c19
            FROM certificate_versions ORDER BY position
            """)
        XCTAssertEqual(rows.count, n)
        let first = try XCTUnwrap(rows.first?.int("position"))
        let wrong = rows.compactMap { r -> String? in
            guard let p = r.int("position"), let c = r.int("c19") else { return "?" }
            return c == (p - first) / 997 ? nil : "\(p): \(c)"
        }
        XCTAssertEqual(wrong, [], "positions whose overlaps with earlier certificates were not all found")
    }

    /// A batch sent behind a lookup that the server refuses fails its own document, which is
    /// rolled back whole and stays in the inbox; the next document is registered.
    func testALargeDocumentsBatchRefusedBehindALookupFailsThatDocumentAlone() throws {
        try registerProvider(); try registerProvider(Fixture.otherCui)
        // 1500: in the first batch, sent behind the fifth lookup; 2300: in the last sent behind one.
        for position in [1500, 2300] {
            try db.execScript("""
                CREATE OR REPLACE FUNCTION test_refuse_row() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RAISE EXCEPTION 'refused by the test'; END $$;
                CREATE TRIGGER test_refuse_row BEFORE INSERT ON certificate_versions FOR EACH ROW
                    WHEN (NEW.position = \(position) AND NEW.cui = '\(Fixture.cui)') EXECUTE FUNCTION test_refuse_row();
                """)
            let other = Fixture.document(luna: position == 1500 ? "2026-10" : "2026-09", cui: Fixture.otherCui,
                                         certificates: Fixture.certs(3, from: position == 1500 ? 4490000 : 4491000))
            try drop([("a\(position).xml", Fixture.document(certificates: Fixture.certs(2600))), ("b\(position).xml", other)])
            let s = try ingest()
            XCTAssertEqual(s.outcomes.map(\.file), ["b\(position).xml"], "refused at \(position)")
            XCTAssertEqual(s.outcomes.map(\.status), [.inregistrat])
            XCTAssertEqual(try database.count("SELECT count(*) FROM certificate_versions WHERE cui = $1", [Fixture.cui]), 0)
            XCTAssertEqual(try database.count("SELECT count(*) FROM documents WHERE file_name = $1", ["a\(position).xml"]), 0)
            XCTAssertTrue(FileManager.default.fileExists(atPath: inbox.appendingPathComponent("a\(position).xml").path))
            try db.execScript("DROP TRIGGER test_refuse_row ON certificate_versions")
        }
        XCTAssertEqual(try database.count("SELECT count(*) FROM certificate_versions"), 6)
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

    func testAFileOfOneBatchTakesOneRoundTripOnTheDocumentsConnection() throws {
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
        // In one group: a file's lookups, with the previous file's rows, verdict and savepoint's
        // release ahead of them. The run's own set-up, the group's opening and COMMIT and its
        // release are the same for both runs.
        XCTAssertEqual(two - one, 1)
        XCTAssertEqual(try database.count("SELECT count(*) FROM certificate_versions"), 8)
    }
}
