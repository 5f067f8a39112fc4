import CCMCore
@testable import CCMStore
import CCMTestSupport
import Foundation
import XCTest

/// A document's lookups sent ahead of the last document's closing statements
/// (`IngestUnitOfWork.LookAhead`) answer exactly what they answer after them, on a group whose
/// documents share numbers, chains, insured, children, bytes, provider months and a
/// rectificative's superseded version with the document before them.
final class LookAheadTests: DatabaseTestCase {
    let received = Date(timeIntervalSince1970: 1_794_297_600)

    struct Doc {
        var name: String
        var cui: String
        var tip: DocumentKind = .initiala
        var status: DocumentStatus = .inregistrat
        var id = UUID()
        var sha: String? = nil
        var certificates: [ReportedCertificate] = []
        /// Ended with nothing recorded (a DUPLICAT).
        var recorded = true
    }

    func day(_ d: Int) -> LocalDate { LocalDate(year: 2026, month: 10, day: d)! }

    func cert(_ position: Int, _ numar: String, cnp: String, from: Int = 1, days: Int = 5, initial: String? = nil, child: String? = nil,
              operatie: CertificateOperation? = nil) -> ReportedCertificate {
        let body = CertificateBody(
            dataAcordarii: day(from), tip: initial == nil ? .initial : .continuare,
            certificatInitial: initial.map { CertificateRef(serie: "CCMBN", numar: $0, dataAcordarii: day(1)) }, medicParafa: "A12345",
            medicNume: "Dr. Test", locPrescriere: 1, cnp: cnp, nume: "Pop", prenume: "Ion", angajatorCui: nil, angajatorDenumire: nil,
            codIndemnizatie: "01", codDiagnostic: "J06", codUrgenta: nil, codBoalaInfecto: nil,
            perioada: Period(inceput: day(from), sfarsit: day(from + days - 1), zile: days), avizNumar: nil, avizData: nil, cnpCopil: child)
        return ReportedCertificate(position: position, line: position, operatie: operatie, serie: "CCMBN", numar: numar, body: body, motiv: nil)
    }

    /// Each document shares something its lookups read with the one just before it, except where said.
    lazy var documents: [Doc] = {
        let h = UUID()
        return [
            Doc(name: "a", cui: "1001", certificates: [cert(1, "1", cnp: "X"), cert(2, "2", cnp: "Y")]),
            // The same number as the document before.
            Doc(name: "b", cui: "1002", certificates: [cert(1, "1", cnp: "P1"), cert(2, "4", cnp: "Z")]),
            // A continuation of the chain the document before began.
            Doc(name: "c", cui: "1003", certificates: [cert(1, "5", cnp: "P2", from: 6, initial: "4")]),
            // Nothing shared with the one before: its lookups go ahead.
            Doc(name: "d", cui: "1004", certificates: [cert(1, "6", cnp: "W", child: "K")]),
            // The same insured, over an overlapping period.
            Doc(name: "e", cui: "1005", certificates: [cert(1, "7", cnp: "W", from: 3), cert(2, "9", cnp: "P4", child: "K2")]),
            // The same child.
            Doc(name: "f", cui: "1006", certificates: [cert(1, "8", cnp: "P3", child: "K2")]),
            // A rectificative of the first document: it changes the insured of its number 2.
            Doc(name: "g", cui: "1001", tip: .rectificativa, certificates: [cert(1, "2", cnp: "Y2", operatie: .modificare)]),
            // The insured the rectificative took away from number 2.
            Doc(name: "h", cui: "1008", id: h, sha: "h", certificates: [cert(1, "10", cnp: "Y")]),
            // The same bytes and IdDocument again, recorded as nothing.
            Doc(name: "i", cui: "1008", id: h, sha: "h", certificates: [cert(1, "10", cnp: "Y")], recorded: false),
            Doc(name: "j", cui: "1010", certificates: [cert(1, "11", cnp: "Q")]),
            // The same provider and month as the one before: it has an INITIALA now.
            Doc(name: "k", cui: "1010", status: .respins),
            Doc(name: "l", cui: "1012", certificates: [cert(1, "12", cnp: "R")]),
        ]
    }()

    func describe(_ r: DocumentStore.Recorded) -> String { "\(r.idDocument ?? "-") \(r.status.rawValue) \(r.cui ?? "-")" }

    struct Seen: Equatable {
        var name: String
        var unmoved: String?
        var registered: String?
        var idRegistered: Bool?
        var hasInitial: Bool?
        var history: [[KnownCertificate]]
    }

