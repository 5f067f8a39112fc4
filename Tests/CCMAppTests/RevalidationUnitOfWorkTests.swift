import CCMCore
@testable import CCMStore
import CCMTestSupport
import Foundation
import XCTest
@testable import CCMApp

/// `ccm revalidate` through the store's unit of work: each certificate is handed the neighbours
/// its own lookup would find at its turn (verdicts recorded before it included), fetched per batch.
final class RevalidationUnitOfWorkTests: DatabaseTestCase {
    let luna = YearMonth("2026-10")!

    func cert(_ numar: String, data: String, from: String, to: String, days: Int) -> Fixture.Cert {
        var c = Fixture.Cert()
        c.numar = numar; c.cnp = Fixture.cnp(serial: 30); c.data = data; c.inceput = from; c.sfarsit = to; c.zile = days
        return c
    }

    /// Two continuations reported before their initial (C08), then the initial: both become
    /// valid, and the second sees the first under the id of its new version.
    func testEachCertificateSeesWhatItsOwnLookupWouldFind() throws {
        try registerProvider(); try registerProvider(Fixture.otherCui)
        var first = cert("4400900", data: "2026-10-07", from: "2026-10-08", to: "2026-10-09", days: 2)
        var second = cert("4400901", data: "2026-10-09", from: "2026-10-10", to: "2026-10-11", days: 2)
        first.continuationOf = ("CCMAM", "4400100", "2026-10-05"); second.continuationOf = first.continuationOf
        try drop([("1.xml", Fixture.document(cui: Fixture.otherCui, certificates: [first, second]))])
        _ = try ingest(at: "2026-11-10T10:00:00+02:00")
        try drop([("2.xml", Fixture.document(certificates: [cert("4400100", data: "2026-10-05", from: "2026-10-05", to: "2026-10-07", days: 3)]))])
        _ = try ingest(at: "2026-11-11T10:00:00+02:00")

        var seen: [String: [Int?]] = [:]
        try RevalidationUnitOfWork(db).run(luna: luna, at: Date()) { c in
            let k = c.version.known
            let alone = try HistoryStore(db).neighbours(serie: k.serie, numar: k.numar, chain: ChainKey(body: k.body, serie: k.serie, numar: k.numar),
                                                        cnp: k.body.cnp, cnpCopil: k.body.cnpCopil, documentId: nil)
            XCTAssertEqual(c.neighbours, alone, k.numar)
            seen[k.numar] = c.neighbours.map(\.versionId)
            let v = SharedSchema.rules.judge.again(k, operatie: c.version.operatie, position: c.version.position,
                                                   receiptDay: Bucharest.localDate(of: c.version.receivedAt), facts: c.facts,
                                                   neighbours: c.neighbours, earlier: c.version.errors)
            return v.says(c.version.errors) ? nil : .init(status: v.status, findings: v.findings)
        }
        XCTAssertEqual(seen.keys.sorted(), ["4400900", "4400901"])
        let renewed = try database.count("SELECT max(id) FROM certificate_versions WHERE numar = '4400900'")
        XCTAssertTrue(seen["4400901"]?.contains(renewed) ?? false, "the first's new version, as a lookup at its turn finds it")
        XCTAssertEqual(try database.count("SELECT count(*) FROM certificate_current c JOIN certificate_versions v USING (id, luna) WHERE v.status = 'VALID'"), 3)
        XCTAssertEqual(try Revalidation.run(db: db, rules: SharedSchema.rules, luna: luna), .init(checked: 0, changed: 0, nowValid: 0))
    }
}
