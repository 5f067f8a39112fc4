import Foundation
import XCTest
@testable import CCMCore

/// The edition label and the methodology's days (seed 001), and the typed Observații column.
final class EditionTests: XCTestCase {
    let october = YearMonth("2026-10")!

    func label(_ iso: String) -> String { Edition.label(luna: october, asOf: ISO8601DateFormatter().date(from: iso)!) }

    func testTheLabelFollowsThePublicationDaysInBucharest() {
        XCTAssertEqual(label("2026-11-10T10:00:00+02:00"), "Situație provizorie la 10.11.2026")
        XCTAssertEqual(label("2026-11-13T23:59:00+02:00"), "Situație provizorie la 13.11.2026")
        XCTAssertEqual(label("2026-11-13T22:30:00Z"), "Ediția din 14.11.2026", "00:30 on the 14th in Bucharest")
        XCTAssertEqual(label("2026-11-14T08:00:00+02:00"), "Ediția din 14.11.2026")
        XCTAssertEqual(label("2026-11-18T23:59:00+02:00"), "Ediția din 18.11.2026")
        XCTAssertEqual(label("2026-11-19T00:00:00+02:00"), "Actualizare la 19.11.2026")
        XCTAssertEqual(label("2026-11-30T23:00:00+02:00"), "Actualizare la 30.11.2026")
        XCTAssertEqual(label("2027-01-05T09:00:00+02:00"), "Actualizare la 05.01.2027")
    }

    func testTheMethodologysDays() {
        XCTAssertEqual(Edition.reportingDeadline(october).romanian, "12.11.2026")
        XCTAssertEqual(Edition.publicationStart(october).romanian, "14.11.2026")
        XCTAssertEqual(Edition.publicationEnd(october).romanian, "18.11.2026")
        XCTAssertEqual(Edition.republication(october).romanian, "30.11.2026")
        XCTAssertEqual(Edition.republication(YearMonth("2026-12")!).romanian, "31.01.2027")
        XCTAssertEqual(Edition.monthName(october), "octombrie 2026")
    }

    func testTheLastRefusalIsANoteMarkedOnceReplaced() {
        let at = ISO8601DateFormatter().date(from: "2026-11-04T09:10:00Z")!
        func row(_ refusals: [RefusedFile]) -> CentralizerRow {
            Centralizer(casa: "TM", luna: october, asOf: at, months: [
                ProviderMonth(provider: Fixture.provider(cui: "31001235", denumire: "CMI"), hasRegisteredInitial: true, certificates: 1,
                              certificatesWithErrors: 0, errors: [], lastReport: at, observations: ["W01 târziu"], refusals: refusals),
            ]).rows[0]
        }
        XCTAssertEqual(row([]).notes, [Observation(kind: .note, text: "W01 târziu")])
        let old = RefusedFile(fileName: "a.xml", receivedAt: at, reasons: [FileReason(code: "F02", message: "schema")], superseded: true)
        let last = RefusedFile(fileName: "b.xml", receivedAt: at, reasons: [FileReason(code: "F08", message: "totaluri"),
                                                                             FileReason(code: "F12", message: "altceva")], superseded: true)
        let notes = row([old, last]).notes
        XCTAssertEqual(notes.count, 2, "the note, then the last refusal only")
        XCTAssertEqual(notes[1], Observation(kind: .refusal, text: "Fișier respins b.xml (04.11.2026 11:10): F08 totaluri", superseded: true))
        XCTAssertEqual(notes[1].written, "Fișier respins b.xml (04.11.2026 11:10): F08 totaluri (înlocuit de o raportare înregistrată ulterior)")
        var current = last
        current.superseded = false
        XCTAssertEqual(row([current]).notes[1].written, "Fișier respins b.xml (04.11.2026 11:10): F08 totaluri")
    }

    func testCertificatesOfAnErrorListOnceInOrder() {
        let e = { (n: String, c: String) in CertificateErrorLine(serie: "CCMAM", numar: n, code: c, message: "m") }
        XCTAssertEqual(CertificateErrorLine.certificates([e("2", "C01"), e("1", "C02"), e("2", "C03")]), ["CCMAM 2", "CCMAM 1"])
    }
}
