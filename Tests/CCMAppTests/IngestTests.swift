import CCMCore
@testable import CCMPublishing
import CCMStore
import CCMTestSupport
import Foundation
import XCTest
@testable import CCMApp

/// File-level outcomes through the whole pipeline, on a real PostgreSQL.
final class IngestTests: DatabaseTestCase {
    func outcome(_ s: IngestPipeline.Summary, _ i: Int = 0) -> FileOutcome { s.outcomes[i] }
    func codes(_ o: FileOutcome) -> [String] { o.errors.map(\.code) }

    /// A file's name is what follows its path's last "/", as splitting the whole path gave it.
    func testAFileNameIsWhatFollowsTheLastSlash() {
        for p in ["/inbox/CCM_1.xml", "CCM_2.xml", "/inbox/", "/", "/a/b/c.d.xml", "/inbox/ăîș/Țară.xml", "/x/\u{301}y.xml"] {
            let split = p.split(separator: "/", omittingEmptySubsequences: false).last.map(String.init) ?? p
            XCTAssertEqual(InboxFile(path: p, receivedAt: Date()).name, split, p)
        }
    }

    func testGoodInitialIsRegisteredStoredAndArchived() throws {
        try registerProvider()
        try drop([("a.xml", Fixture.document(certificates: Fixture.certs(3)))])
        let s = try ingest()
        XCTAssertEqual(outcome(s).status, .inregistrat)
        XCTAssertEqual(codes(outcome(s)), [])
        XCTAssertEqual(outcome(s).certificates.map(\.status), [.valid, .valid, .valid])
        XCTAssertEqual(try database.count("SELECT count(*) FROM certificate_versions WHERE status = 'VALID' AND valid_to IS NULL"), 3)
        XCTAssertEqual(try database.count("SELECT count(*) FROM documents WHERE status = 'INREGISTRAT' AND stored_as IS NOT NULL"), 1)
        XCTAssertFalse(FileManager.default.fileExists(atPath: inbox.appendingPathComponent("a.xml").path))
        XCTAssertTrue(FileManager.default.fileExists(atPath: folder.appendingPathComponent("arhiva/2026-10/a.xml").path))
    }

    func testRefusedFileKeepsOnlyItsRecordAndGoesToQuarantine() throws {
        try registerProvider()
        try drop([("a.xml", Fixture.document(certificates: Fixture.certs(3), totals: (4, 12)))])
        let s = try ingest()
        XCTAssertEqual(outcome(s).status, .respins)
        XCTAssertEqual(codes(outcome(s)), ["F08"])
        XCTAssertEqual(outcome(s).certificates.count, 0)
        XCTAssertEqual(try database.count("SELECT count(*) FROM certificate_versions"), 0)
        XCTAssertEqual(try database.count("SELECT count(*) FROM document_reasons WHERE code = 'F08'"), 1)
        XCTAssertTrue(FileManager.default.fileExists(atPath: folder.appendingPathComponent("carantina/2026-10/a.xml").path))
    }

    func testF07UnknownProviderOtherCasaAndNoConvention() throws {
        try registerProvider()
        try registerProvider(Fixture.otherCui, from: "2025-01-01", until: "2026-09-30")
        try registerProvider("18547290", casa: "CJ")
        try drop([("1.xml", Fixture.document(cui: "24455720")),                 // not in the registry
                  ("2.xml", Fixture.document(casa: "CJ")),                      // document for another CAS
                  ("3.xml", Fixture.document(cui: Fixture.otherCui)),           // convention ended 30 Sept
                  ("4.xml", Fixture.document(cui: "18547290", casa: "CJ")),     // the registry's CAS is CJ
                  ("5.xml", Fixture.document())])                               // quiet
        let s = try ingest()
        XCTAssertEqual(s.outcomes.map(codes), [["F07"], ["F07"], ["F07"], ["F07"], []])
    }

    func testF09MonthNotOver() throws {
        try registerProvider()
        try drop([("a.xml", Fixture.document(luna: "2026-11")), ("b.xml", Fixture.document(luna: "2026-10"))])
        let s = try ingest(at: "2026-11-10T10:00:00+02:00")
        XCTAssertEqual(s.outcomes.map(codes), [["F09"], []])
    }

