import CCMCore
@testable import CCMPublishing
import CCMStore
import CCMTestSupport
import Foundation
import XCTest
@testable import CCMApp

/// The night summer time ends (25 October 2026) 03:00–03:59 happens twice in Bucharest: a time
/// shown to a person in that hour carries its offset, everywhere ccm shows one.
final class RepeatedHourTests: DatabaseTestCase {
    /// 03:30 the first time (+03:00) and 03:30 the second time (+02:00).
    let first = "2026-10-25T03:30:00+03:00", second = "2026-10-25T03:30:00+02:00"
    let luna = YearMonth("2026-09")!

    func testTheCentralizerTheNotesAndTheEmailsShowTheOffsetInTheRepeatedHour() throws {
        try registerProvider(email: "cabinet@exemplu.ro")
        try registerProvider(Fixture.otherCui, email: "altul@exemplu.ro")
        try drop([("1.xml", Fixture.document(luna: "2026-09"))])
        XCTAssertEqual(try ingest(at: first).outcomes.first?.status, .inregistrat)
        try drop([("2.xml", Fixture.document(luna: "2026-09", cui: Fixture.otherCui, totals: (9, 9)))])
        XCTAssertEqual(try ingest(at: second).outcomes.first?.status, .respins)

        let asOf = try XCTUnwrap(ISO8601DateFormatter().date(from: "2026-10-26T08:00:00+02:00"))
        let table = try App.centralizer(db, settings: settings(), luna: luna, asOf: asOf)
        let registered = "25.10.2026 03:30 (+03:00)", refused = "25.10.2026 03:30 (+02:00)"
        for (format, text) in [("csv", CentralizerCSV.render(table)), ("text", CentralizerText.render(table)),
                               ("html", CentralizerHTML.render(table))] {
            XCTAssertTrue(text.contains(format == "html" ? "<span>03:30</span> <span>(+03:00)</span>" : registered),
                          "\(format): Data ultimei raportări")
            XCTAssertTrue(text.contains("Fișier respins 2.xml (\(refused))"), "\(format): the refusal note")
        }
        let reports = try Notifier.reports(db: db, settings: settings(), luna: luna, now: asOf)
        let mail = try XCTUnwrap(reports.first { $0.provider.cui == Fixture.otherCui })
        XCTAssertTrue(mail.text.contains("2.xml, primit la \(refused)"), mail.text)
        XCTAssertTrue(mail.html.contains(refused), "the HTML alternative too")
    }

    /// A change refused as backdated names the time of the later one in Bucharest time, with
    /// its offset in the repeated hour (it was UTC without a mark before).
    func testABackdatedRegistryChangeNamesTheLaterOneInBucharestTime() throws {
        let iso = ISO8601DateFormatter()
        let signer = SignerStore.Signer(cui: Fixture.cui, certSHA256: String(repeating: "ab", count: 32), cnp: Fixture.cnp, nume: "Semnatar",
                                        email: nil, role: .user, state: .active, from: Date(), until: nil, decidedBy: "test")
        try registerProvider()
        try SignerStore(db).record(signer, at: iso.date(from: second))
        XCTAssertThrowsError(try SignerStore(db).record(signer, at: iso.date(from: first))) { e in
            XCTAssertEqual("\(e)", "ultima modificare a acestui semnatar este din 25.10.2026 03:30 (+02:00), după data efectivă cerută")
        }
        var renamed = Provider(cui: Fixture.cui, denumire: "Alt nume", casa: "TM", nrConventie: "CV-1", conventieDeLa: LocalDate("2025-01-01")!,
                               conventiePanaLa: nil, email: nil, tip: .mf)
        _ = try RegistryStore(db).upsert([renamed], at: try XCTUnwrap(iso.date(from: first)))
        renamed.denumire = "Al treilea nume"
        XCTAssertThrowsError(try RegistryStore(db).upsert([renamed], at: try XCTUnwrap(iso.date(from: "2026-10-25T02:00:00+03:00")))) { e in
            XCTAssertEqual((e as? RegistryStore.Backdated)?.current, "25.10.2026 03:30 (+03:00)")
        }
    }
}
