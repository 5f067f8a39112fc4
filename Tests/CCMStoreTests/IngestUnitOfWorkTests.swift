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