    func keys(_ c: ReportedCertificate) -> HistoryStore.Keys {
        HistoryStore.Keys(serie: c.serie, numar: c.numar, chain: c.body.map { ChainKey(body: $0, serie: c.serie, numar: c.numar) }
                          ?? ChainKey(serie: c.serie, numar: c.numar), cnp: c.body?.cnp ?? "", cnpCopil: c.body?.cnpCopil)
    }

    /// One document through the unit: its facts asked, its rows and record ended in the group.
    func store(_ d: Doc, _ unit: IngestUnitOfWork<String>, writer made: ((CertificateWriter) -> Void)? = nil) throws -> Seen {
        let luna = try XCTUnwrap(YearMonth(year: 2026, month: 10))
        let header = DocumentHeader(tip: d.tip, luna: luna, idDocument: d.id, dataGenerare: "2026-11-01T10:00:00+02:00", mediu: .test,
                                    cui: d.cui, casa: "TM", nrConventie: "1", denumire: "Test", email: nil)
        let sha = String(repeating: d.sha ?? d.name, count: 64)
        let k = d.certificates.map(keys)
        let facts = try unit.begin(.init(sha256: sha, header: header, signers: nil, receivedAt: received, firstBatch: k))
        let seen = Seen(name: d.name, unmoved: facts.earlier.unmoved.map(describe), registered: facts.earlier.registered.map(describe),
                        idRegistered: facts.header?.idRegistered, hasInitial: facts.header?.hasInitial,
                        history: k.map { key in (facts.firstBatch?.of(key) ?? []).map { var c = $0; c.versionId = nil; return c } })
        guard d.recorded else { unit.end(d.name); return seen }
        let id = try XCTUnwrap(facts.documentId)
        var rows: [Statement] = []
        if !d.certificates.isEmpty {
            let w = unit.writer(documentId: id, cui: d.cui, luna: luna, validFrom: received)
            made?(w)
            for c in d.certificates { try w.add(c, status: .valid) }
            rows = w.final(then: [])
        }
        var tally = DocumentTally()
        d.certificates.forEach { tally.add($0) }
        let record = DocumentStore.NewDocument(fileName: d.name, sha256: sha, size: 1, status: d.status, header: header, tally: tally,
                                               receivedAt: received, id: id)
        unit.end(d.name, recordId: id, certificates: d.certificates.count,
                 closing: .init(record: record, reasons: [], supersedes: d.tip == .rectificativa, rows: rows))
        return seen
    }

    /// The facts of each document, stored one after the other in one group, rolled back at the end.
    func facts(_ mode: IngestUnitOfWork<String>.LookAhead) throws -> (seen: [Seen], ahead: Int) {
        let unit = IngestUnitOfWork<String>(db)
        unit.lookAhead = mode
        let seen = try documents.map { try store($0, unit) }
        // What ran behind the last lookups failed nowhere; the group is rolled back for the next pass.
        XCTAssertEqual(try database.count("SELECT count(*) FROM documents"), documents.filter(\.recorded).count - 1)
        XCTAssertEqual(unit.takeFailed().count, 0)
        unit.abandon()
        unit.sendRelease()
        XCTAssertEqual(try database.count("SELECT count(*) FROM documents"), 0)
        return (seen, unit.lookedAhead)
    }

    /// Three documents that share nothing: each one's lookups go ahead of the one before's statements.
    var unrelated: [Doc] {
        [Doc(name: "x", cui: "2001", certificates: [cert(1, "20", cnp: "S1")]),
         Doc(name: "y", cui: "2002", certificates: [cert(1, "21", cnp: "S2")]),
         Doc(name: "z", cui: "2003", certificates: [cert(1, "22", cnp: "S3")])]
    }

    /// A month's partition is asked for by a group's documents until one of them has written its
    /// rows there and its statements have run; one that failed made none (its savepoint is
    /// undone), so the next one asks again. Whatever asks, every stored row has its partition.
    func testAMonthsPartitionIsAskedForUntilADocumentOfTheGroupHasMadeIt() throws {
        let cases: [(IngestUnitOfWork<String>.LookAhead, String?, [Bool], [String])] = [
            (.never, nil, [true, false, false], ["x", "y", "z"]),
            (.never, "x", [true, true, false], ["y", "z"]),
            // y's lookups go ahead of x's statements, so y asks before they have run.
            (.whenUnaffected, nil, [true, true, false], ["x", "y", "z"]),
        ]
        for (mode, refused, asks, stored) in cases {
            if let refused { try refuseDocument(named: refused) }
            let unit = IngestUnitOfWork<String>(db)
            unit.lookAhead = mode
            var asked: [Bool] = []
            for d in unrelated { _ = try store(d, unit) { asked.append(!$0.monthFirst.isEmpty) } }
            XCTAssertEqual(asked, asks, "\(mode), \(refused ?? "none refused")")
            XCTAssertEqual(try unit.commit(), stored)
            unit.sendRelease()
            XCTAssertEqual(unit.takeFailed().map(\.document), refused.map { [$0] } ?? [])
            XCTAssertEqual(try database.count("SELECT count(*) FROM certificate_versions"), stored.count)
            try db.execScript("TRUNCATE certificate_versions, certificate_current, documents CASCADE")
            try db.execScript("DROP TABLE \(try XCTUnwrap(db.exec("SELECT certificate_versions_partition_name('2026-10-01') AS p").first?["p"]))")
            if refused != nil { try allowDocuments() }
        }
    }

