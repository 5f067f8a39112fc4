import CCMCore
@testable import CCMPublishing
import CCMStore
import CCMTestSupport
import Foundation
import XCTest
@testable import CCMApp

/// The certificate-level rules through the pipeline: history from PostgreSQL across documents
/// and providers, verdicts stored, the centralizer's CU ERORI rows.
final class RulesPipelineTests: DatabaseTestCase {
    func cert(_ numar: String, cnp: String = Fixture.cnp(serial: 7), from: String = "2026-10-06", to: String = "2026-10-09",
              zile: Int = 4) -> Fixture.Cert {
        var c = Fixture.Cert(); c.numar = numar; c.cnp = cnp; c.inceput = from; c.data = from; c.sfarsit = to; c.zile = zile
        return c
    }

    func continuation(of initial: Fixture.Cert, numar: String, from: String, to: String, zile: Int, issued: String) -> Fixture.Cert {
        var c = cert(numar, cnp: initial.cnp, from: from, to: to, zile: zile)
        c.data = issued
        c.continuationOf = (initial.serie, initial.numar, initial.data)
        return c
    }

    func testAContinuationFindsItsInitialInAnotherProvidersEarlierReport() throws {
        try registerProvider(); try registerProvider(Fixture.otherCui)
        let initial = cert("4400100", from: "2026-10-05", to: "2026-10-07", zile: 3)
        let next = continuation(of: initial, numar: "4400900", from: "2026-10-08", to: "2026-10-09", zile: 2, issued: "2026-10-07")
        let orphan = continuation(of: cert("4400555"), numar: "4400901", from: "2026-10-20", to: "2026-10-21", zile: 2, issued: "2026-10-19")
        try drop([("1.xml", Fixture.document(certificates: [initial])),
                  ("2.xml", Fixture.document(cui: Fixture.otherCui, certificates: [next, orphan]))])
        let s = try ingest()
        XCTAssertEqual(s.outcomes.map(\.status), [.inregistrat, .inregistrat])
        let lines = s.outcomes[1].certificates
        XCTAssertEqual(lines[0].errors.map(\.code), [])
        XCTAssertEqual(lines[1].errors.map(\.code), ["C08"])
        XCTAssertEqual(try database.count("SELECT count(*) FROM certificate_versions WHERE status = 'CU_ERORI'"), 1)
    }

    func testOwnRepeatIsListedButNotStoredAndAnotherProvidersNumberIsStoredWithErrors() throws {
        try registerProvider(); try registerProvider(Fixture.otherCui)
        let a = cert("4400100", cnp: Fixture.cnp(serial: 1))
        let b = cert("4400100", cnp: Fixture.cnp(serial: 2))   // same number, same document
        try drop([("1.xml", Fixture.document(certificates: [a, b])),
                  ("2.xml", Fixture.document(cui: Fixture.otherCui, certificates: [cert("4400100", cnp: Fixture.cnp(serial: 3))]))])
        let s = try ingest()
        XCTAssertEqual(s.outcomes[0].certificates.map { $0.errors.map(\.code) }, [[], ["C16"]])
        XCTAssertEqual(s.outcomes[1].certificates.map { $0.errors.map(\.code) }, [["C16"]])
        XCTAssertEqual(try database.count("SELECT count(*) FROM certificate_versions WHERE cui = $1", [Fixture.cui]), 1, "the first stays")
        XCTAssertEqual(try database.count("SELECT count(*) FROM certificate_versions WHERE cui = $1 AND status = 'CU_ERORI'", [Fixture.otherCui]), 1)
    }

    func testTheCentralizerShowsCuEroriWithNoCNPNotEvenMaskedAndNoDiagnosis() throws {
        try registerProvider()
        var bad = cert("4400100", cnp: "1850512350012")    // C01: wrong control digit
        bad.diagnostic = "I53"                               // C11: not in ICD-10
        try drop([("1.xml", Fixture.document(certificates: [bad, cert("4400101", cnp: Fixture.cnp(serial: 9))]))])
        _ = try ingest()
        let t = try App.centralizer(db, settings: settings(), luna: YearMonth("2026-10")!, asOf: Date())
        let row = try XCTUnwrap(t.rows.first)
        XCTAssertEqual(row.stage, .cuErori)
        XCTAssertEqual(row.nrCertificate, 2)
        XCTAssertEqual(row.nrCertificateCuErori, 1)
        // A masked CNP's first digit tells sex and century: the public table has none.
        XCTAssertEqual(row.errorDescription, ["CCMAM 4400100: C01 CNP asigurat invalid; C11 Cod de diagnostic inexistent"])
        for text in [CentralizerJSON.render(t), CentralizerCSV.render(t)] {
            XCTAssertFalse(text.contains("I53"))
            XCTAssertFalse(text.contains("1850512350012"))
            XCTAssertFalse(text.contains("1***********2"))
        }
        // The provider's own view (ingest --json, the e-mail) names the code it wrote and the CNP masked.
        let own = try db.exec("SELECT errors::text FROM certificate_versions WHERE numar = '4400100'").first?[0] ?? ""
        XCTAssertTrue(own.contains("I53"))
        XCTAssertTrue(own.contains("1***********2"))
    }