    func testMonthsAtTheEdgesOfTheCalendarAreJudgedNotCrashedOn() throws {
        try registerProvider()
        try drop([("a.xml", Fixture.document(luna: "9999-12")), ("b.xml", Fixture.document(luna: "0001-01", certificates: []))])
        let s = try ingest()
        XCTAssertEqual(s.outcomes.map(codes), [["F09"], ["F07", "W01"]], "9999-12 is not over; 0001-01 is over, late and outside any convention")
    }

    func testF10SecondInitialAndF11RectificativeWithoutInitial() throws {
        try registerProvider()
        try registerProvider(Fixture.otherCui)
        var add = Fixture.Cert(); add.operatie = "ADAUGARE"; add.numar = "4400999"
        try drop([("1.xml", Fixture.document()),
                  ("2.xml", Fixture.document(certificates: Fixture.certs(1, from: 4400500))),
                  ("3.xml", Fixture.document(tip: "RECTIFICATIVA", cui: Fixture.otherCui, certificates: [add])),
                  ("4.xml", Fixture.document(tip: "RECTIFICATIVA", certificates: [add]))])
        let s = try ingest()
        XCTAssertEqual(s.outcomes.map(\.status), [.inregistrat, .respins, .respins, .inregistrat])
        XCTAssertEqual(s.outcomes.map(codes), [[], ["F10"], ["F11"], []])
    }

    func testF12OperationMissingOrForbidden() throws {
        try registerProvider()
        var withOp = Fixture.Cert(); withOp.operatie = "ADAUGARE"
        var withoutOp = Fixture.Cert(); withoutOp.numar = "4400777"
        try drop([("1.xml", Fixture.document(certificates: [withOp])),
                  ("2.xml", Fixture.document()),
                  ("3.xml", Fixture.document(tip: "RECTIFICATIVA", certificates: [withoutOp]))])
        let s = try ingest()
        XCTAssertEqual(s.outcomes.map(codes), [["F12"], [], ["F12"]])
        XCTAssertTrue(s.outcomes[2].errors[0].message.contains("CCMAM 4400777"))
    }

    func testF13Environment() throws {
        try registerProvider()
        try drop([("1.xml", Fixture.document(mediu: "PRODUCTIE")), ("2.xml", Fixture.document(mediu: nil)),
                  ("3.xml", Fixture.document(mediu: "TEST"))])
        let s = try ingest()
        // mediu absent means PRODUCTIE: also refused by a TEST deployment.
        XCTAssertEqual(s.outcomes.map(codes), [["F13"], ["F13"], []])
    }

    func testW01LateInitialIsRegisteredWithAWarning() throws {
        try registerProvider()
        try registerProvider(Fixture.otherCui)
        try drop([("1.xml", Fixture.document())])
        let onTime = try ingest(at: "2026-11-12T23:59:59+02:00")
        try drop([("2.xml", Fixture.document(cui: Fixture.otherCui, certificates: Fixture.certs(2, from: 4400200)))])
        let late = try ingest(at: "2026-11-13T00:00:00+02:00")
        XCTAssertEqual(codes(outcome(onTime)), [])
        XCTAssertEqual(outcome(late).status, .inregistrat)
        XCTAssertEqual(codes(outcome(late)), ["W01"])
        XCTAssertEqual(outcome(late).errors[0].severity, .avertisment)
        XCTAssertEqual(try database.count("SELECT count(*) FROM document_reasons WHERE code = 'W01'"), 1)
        let table = try App.centralizer(db, settings: settings(), luna: YearMonth("2026-10")!, asOf: Date())
        let row = try XCTUnwrap(table.rows.first { $0.cui == Fixture.otherCui })
        XCTAssertEqual(row.stage, .validat)
        XCTAssertEqual(row.observations, ["Raportare transmisă după termenul legal (12.11.2026)"])
    }

    func testEveryReasonIsReportedNotOnlyTheFirst() throws {
        var bad = Fixture.Cert(); bad.serie = "ccmam"; bad.operatie = "ADAUGARE"
        try drop([("1.xml", Fixture.document(cui: "24455720", mediu: "PRODUCTIE", certificates: [bad, Fixture.Cert()], totals: (5, 8)))])
        let s = try ingest()
        XCTAssertEqual(Set(codes(outcome(s))), ["F02", "F07", "F08", "F12", "F13"])
    }