    func testADocumentFailingBehindTheNextOnesLookupsIsUndoneAlone() throws {
        try refuseDocument(named: "y")
        let unit = IngestUnitOfWork<String>(db)
        for d in unrelated { _ = try store(d, unit) }
        XCTAssertEqual(unit.lookedAhead, 2, "y's and z's lookups went ahead")
        XCTAssertEqual(try unit.commit(), ["x", "z"])
        unit.sendRelease()
        XCTAssertEqual(unit.takeFailed().map(\.document), ["y"])
        XCTAssertEqual(try db.exec("SELECT file_name FROM documents ORDER BY id").values.map { $0[0] }, ["x", "z"])
        XCTAssertEqual(try db.exec("SELECT numar FROM certificate_versions ORDER BY id").values.map { $0[0] }, ["20", "22"])
    }

    func testALookupFailingAheadLeavesTheDocumentBeforeItWhole() throws {
        let unit = IngestUnitOfWork<String>(db)
        let docs = unrelated
        _ = try store(docs[0], unit)
        _ = try store(docs[1], unit)
        // z's lookup of its provider fails (in y's savepoint, which is taken back with it).
        try db.exec("ALTER TABLE providers RENAME TO providers_gone")
        XCTAssertThrowsError(try store(docs[2], unit))
        XCTAssertTrue(unit.isOpen)
        XCTAssertEqual(try unit.commit(), ["x", "y"])
        unit.sendRelease()
        XCTAssertEqual(unit.takeFailed().count, 0)
        XCTAssertEqual(try db.exec("SELECT file_name FROM documents ORDER BY id").values.map { $0[0] }, ["x", "y"])
        XCTAssertEqual(try db.exec("SELECT numar FROM certificate_versions ORDER BY id").values.map { $0[0] }, ["20", "21"])
        XCTAssertEqual(try database.count("SELECT count(*) FROM pg_class WHERE relname = 'providers'"), 1, "the rename was rolled back with y's start")
    }

    func testLookupsSentAheadAnswerAsAfterTheLastDocumentsStatements() throws {
        let after = try facts(.never)
        XCTAssertEqual(after.ahead, 0)
        let ahead = try facts(.whenUnaffected)
        XCTAssertEqual(ahead.seen, after.seen)
        // d, g (nothing of f's) and l (nothing of k's) went ahead; the others follow what they share.
        XCTAssertEqual(ahead.ahead, 3)
        // The data is as tricky as it claims: sent ahead whatever the document before wrote, the
        // answers of b, c, e, f, h, i and k would miss it.
        let blind = try facts(.always)
        let differ = zip(blind.seen, after.seen).filter { $0 != $1 }.map(\.0.name)
        XCTAssertEqual(differ, ["b", "c", "e", "f", "h", "i", "k"])
    }

    /// `ingest --verbose` says what the documents' connection waited for: a group's opening, a
    /// document's lookups, the statements sent behind earlier lookups, the COMMIT – and nothing
    /// is counted twice (the waits add up to no more than the time they were made in).
    func testEachWaitIsCountedUnderWhatItWasFor() throws {
        let unit = IngestUnitOfWork<String>(db)
        let before = db.waits, started = DispatchTime.now().uptimeNanoseconds
        for d in unrelated { _ = try store(d, unit) }
        XCTAssertEqual(try unit.commit(), ["x", "y", "z"])
        unit.sendRelease()
        let after = db.waits, elapsed = Double(DispatchTime.now().uptimeNanoseconds - started) / 1e9
        func delta(_ k: WaitKind) -> Double { after[k] - before[k] }
        XCTAssertEqual(unit.lookedAhead, 2, "y's and z's lookups went ahead of the statements before them")
        XCTAssertGreaterThan(delta(.opening), 0, "x opened the group")
        XCTAssertGreaterThan(delta(.lookups), 0, "y's and z's lookups")
        XCTAssertGreaterThan(delta(.earlierStatements), 0, "x's and y's statements, read after the next lookups")
        XCTAssertGreaterThan(delta(.commit), 0)
        XCTAssertLessThanOrEqual(after.total - before.total, elapsed)
    }
}
