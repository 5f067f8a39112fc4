import CCMCore
@testable import CCMStore
import CCMTestSupport
import Foundation
import XCTest

/// The history lookup of a batch (`HistoryStore.neighbours(batch:)`) returns each known
/// certificate once, however many of the batch's keys find it: the server sends a row once
/// per key that found it (UNION ALL) and the lookup keeps the first of each id.
final class HistoryLookupTests: DatabaseTestCase {
    func cert(_ numar: String, data: String, from: String, to: String) -> Fixture.Cert {
        var c = Fixture.cert(numar, serial: 31)
        c.data = data; c.inceput = from; c.sfarsit = to; c.zile = 3
        return c
    }

    func testAKnownCertificateFoundByEveryKeyComesOnce() throws {
        try registerProvider()
        var continuation = cert("4400201", data: "2026-10-08", from: "2026-10-08", to: "2026-10-10")
        continuation.continuationOf = ("CCMBN", "4400200", "2026-10-05")
        try drop([("1.xml", Fixture.document(certificates: [cert("4400200", data: "2026-10-05", from: "2026-10-05", to: "2026-10-07"),
                                                            continuation]))])
        _ = try ingest(at: "2026-11-10T10:00:00+02:00")

        // A later continuation of the same initial, same insured: the initial is found by its
        // number (the chain's) and by the insured, the first continuation by the chain and the insured.
        let chain = ChainKey(serie: "CCMBN", numar: "4400200")
        let keys = [HistoryStore.Keys(serie: "CCMBN", numar: "4400202", chain: chain, cnp: Fixture.cnp(serial: 31), cnpCopil: nil),
                    HistoryStore.Keys(serie: "CCMBN", numar: "4400200", chain: chain, cnp: Fixture.cnp(serial: 31), cnpCopil: nil)]
        let rows = try db.exec(HistoryStore.neighbours(batch: keys, documentId: nil).statement)
        XCTAssertGreaterThan(rows.count, 2, "the server sends a row per key that found it")
        let found = try HistoryStore(db).neighbours(batch: keys, documentId: nil)
        XCTAssertEqual(found.rows.map(\.numar), ["4400200", "4400201"])
        XCTAssertEqual(found.of(keys[0]).map(\.numar), ["4400200", "4400201"])
        XCTAssertEqual(Set(found.rows.map(\.versionId)).count, 2)
    }

    /// An initial's chain is its own number: that number is sent once, not twice.
    func testAnInitialsOwnNumberIsProbedOnce() throws {
        let initial = HistoryStore.Keys(serie: "CCMBN", numar: "1", chain: ChainKey(serie: "CCMBN", numar: "1"), cnp: "x", cnpCopil: nil)
        let continuation = HistoryStore.Keys(serie: "CCMBN", numar: "2", chain: ChainKey(serie: "CCMBN", numar: "1"), cnp: "x", cnpCopil: nil)
        let st = HistoryStore.neighbours(batch: [initial, continuation], documentId: nil).statement
        let numbers = try db.exec(Statement("SELECT cardinality($1::text[]) AS n", binary: [st.binary[0]])).first?.int("n")
        XCTAssertEqual(numbers, 3, "1 for the initial, 2 for the continuation")
    }
}