    func testNotXMLSaysOnlyF01() throws {
        try drop([("1.xml", "<RaportareCCM xmlns=\"urn:ro:cnas:ccm:raportare:1\" luna=\"2026-13\"><Furnizor")])
        // It ends before its document does: settled at once here, or it would wait (IntakeTests).
        var settled = settings()
        settled.settleSeconds = 0
        let s = try ingest(settings: settled)
        XCTAssertEqual(codes(outcome(s)), ["F01"])
        XCTAssertNil(outcome(s).cui)
        XCTAssertNil(outcome(s).luna)
    }

    func testDuplicateBytesAndDuplicateIdDocumentChangeNothing() throws {
        try registerProvider()
        let id = UUID()
        let doc = Fixture.document(id: id)
        try drop([("1.xml", doc), ("2.xml", doc),
                  ("3.xml", Fixture.document(id: id, certificates: Fixture.certs(1, from: 4409000)))])
        let s = try ingest()
        XCTAssertEqual(s.outcomes.map(\.status), [.inregistrat, .duplicat, .duplicat])
        XCTAssertEqual(s.outcomes[1].cui, Fixture.cui)
        // Prepared while the file before them was judged; judged against what that one stored.
        XCTAssertEqual(s.preparedAhead, 2)
        XCTAssertEqual(try database.count("SELECT count(*) FROM documents"), 1)
        XCTAssertEqual(try database.count("SELECT count(*) FROM certificate_versions"), 2)
        XCTAssertTrue(FileManager.default.fileExists(atPath: folder.appendingPathComponent("arhiva/2026-10/2.xml").path))
    }

    func testRerunIsANoOp() throws {
        try registerProvider()
        try drop([("1.xml", Fixture.document()), ("2.xml", Fixture.document(totals: (9, 9)))])
        _ = try ingest()
        let before = try snapshot()
        let again = try ingest()
        XCTAssertEqual(again.outcomes.count, 0)
        XCTAssertEqual(try snapshot(), before)
        // The same registered file dropped again is a duplicate and changes nothing.
        try FileManager.default.copyItem(at: folder.appendingPathComponent("arhiva/2026-10/1.xml"), to: inbox.appendingPathComponent("1.xml"))
        XCTAssertEqual(try ingest().outcomes.map(\.status), [.duplicat])
        XCTAssertEqual(try snapshot(), before)
    }

    func testAFileThatCannotBeMovedStaysAndTheNextRunOnlyFinishesTheMove() throws {
        try registerProvider()
        try drop([("1.xml", Fixture.document())])
        // The archive path is a plain file: the move fails after the commit.
        try Data("x".utf8).write(to: folder.appendingPathComponent("arhiva"))
        let first = try ingest()
        XCTAssertEqual(first.left, 1)
        XCTAssertEqual(outcome(first).status, .inregistrat)
        XCTAssertTrue(FileManager.default.fileExists(atPath: inbox.appendingPathComponent("1.xml").path))
        // Still a plain file on the next run: the verdict stands, the note says the move failed again.
        let stuck = try ingest()
        XCTAssertEqual(stuck.left, 1)
        XCTAssertEqual(outcome(stuck).status, .inregistrat)
        XCTAssertTrue(outcome(stuck).judgedEarlier)
        XCTAssertEqual(outcome(stuck).note, "înregistrat la o rulare anterioară; mutarea în arhivă nu a reușit nici acum")
        try FileManager.default.removeItem(at: folder.appendingPathComponent("arhiva"))
        let before = try snapshot()
        let second = try ingest()
        XCTAssertEqual(second.left, 0)
        // Not DUPLICAT (no other file brought these bytes): its own verdict, the move completed.
        XCTAssertEqual(outcome(second).status, .inregistrat)
        XCTAssertTrue(outcome(second).judgedEarlier)
        XCTAssertEqual(outcome(second).certificateCount, 0, "its certificates were counted by the run that stored them")
        XCTAssertEqual(outcome(second).note, "înregistrat la o rulare anterioară; acum doar mutat în arhivă")
        let json = outcome(second).json.serialized()
        XCTAssertTrue(json.contains("\"status\": \"INREGISTRAT\"") && json.contains("\"judgedEarlier\": true")
                      && json.contains("\"note\": \"înregistrat la o rulare anterioară; acum doar mutat în arhivă\""), json)
        XCTAssertTrue(try ingest(paths: []).outcomes.isEmpty)
        XCTAssertEqual(try database.count("SELECT count(*) FROM documents"), 1)
        XCTAssertEqual(try database.count("SELECT count(*) FROM documents WHERE stored_as IS NULL"), 0)
        XCTAssertEqual(try snapshot().certificates, before.certificates)
    }

