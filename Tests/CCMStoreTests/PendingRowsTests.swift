import CCMCore
@testable import CCMStore
import XCTest

/// The writer's unwritten rows as the rules find them, the bytes its batches are written into,
/// and the keys a document's writes are compared by: the judging thread's structures.
final class PendingRowsTests: XCTestCase {
    func day(_ d: Int) -> LocalDate { LocalDate(year: 2026, month: 10, day: d)! }

    func known(_ numar: String, cnp: String, initial: String? = nil, child: String? = nil) -> KnownCertificate {
        let body = CertificateBody(
            dataAcordarii: day(1), tip: initial == nil ? .initial : .continuare,
            certificatInitial: initial.map { CertificateRef(serie: "CCMBN", numar: $0, dataAcordarii: day(1)) }, medicParafa: "A12345",
            medicNume: "Dr. Test", locPrescriere: 1, cnp: cnp, nume: "Pop", prenume: "Ion", angajatorCui: nil, angajatorDenumire: nil,
            codIndemnizatie: "01", codDiagnostic: "J06", codUrgenta: nil, codBoalaInfecto: nil,
            perioada: Period(inceput: day(1), sfarsit: day(5), zile: 5), avizNumar: nil, avizData: nil, cnpCopil: child)
        return KnownCertificate(cui: "1001", luna: YearMonth(year: 2026, month: 10)!, serie: "CCMBN", numar: numar, body: body,
                                sameDocument: true)
    }

    func add(_ k: KnownCertificate, to rows: inout PendingRows) {
        rows.add(k, serie: k.serie, numar: k.numar, cnp: k.body.cnp, cnpCopil: k.body.cnpCopil)
    }

    func neighbours(of k: KnownCertificate, in rows: PendingRows) -> [String] {
        rows.neighbours(serie: k.serie, numar: k.numar, chain: k.chainKey, cnp: k.body.cnp, cnpCopil: k.body.cnpCopil).map(\.numar)
    }

    /// Every key finds its rows, each row once however many keys it shares, in the order the
    /// rows were added (the rules read earlier certificates first).
    func testEachKeyFindsItsRowsOnceInTheOrderTheyWereAdded() {
        var rows = PendingRows()
        for k in [known("1", cnp: "X"), known("2", cnp: "X"), known("3", cnp: "Y", initial: "1"), known("4", cnp: "Z", child: "K"),
                  known("5", cnp: "X", initial: "1")] { add(k, to: &rows) }
        XCTAssertEqual(neighbours(of: known("9", cnp: "X"), in: rows), ["1", "2", "5"], "by insured")
        XCTAssertEqual(neighbours(of: known("9", cnp: "Q", initial: "1"), in: rows), ["1", "3", "5"], "the chain: its initial by number, continuations by chain")
        XCTAssertEqual(neighbours(of: known("1", cnp: "X"), in: rows), ["1", "2", "3", "5"], "several keys shared: each row once")
        XCTAssertEqual(neighbours(of: known("8", cnp: "Q", child: "K"), in: rows), ["4"], "by child")
        XCTAssertEqual(neighbours(of: known("4", cnp: "Q"), in: rows), ["4"], "by number")
        XCTAssertEqual(neighbours(of: known("8", cnp: "Q"), in: rows), [], "nothing shared")
        rows.removeAll()
        XCTAssertTrue(rows.isEmpty)
        XCTAssertEqual(neighbours(of: known("1", cnp: "X"), in: rows), [])
        add(known("6", cnp: "X"), to: &rows)
        XCTAssertEqual(neighbours(of: known("1", cnp: "X"), in: rows), ["6"], "used again after being emptied")
    }

    /// Bytes written past the first capacity are all kept, a word set later lands where it was
    /// written, and a copy is a value of its own.
    func testByteWriterGrowsKeepsItsBytesAndCopiesOnWrite() {
        func be(_ v: Int32) -> [UInt8] { withUnsafeBytes(of: v.bigEndian) { Array($0) } }
        func bytes(_ w: ByteWriter) -> [UInt8] { var out: [UInt8] = []; w.write(to: &out); return out }
        var a = ByteWriter()
        var expected: [UInt8] = []
        for i in 0..<5_000 { a.word(Int32(i)); expected += be(Int32(i)) }
        let text = Array("Ștefan".utf8)
        text.withUnsafeBytes { a.value(type: 25, length: Int32(text.count + 1), version: 1, $0) }
        expected += be(25) + be(Int32(text.count + 1)) + [1] + text
        XCTAssertEqual(bytes(a), expected)
        a.set(-1, at: 4)
        expected.replaceSubrange(4..<8, with: be(-1))
        XCTAssertEqual(bytes(a), expected)
        var b = a
        b.word(7)
        a.word(8)
        XCTAssertEqual(bytes(b), expected + be(7))
        XCTAssertEqual(bytes(a), expected + be(8))
        var out: [UInt8] = [9]
        a.write(to: &out)
        XCTAssertEqual(out, [9] + expected + be(8))
    }

    /// A document's writes change another's lookups when any of the keys the lookups read
    /// (number, chain, insured, child) is one the writes are found by.
    func testTheKeysALookupReadsAreComparedOneByOne() {
        var written = Set<WrittenKeys.Key>()
        WrittenKeys.eachKey(serie: "CCMBN", numar: "3", body: known("3", cnp: "Y", initial: "1", child: "K").body) { written.insert($0) }
        XCTAssertEqual(written, [.number("CCMBN", "3"), .insured("Y"), .number("CCMBN", "1"), .child("K")])
        func lookup(_ numar: String, chain: String? = nil, cnp: String, child: String? = nil) -> HistoryStore.Keys {
            HistoryStore.Keys(serie: "CCMBN", numar: numar, chain: ChainKey(serie: "CCMBN", numar: chain ?? numar), cnp: cnp, cnpCopil: child)
        }
        XCTAssertTrue(WrittenKeys.reads(lookup("3", cnp: "Q"), anyOf: written), "its number")
        XCTAssertTrue(WrittenKeys.reads(lookup("7", chain: "1", cnp: "Q"), anyOf: written), "its chain's initial")
        XCTAssertTrue(WrittenKeys.reads(lookup("7", cnp: "Y"), anyOf: written), "its insured")
        XCTAssertTrue(WrittenKeys.reads(lookup("7", cnp: "Q", child: "K"), anyOf: written), "its child")
        XCTAssertFalse(WrittenKeys.reads(lookup("7", cnp: "Q", child: "Y"), anyOf: written), "an insured's CNP as a child is another key")
        XCTAssertFalse(WrittenKeys.reads(lookup("7", cnp: "Q"), anyOf: written))
        var plain = Set<WrittenKeys.Key>()
        WrittenKeys.eachKey(serie: "CCMBN", numar: "5", body: nil) { plain.insert($0) }
        XCTAssertEqual(plain, [.number("CCMBN", "5")], "a row without a body (a deletion) is found by its number alone")
    }
}
