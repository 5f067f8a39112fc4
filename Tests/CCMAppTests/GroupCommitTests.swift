import CCMApp
import CCMStore
import CCMTestSupport
import Foundation
import XCTest

/// Several documents share a transaction (`IngestUnitOfWork`), each whole or not at all in its own
/// savepoint (`06-quality-targets.md` "Scale and speed"); files move only after their commit.
final class GroupCommitTests: DatabaseTestCase {
    struct Stop: Error {}

    func pipeline() throws -> IngestPipeline {
        try IngestPipeline(settings: settings(), db: db, schema: SharedSchema.schema, rules: SharedSchema.rules)
    }

    func run(_ p: IngestPipeline, paths: [String] = []) throws -> IngestPipeline.Summary {
        try p.run(paths: paths, receivedAt: ISO8601DateFormatter().date(from: "2026-11-10T10:00:00+02:00"), keepCertificateLines: true)
    }

    /// A run of a new pipeline, and how many groups it committed.
    func runCountingGroups(paths: [String] = []) throws -> (IngestPipeline.Summary, groups: Int) {
        let p = try pipeline()
        var groups = 0
        p.groupCommitted = { groups += 1 }
        return (try run(p, paths: paths), groups)
    }

    /// Three months of one provider, one INITIALA each.
    func dropThree() throws {
        try registerProvider()
        try drop([("1.xml", Fixture.document(luna: "2026-10", certificates: Fixture.certs(3))),
                  ("2.xml", Fixture.document(luna: "2026-09", certificates: Fixture.certs(2, from: 4490000))),
                  ("3.xml", Fixture.document(luna: "2026-08", certificates: Fixture.certs(4, from: 4491000)))])
    }

    func inboxNames() throws -> [String] { try FileManager.default.contentsOfDirectory(atPath: inbox.path).sorted() }

    func testADocumentFailingInsideAGroupLeavesItsNeighboursRegistered() throws {
        try dropThree()
        // The second document's row cannot be written: its rows were sent already, in its savepoint.
        try refuseDocument(named: "2.xml")
        let (s, commits) = try runCountingGroups()
        XCTAssertEqual(commits, 1, "the three files were judged in one group")
        XCTAssertEqual(s.outcomes.map(\.file), ["1.xml", "3.xml"])
        XCTAssertEqual(s.outcomes.map(\.status), [.inregistrat, .inregistrat])
        XCTAssertEqual(s.left, 1)
        XCTAssertEqual(try inboxNames(), ["2.xml"])
        XCTAssertEqual(try db.exec("SELECT file_name FROM documents WHERE stored_as IS NOT NULL ORDER BY id").values.map { $0[0] }, ["1.xml", "3.xml"])
        XCTAssertEqual(try database.count("SELECT count(*) FROM documents"), 2)
        XCTAssertEqual(try database.count("SELECT count(*) FROM certificate_versions"), 7, "the failed document's rows were rolled back, not its neighbours'")

        try allowDocuments()
        let again = try run(try pipeline())
        XCTAssertEqual(again.outcomes.map(\.status), [.inregistrat])
        XCTAssertEqual(again.outcomes.map(\.judgedEarlier), [false])
        XCTAssertEqual(try database.count("SELECT count(*) FROM certificate_versions"), 9)
        XCTAssertEqual(try inboxNames(), [])
    }

    /// The group's last document: its statements go with the COMMIT, which is sent again without them.
    func testTheLastDocumentOfAGroupFailingAtItsCommitLeavesTheOthersRegistered() throws {
        try dropThree()
        try refuseDocument(named: "3.xml")
        let (s, commits) = try runCountingGroups()
        XCTAssertEqual(commits, 1)
        XCTAssertEqual(s.outcomes.map(\.file), ["1.xml", "2.xml"])
        XCTAssertEqual(s.left, 1)
        XCTAssertEqual(try inboxNames(), ["3.xml"])
        XCTAssertEqual(try database.count("SELECT count(*) FROM certificate_versions"), 5)
        XCTAssertEqual(try database.count("SELECT count(*) FROM documents WHERE stored_as IS NOT NULL"), 2)
    }

    func testARunStoppedBetweenAGroupsCommitAndItsMovesIsFinishedByTheNext() throws {
        try dropThree()
        let p = try pipeline()
        p.groupCommitted = { throw Stop() }
        XCTAssertThrowsError(try run(p))
        // Committed, not moved: every record knows where its file is about to go.
        XCTAssertEqual(try inboxNames(), ["1.xml", "2.xml", "3.xml"])
        XCTAssertEqual(try database.count("SELECT count(*) FROM documents WHERE status = 'INREGISTRAT' AND stored_as IS NULL AND moving_to IS NOT NULL"), 3)
        XCTAssertEqual(try database.count("SELECT count(*) FROM pg_locks WHERE locktype = 'advisory'"), 0, "the locks were let go")
        let certificates = try database.count("SELECT count(*) FROM certificate_versions")
        XCTAssertEqual(certificates, 9)

        let again = try run(try pipeline())
        XCTAssertEqual(again.outcomes.map(\.status), [.inregistrat, .inregistrat, .inregistrat])
        XCTAssertEqual(again.outcomes.map(\.judgedEarlier), [true, true, true], "only moved, not judged again nor DUPLICAT")
        XCTAssertEqual(again.left, 0)
        XCTAssertEqual(try inboxNames(), [])
        XCTAssertEqual(try database.count("SELECT count(*) FROM documents"), 3)
        XCTAssertEqual(try database.count("SELECT count(*) FROM documents WHERE stored_as IS NULL OR stored_as <> moving_to"), 0)
        XCTAssertEqual(try database.count("SELECT count(*) FROM certificate_versions"), certificates)
        for name in ["1.xml", "2.xml", "3.xml"] {
            let luna = ["1.xml": "2026-10", "2.xml": "2026-09", "3.xml": "2026-08"][name] ?? ""
            XCTAssertTrue(FileManager.default.fileExists(atPath: folder.appendingPathComponent("arhiva/\(luna)/\(name)").path))
        }
    }

    /// Two files of one name named outside the inbox, copied into one archive folder in one
    /// group: neither is moved yet when the second's place is chosen.
    func testTheFilesOfAGroupTakeDistinctPlaces() throws {
        try registerProvider(); try registerProvider(Fixture.otherCui)
        let a = folder.appendingPathComponent("a"), b = folder.appendingPathComponent("b")
        try FileManager.default.createDirectory(at: a, withIntermediateDirectories: true)
        try FileManager.default.createDirectory(at: b, withIntermediateDirectories: true)
        try Data(Fixture.document(certificates: Fixture.certs(1)).utf8).write(to: a.appendingPathComponent("x.xml"))
        try Data(Fixture.document(cui: Fixture.otherCui, certificates: Fixture.certs(1, from: 4490000)).utf8)
            .write(to: b.appendingPathComponent("x.xml"))
        let (s, commits) = try runCountingGroups(paths: [a.path, b.path])
        XCTAssertEqual(commits, 1)
        XCTAssertEqual(s.outcomes.map(\.status), [.inregistrat, .inregistrat])
        let places = s.outcomes.compactMap(\.storedAs)
        XCTAssertEqual(places.map { URL(fileURLWithPath: $0).lastPathComponent }.sorted(), ["x-2.xml", "x.xml"])
        XCTAssertEqual(try db.exec("SELECT stored_as FROM documents ORDER BY id").values.map { $0[0] }, places)
    }
}
