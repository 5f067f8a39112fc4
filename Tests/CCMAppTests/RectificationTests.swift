import CCMCore
@testable import CCMPublishing
import CCMStore
import CCMTestSupport
import Foundation
import XCTest
@testable import CCMApp

/// Rectificatives, versions, as-of editions and revalidation (`02-validation-rules.md` C16, C22, §5).
final class RectificationTests: DatabaseTestCase {
    let luna = YearMonth("2026-10")!
    func at(_ s: String) -> Date { ISO8601DateFormatter().date(from: s)! }

    func op(_ c: Fixture.Cert, _ operatie: String) -> Fixture.Cert {
        var c = c; c.operatie = operatie; c.stergere = operatie == "STERGERE"; return c
    }
    func row(asOf: Date = Date()) throws -> CentralizerRow {
        try XCTUnwrap(try App.centralizer(db, settings: settings(), luna: luna, asOf: asOf).rows.first { $0.cui == Fixture.cui })
    }
    func rectify(_ certs: [Fixture.Cert], file: String, received: String) throws -> FileOutcome {
        try drop([(file, Fixture.document(tip: "RECTIFICATIVA", certificates: certs))])
        return try XCTUnwrap(try ingest(at: received).outcomes.first)
    }
    func codes(_ o: FileOutcome) -> [[String]] { o.certificates.map { $0.errors.map(\.code) } }

    /// An INITIALA with a valid certificate (…100), one with a bad CNP (…101) and another valid (…102).
    func initial() throws {
        try registerProvider()
        try registerProvider(Fixture.otherCui)
        try drop([("1.xml", Fixture.document(certificates: [Fixture.cert("4400100", serial: 1),
                                                            Fixture.cert("4400101", serial: 2, cnp: "1850512350012"),
                                                            Fixture.cert("4400102", serial: 3)]))])
        XCTAssertEqual(try ingest(at: "2026-11-10T10:00:00+02:00").outcomes.first?.status, .inregistrat)
    }

    func testModificareOfAValidAndOfAFailingCertificate() throws {
        try initial()
        XCTAssertEqual(try row().stage, .cuErori)
        var fixed = op(Fixture.cert("4400101", serial: 2), "MODIFICARE")
        fixed.sfarsit = "2026-10-08"; fixed.zile = 3
        var broken = op(Fixture.cert("4400100", serial: 1), "MODIFICARE")
        broken.diagnostic = "I53"
        let o = try rectify([fixed, broken], file: "r1.xml", received: "2026-11-16T12:00:00+02:00")
        XCTAssertEqual(o.status, .inregistrat)
        XCTAssertEqual(codes(o), [[], ["C11"]])
        let r = try row()
        XCTAssertEqual(r.nrCertificate, 3)
        XCTAssertEqual(r.errors.map { "\($0.numar) \($0.code)" }, ["4400100 C11"])
        XCTAssertEqual(try database.count("SELECT count(*) FROM certificate_versions"), 5, "nothing overwritten")
    }

    func testStergereOfAValidAndOfAFailingCertificate() throws {
        try initial()
        let o = try rectify([op(Fixture.cert("4400101", serial: 2), "STERGERE"), op(Fixture.cert("4400102", serial: 3), "STERGERE")],
                            file: "r1.xml", received: "2026-11-16T12:00:00+02:00")
        XCTAssertEqual(codes(o), [[], []])
        let r = try row()
        XCTAssertEqual(r.stage, .validat, "the only error was deleted")
        XCTAssertEqual(r.nrCertificate, 1)
    }

    func testAdaugareAddsAndC16RefusesAnOwnNumberAgain() throws {
        try initial()
        let o = try rectify([op(Fixture.cert("4400103", serial: 4), "ADAUGARE"), op(Fixture.cert("4400100", serial: 5), "ADAUGARE")],
                            file: "r1.xml", received: "2026-11-16T12:00:00+02:00")
        XCTAssertEqual(codes(o), [[], ["C16"]])
        XCTAssertEqual(try row().nrCertificate, 4)
        XCTAssertEqual(try database.count("SELECT count(*) FROM certificate_versions WHERE numar = '4400100'"), 1, "the first stays")
    }

