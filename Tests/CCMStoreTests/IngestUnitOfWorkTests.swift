import CCMCore
@testable import CCMStore
import CCMTestSupport
import Foundation
import XCTest

/// The store's unit of work: a document's facts come typed from one round trip, and the group's
/// locks and transaction are the store's to take and let go.
final class IngestUnitOfWorkTests: DatabaseTestCase {
    private func header(cui: String = Fixture.cui) throws -> DocumentHeader {
        DocumentHeader(tip: .initiala, luna: try XCTUnwrap(YearMonth(year: 2026, month: 10)), idDocument: UUID(), dataGenerare: "2026-11-01T10:00:00+02:00",
                       mediu: .test, cui: cui, casa: "TM", nrConventie: "1", denumire: "Test", email: nil)
    }

    private func advisoryLocks() throws -> Int { try database.count("SELECT count(*) FROM pg_locks WHERE locktype = 'advisory'") }

    func testFactsComeTypedFromOneRoundTripAndTheLocksGoWithTheGroup() throws {
        try registerProvider()
        let unit = IngestUnitOfWork<String>(db)
        let before = db.roundTrips
        let facts = try unit.begin(.init(sha256: String(repeating: "a", count: 64), header: try header(), signers: ["00ff"],
                                         receivedAt: Date(timeIntervalSince1970: 1_794_297_600)))
        XCTAssertEqual(db.roundTrips - before, 1, "the locks, BEGIN, the savepoint and every lookup in one round trip")
        XCTAssertTrue(unit.isOpen)
        XCTAssertNil(facts.earlier.unmoved)
        XCTAssertNil(facts.earlier.registered)
        XCTAssertEqual(facts.header?.provider?.cui, Fixture.cui)
        XCTAssertEqual(facts.header?.idRegistered, false)
        XCTAssertNotNil(facts.practitioners)
        XCTAssertNotNil(facts.documentId)
        XCTAssertEqual(facts.enrolledSigners, [], "a signer asked about and not enrolled")
        XCTAssertNil(facts.firstBatch, "no certificate keys asked")
        XCTAssertGreaterThan(try advisoryLocks(), 0)
        unit.end("a.xml")
        XCTAssertEqual(try unit.commit(), ["a.xml"])
        unit.sendRelease()
        XCTAssertEqual(try advisoryLocks(), 0)
    }

    /// The record's id comes with the header's facts, in their statement: no statement of its own.
    func testTheRecordsIdIsTakenByTheHeaderFactsStatement() throws {
        try registerProvider()
        let request = DocumentFacts.Request(sha256: String(repeating: "b", count: 64), header: try header(), signers: nil,
                                            receivedAt: Date(timeIntervalSince1970: 1_794_297_600))
        let asked = DocumentFacts.ask(request, moving: [])
        XCTAssertEqual(asked.statements.count, 3, "the bytes' records, the header's facts with the id, the provider's doctors and pads")
        XCTAssertFalse(asked.statements.contains { $0.sql.hasPrefix("SELECT nextval") })
        let first = asked.answered(try db.pipeline(asked.statements)).documentId
        let second = DocumentFacts.ask(request, moving: []).answered(try db.pipeline(asked.statements)).documentId
        XCTAssertNotNil(first)
        XCTAssertEqual(second, first.map { $0 + 1 })
        XCTAssertEqual(asked.answered(try db.pipeline(asked.statements)).header?.provider?.cui, Fixture.cui)
    }

    func testWithoutAHeaderOnlyTheBytesAreLookedUpAndALostGroupHandsItsDocumentsBack() throws {
        let unit = IngestUnitOfWork<String>(db)
        let facts = try unit.begin(.init(sha256: String(repeating: "b", count: 64), header: nil, signers: nil, receivedAt: Date()))
        XCTAssertNil(facts.header)
        XCTAssertNil(facts.documentId)
        XCTAssertNil(facts.enrolledSigners)
        unit.end("b.xml")
        unit.abandon()
        XCTAssertFalse(unit.isOpen)
        XCTAssertEqual(unit.takeLost(), ["b.xml"])
        XCTAssertEqual(try advisoryLocks(), 0)
    }

    /// A writer asks for its month's partition unless the group began with it there (the ingest
    /// lock, held for the group, keeps it from being detached).
    func testAMonthsPartitionIsAskedForOnlyWhenTheGroupDidNotBeginWithIt() throws {
        try registerProvider()
        let october = try XCTUnwrap(YearMonth("2026-10")), november = try XCTUnwrap(YearMonth("2026-11"))
        try db.exec("SELECT certificate_versions_partition($1::date)", [october.firstDay.description])
        let unit = IngestUnitOfWork<String>(db)
        _ = try unit.begin(.init(sha256: String(repeating: "c", count: 64), header: try header(), signers: nil, receivedAt: Date()))
        func asks(_ luna: YearMonth) -> Bool {
            !unit.writer(documentId: 1, cui: Fixture.cui, luna: luna, validFrom: Date()).monthFirst.isEmpty
        }
        XCTAssertFalse(asks(october), "the group began with October's partition")
        XCTAssertTrue(asks(november), "November's partition is made by its first document")
        unit.abandon()
        XCTAssertEqual(unit.takeLost(), [])
    }
}
