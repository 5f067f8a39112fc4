import Foundation
import XCTest
@testable import CCMCore

/// Comparing two editions of the centralizer (04-outputs.md §4).
final class EditionComparisonTests: XCTestCase {
    private func month(_ cui: String, _ name: String, initial: Bool = true, certificates: Int = 0, withErrors: Int = 0,
                       observations: [String] = []) -> ProviderMonth {
        let errors = (0..<withErrors).map { CertificateErrorLine(serie: "CCMAM", numar: "44001\($0)", code: "C01", message: "CNP asigurat invalid") }
        return ProviderMonth(provider: Fixture.provider(cui: cui, denumire: name), hasRegisteredInitial: initial,
                             certificates: certificates, certificatesWithErrors: withErrors, errors: errors,
                             lastReport: nil, observations: observations)
    }

    private func table(_ at: String, _ months: [ProviderMonth]) -> Centralizer {
        Centralizer(casa: "TM", luna: YearMonth("2026-10")!, asOf: instant(at), months: months)
    }

    private let fourteenth = "2026-11-14T08:00:00+02:00", monthEnd = "2026-11-30T23:00:00+02:00"

    func testOnlyRowsWhoseStageOrCountsChangedAreListedWithBeforeAndAfter() {
        let before = table(fourteenth, [
            month("31001235", "Țăranu SRL", certificates: 12, withErrors: 1),
            month("42005674", "Ardelean SRL", certificates: 9),
            month("18273645", "Banat SRL", initial: false),
            month("29384756", "Crișan SRL", certificates: 5, withErrors: 2),
            month("14785236", "Dacia SRL", certificates: 7, observations: ["W01 raportare tardivă"]),
        ])
        let after = table(monthEnd, [
            month("31001235", "Țăranu SRL", certificates: 12),                           // CU ERORI → VALIDAT
            month("42005674", "Ardelean SRL", certificates: 10),                          // one more certificate
            month("18273645", "Banat SRL", certificates: 3),                              // FĂRĂ RAPORTARE → VALIDAT
            month("29384756", "Crișan SRL (redenumit)", certificates: 5, withErrors: 2), // a new name only
            month("14785236", "Dacia SRL", certificates: 7),                              // an observation only
        ])
        let c = EditionComparison(from: before, to: after)
        XCTAssertEqual(c.casa, "TM")
        XCTAssertEqual(c.luna, YearMonth("2026-10"))
        XCTAssertEqual(c.from, instant(fourteenth))
        XCTAssertEqual(c.to, instant(monthEnd))
        XCTAssertEqual(c.changes, [
            EditionChange(cui: "42005674", denumire: "Ardelean SRL",
                          before: EditionFigures(stage: .validat, nrCertificate: 9, nrCertificateCuErori: 0),
                          after: EditionFigures(stage: .validat, nrCertificate: 10, nrCertificateCuErori: 0)),
            EditionChange(cui: "18273645", denumire: "Banat SRL",
                          before: EditionFigures(stage: .faraRaportare, nrCertificate: 0, nrCertificateCuErori: 0),
                          after: EditionFigures(stage: .validat, nrCertificate: 3, nrCertificateCuErori: 0)),
            EditionChange(cui: "31001235", denumire: "Țăranu SRL",
                          before: EditionFigures(stage: .cuErori, nrCertificate: 12, nrCertificateCuErori: 1),
                          after: EditionFigures(stage: .validat, nrCertificate: 12, nrCertificateCuErori: 0)),
        ], "in the table's reading order (diacritics ignored: Țăranu after Banat)")
        XCTAssertEqual(c.changes.map(\.kind), [.changed, .changed, .changed])
    }

    func testAProviderInOneEditionOnlyIsListedAndSaidSo() {
        let before = table(fourteenth, [month("31001235", "Alfa SRL", certificates: 4), month("42005674", "Beta SRL", initial: false)])
        let after = table(monthEnd, [month("31001235", "Alfa SRL", certificates: 4), month("18273645", "Gama SRL", initial: false)])
        let c = EditionComparison(from: before, to: after)
        XCTAssertEqual(c.changes.map(\.cui), ["42005674", "18273645"])
        XCTAssertEqual(c.changes.map(\.kind), [.disappeared, .appeared])
        XCTAssertEqual(c.changes[0].before, EditionFigures(stage: .faraRaportare, nrCertificate: 0, nrCertificateCuErori: 0))
        XCTAssertNil(c.changes[0].after)
        XCTAssertNil(c.changes[1].before)
        XCTAssertEqual(c.changes[1].denumire, "Gama SRL")
        XCTAssertEqual(c.count(.appeared), 1)
        XCTAssertEqual(c.count(.disappeared), 1)
        XCTAssertEqual(c.count(.changed), 0)
    }

    func testTheSameEditionTwiceAndTwoEmptyOnesChangeNothing() {
        let t = table(fourteenth, [month("31001235", "Alfa SRL", certificates: 4, withErrors: 1), month("42005674", "Beta SRL")])
        XCTAssertEqual(EditionComparison(from: t, to: t).changes, [])
        XCTAssertEqual(EditionComparison(from: table(fourteenth, []), to: table(monthEnd, [])).changes, [])
    }

    func testTheOrderIsStableWhateverOrderTheRowsCameIn() {
        let names = ["Zeta", "alfa", "Ălfa", "Beta", "beta"]
        let before = table(fourteenth, names.enumerated().map { month("\(31001230 + $0)", $1, initial: false) })
        let after = table(monthEnd, names.enumerated().reversed().map { month("\(31001230 + $0)", $1, certificates: 1) })
        let orders = (0..<5).map { _ in EditionComparison(from: before, to: after).changes.map(\.cui) }
        XCTAssertEqual(orders[0], after.rows.map(\.cui), "the centralizer's own order")
        XCTAssertEqual(orders[0], ["31001231", "31001232", "31001233", "31001234", "31001230"])
        for o in orders { XCTAssertEqual(o, orders[0]) }
    }
}