    func testRectificativeReplacesAndDeletesCurrentVersions() throws {
        try registerProvider()
        try drop([("1.xml", Fixture.document(certificates: Fixture.certs(3)))])
        _ = try ingest(at: "2026-11-10T10:00:00+02:00")
        var mod = Fixture.certs(1)[0]; mod.operatie = "MODIFICARE"; mod.sfarsit = "2026-10-08"; mod.zile = 3
        var del = Fixture.certs(2)[1]; del.operatie = "STERGERE"; del.stergere = true
        try drop([("2.xml", Fixture.document(tip: "RECTIFICATIVA", certificates: [mod, del]))])
        let r = try ingest(at: "2026-11-16T12:00:00+02:00")
        XCTAssertEqual(outcome(r).status, .inregistrat)
        let current = try db.exec("SELECT numar, zile FROM certificate_versions WHERE valid_to IS NULL ORDER BY numar")
        XCTAssertEqual(current.map { $0["numar"] ?? "" }, ["4400100", "4400102"])
        XCTAssertEqual(current.first?["zile"], "3")
        XCTAssertEqual(try database.count("SELECT count(*) FROM certificate_versions"), 5, "nothing is overwritten")
        let luna = YearMonth("2026-10")!
        let now = try App.centralizer(db, settings: settings(), luna: luna, asOf: Date()).rows[0]
        let then = try App.centralizer(db, settings: settings(), luna: luna,
                                       asOf: ISO8601DateFormatter().date(from: "2026-11-14T08:00:00+02:00")!).rows[0]
        XCTAssertEqual(now.nrCertificate, 2)
        XCTAssertEqual(then.nrCertificate, 3)
    }

    func testCentralizerListsEveryProviderWithAConventionInTheMonth() throws {
        try registerProvider()                                                   // reports
        try registerProvider(Fixture.otherCui)                                   // only a refused file
        try registerProvider("18547290", from: "2026-10-31")                     // convention from the last day
        try registerProvider("24455720", from: "2025-01-01", until: "2026-09-30") // not in October
        try drop([("1.xml", Fixture.document()), ("2.xml", Fixture.document(cui: Fixture.otherCui, totals: (1, 1)))])
        _ = try ingest()
        let t = try App.centralizer(db, settings: settings(), luna: YearMonth("2026-10")!, asOf: Date())
        XCTAssertEqual(Set(t.rows.map(\.cui)), [Fixture.cui, Fixture.otherCui, "18547290"])
        XCTAssertEqual(t.counts[.validat], 1)
        XCTAssertEqual(t.counts[.faraRaportare], 2)
        let refused = try XCTUnwrap(t.rows.first { $0.cui == Fixture.otherCui })
        XCTAssertEqual(refused.notes.count, 1)
        XCTAssertTrue(refused.notes[0].text.contains("F08"))
        XCTAssertEqual(refused.notes[0].kind, .refusal)
        XCTAssertFalse(refused.notes[0].superseded, "no later report")
        let csv = CentralizerCSV.render(t)
        XCTAssertTrue(csv.hasPrefix("\u{FEFF}Nr. crt.;CUI;Denumire furnizor;"))
        XCTAssertEqual(csv.components(separatedBy: "\r\n").filter { !$0.isEmpty }.count, 4)
    }

    struct Snapshot: Equatable { var documents: [[String?]]; var certificates: [[String?]]; var reasons: [[String?]] }

    func snapshot() throws -> Snapshot {
        Snapshot(documents: try db.exec("SELECT id, file_name, sha256, status, stored_as FROM documents ORDER BY id").values,
                 certificates: try db.exec("SELECT id, document_id, numar, status, valid_to FROM certificate_versions ORDER BY id").values,
                 reasons: try db.exec("SELECT * FROM document_reasons ORDER BY document_id, seq").values)
    }
}