    func testC22ForATargetThatIsNotThisProvidersCurrentCertificate() throws {
        try initial()
        try drop([("2.xml", Fixture.document(cui: Fixture.otherCui, certificates: [Fixture.cert("4400500", serial: 9)]))])
        _ = try ingest(at: "2026-11-10T10:00:00+02:00")
        let o = try rectify([op(Fixture.cert("4400999", serial: 6), "MODIFICARE"),      // never reported
                             op(Fixture.cert("4400500", serial: 9), "STERGERE"),        // another provider's
                             op(Fixture.cert("4400102", serial: 3), "STERGERE")],       // its own: quiet
                            file: "r1.xml", received: "2026-11-16T12:00:00+02:00")
        XCTAssertEqual(codes(o), [["C22"], ["C22"], []])
        XCTAssertEqual(try database.count("SELECT count(*) FROM certificate_versions WHERE numar = '4400500' AND valid_to IS NULL"), 1,
                       "another provider's certificate is untouched")
        let r = try row()
        XCTAssertEqual(r.nrCertificate, 3, "…100, …101 and the C22 MODIFICARE; …102 deleted")
        XCTAssertTrue(r.errors.contains { $0.numar == "4400999" && $0.code == "C22" })
    }

    func testTheMonthAsOfEachMomentAndTheFourteenthEditionReproduced() throws {
        try initial()
        let fourteenth = at("2026-11-14T08:00:00+02:00")
        let printed = CentralizerJSON.render(try App.centralizer(db, settings: settings(), luna: luna, asOf: fourteenth))

        var fixed = op(Fixture.cert("4400101", serial: 2), "MODIFICARE"); fixed.zile = 4
        _ = try rectify([fixed], file: "r1.xml", received: "2026-11-16T12:00:00+02:00")
        _ = try rectify([op(Fixture.cert("4400102", serial: 3), "STERGERE"), op(Fixture.cert("4400104", serial: 7), "ADAUGARE")],
                        file: "r2.xml", received: "2026-11-25T12:00:00+02:00")
        // The registry changes later too: the edition of the 14th keeps the name it had.
        var renamed = try XCTUnwrap(try RegistryStore(db).provider(cui: Fixture.cui))
        renamed.denumire = "CMI Dr. Test (redenumit)"
        _ = try RegistryStore(db).upsert([renamed], at: at("2026-11-20T00:00:00+02:00"))

        let stages = try ["2026-11-09T00:00:00+02:00", "2026-11-14T08:00:00+02:00", "2026-11-17T00:00:00+02:00", "2026-11-26T00:00:00+02:00"]
            .map { try row(asOf: at($0)) }
        XCTAssertEqual(stages.map(\.stage), [.faraRaportare, .cuErori, .validat, .validat])
        XCTAssertEqual(stages.map(\.nrCertificate), [0, 3, 3, 3])
        XCTAssertEqual(stages.map(\.denumire).last, "CMI Dr. Test (redenumit)")
        XCTAssertEqual(CentralizerJSON.render(try App.centralizer(db, settings: settings(), luna: luna, asOf: fourteenth)), printed)
        let status = try StatusReport.build(db, settings: settings(), luna: luna, cui: Fixture.cui, asOf: fourteenth)
        XCTAssertEqual(status.documents[Fixture.cui]?.map(\.fileName), ["1.xml"])
    }

    func testAContinuationReportedBeforeItsInitialBecomesValidOnRevalidation() throws {
        try ingestContinuationBeforeItsInitial()
        func stage(_ asOf: Date = Date()) throws -> Stage? {
            try App.centralizer(db, settings: settings(), luna: luna, asOf: asOf).rows.first { $0.cui == Fixture.otherCui }?.stage
        }
        XCTAssertEqual(try stage(), .cuErori)
        let before = Date()
        usleep(5_000) // times are kept to the millisecond
        let s = try Revalidation.run(db: db, rules: SharedSchema.rules, luna: luna)
        XCTAssertEqual(s, .init(checked: 1, changed: 1, nowValid: 1))
        XCTAssertEqual(try stage(), .validat)
        XCTAssertEqual(try stage(before), .cuErori, "the verdict counts from the moment the revalidation ran")
        XCTAssertEqual(try database.count("SELECT count(*) FROM certificate_versions WHERE numar = '4400900'"), 2, "the old verdict is kept")
        XCTAssertEqual(try Revalidation.run(db: db, rules: SharedSchema.rules, luna: luna), .init(checked: 0, changed: 0, nowValid: 0))
    }

    func testRevalidationLeavesAnUnchangedVerdictAlone() throws {
        try initial()
        XCTAssertEqual(try Revalidation.run(db: db, rules: SharedSchema.rules, luna: luna), .init(checked: 1, changed: 0, nowValid: 0))
        XCTAssertEqual(try database.count("SELECT count(*) FROM certificate_versions"), 3)
    }
}