    func testWarningsKeepACertificateValidAndShowInTheObservations() throws {
        try registerProvider()
        var child = cert("4400100", cnp: Fixture.cnp(serial: 11))
        child.code = "09"; child.cnpCopil = "5150601350011"  // born 2015-06-01: 11 years old → W02
        try drop([("1.xml", Fixture.document(certificates: [child]))])
        let s = try ingest()
        let line = try XCTUnwrap(s.outcomes.first?.certificates.first)
        XCTAssertEqual(line.errors.map(\.code), ["W02"])
        XCTAssertEqual(line.status, .valid)
        let t = try App.centralizer(db, settings: settings(), luna: YearMonth("2026-10")!, asOf: Date())
        XCTAssertEqual(t.rows.first?.stage, .validat)
        XCTAssertEqual(t.rows.first?.observations.first?.hasPrefix("CCMAM 4400100: W02"), true)
        // No hint of a health condition in public; the provider's own message keeps it.
        XCTAssertFalse(t.rows.first?.observations.joined().contains("handicap") ?? true)
        XCTAssertTrue(line.errors.first?.message.contains("handicap") ?? false)
    }

    func testASeverityFromTheRulesFileApplies() throws {
        try registerProvider()
        let shipped = SharedSchema.rules.judge
        let engine = RuleEngine(config: RulesConfig(severities: ["C01": .off], sets: shipped.config.sets), nomenclators: shipped.nomenclators)
        try drop([("1.xml", Fixture.document(certificates: [cert("4400100", cnp: "1850512350012")]))])
        let p = try IngestPipeline(settings: settings(), db: db, schema: SharedSchema.schema, rules: engine)
        let s = try p.run(paths: [], receivedAt: Date(timeIntervalSince1970: 1_794_297_600), keepCertificateLines: true)
        XCTAssertEqual(s.outcomes.first?.certificates.first?.errors.map(\.code), [])
    }

    func testDoctorsAndPadsImportAndApply() throws {
        try registerProvider()
        let medici = folder.appendingPathComponent("medici.csv"), carnete = folder.appendingPathComponent("carnete.csv")
        try "cui,parafa,nume,activ_de_la,activ_pana_la\n\(Fixture.cui),A12345,Popescu Ana,2025-01-01,\n"
            .write(to: medici, atomically: true, encoding: .utf8)
        try "cui,serie,numar_de_la,numar_pana_la,data_distribuirii\n\(Fixture.cui),CCMAM,4400100,4400149,2026-01-05\n"
            .write(to: carnete, atomically: true, encoding: .utf8)
        XCTAssertEqual(try RegistryImport.run(file: medici.path, db: db).counts.added, 1)
        XCTAssertEqual(try RegistryImport.run(file: carnete.path, db: db).counts.added, 1)
        var otherDoctor = cert("4400101", cnp: Fixture.cnp(serial: 21)); otherDoctor.parafa = "B99999"
        try drop([("1.xml", Fixture.document(certificates: [cert("4400100", cnp: Fixture.cnp(serial: 20)), otherDoctor,
                                                            cert("4400150", cnp: Fixture.cnp(serial: 22))]))])
        let s = try ingest()
        XCTAssertEqual(s.outcomes[0].certificates.map { $0.errors.map(\.code) }, [[], ["C18"], ["C17"]])
    }

    func testOverlappingPadsAreRefusedWithTheirLine() throws {
        try registerProvider(); try registerProvider(Fixture.otherCui)
        let first = folder.appendingPathComponent("a.csv"), second = folder.appendingPathComponent("b.csv")
        try "cui,serie,numar_de_la,numar_pana_la,data_distribuirii\n\(Fixture.cui),CCMAM,100,199,2026-01-05\n"
            .write(to: first, atomically: true, encoding: .utf8)
        try "cui,serie,numar_de_la,numar_pana_la,data_distribuirii\n\(Fixture.otherCui),CCMAS,100,199,2026-01-05\n\(Fixture.otherCui),CCMAM,150,250,2026-01-05\n"
            .write(to: second, atomically: true, encoding: .utf8)
        _ = try RegistryImport.run(file: first.path, db: db)
        XCTAssertThrowsError(try RegistryImport.run(file: second.path, db: db)) { e in
            XCTAssertEqual((e as? RegistryImport.Rejected)?.errors.map(\.line), [3])
        }
        XCTAssertEqual(try database.count("SELECT count(*) FROM pads"), 1, "nothing of the refused file stays")
        let within = folder.appendingPathComponent("c.csv")
        try "cui,serie,numar_de_la,numar_pana_la,data_distribuirii\n\(Fixture.cui),CCMXX,1,10,2026-01-05\n\(Fixture.cui),CCMXX,10,20,2026-01-05\n"
            .write(to: within, atomically: true, encoding: .utf8)
        XCTAssertThrowsError(try RegistryImport.run(file: within.path, db: db)) { e in
            XCTAssertEqual((e as? RegistryImport.Rejected)?.errors.map(\.line), [3])
        }
    }
}
