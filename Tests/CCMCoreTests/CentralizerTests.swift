import Foundation
import XCTest
@testable import CCMCore

/// The centralizer table (04-outputs.md §1).
final class CentralizerTests: XCTestCase {

    private func month(_ name: String = "CMI Dr. Popescu Ana", cui: String = "31001235", initial: Bool = true,
                       certificates: Int = 0, withErrors: Int = 0, errors: [CertificateErrorLine] = [],
                       lastReport: Date? = nil, observations: [String] = []) -> ProviderMonth {
        ProviderMonth(provider: Fixture.provider(cui: cui, denumire: name), hasRegisteredInitial: initial,
                      certificates: certificates, certificatesWithErrors: withErrors, errors: errors,
                      lastReport: lastReport, observations: observations)
    }

    private func table(_ months: [ProviderMonth]) -> Centralizer {
        Centralizer(casa: "TM", luna: YearMonth("2026-10")!, asOf: instant("2026-11-14T08:00:00+02:00"), months: months)
    }

    // MARK: Stage

    func testStageStringsAreThePublicOnes() {
        XCTAssertEqual(Stage.validat.rawValue, "VALIDAT")
        XCTAssertEqual(Stage.cuErori.rawValue, "CU ERORI")
        XCTAssertEqual(Stage.faraRaportare.rawValue.unicodeScalars.map(\.value),
                       "F\u{102}R\u{102} RAPORTARE".unicodeScalars.map(\.value))
    }

    func testNoInitialIsFaraRaportareEvenWithCertificates() {
        XCTAssertEqual(month(initial: false).stage, .faraRaportare)
        XCTAssertEqual(month(initial: false, certificates: 5, withErrors: 2).stage, .faraRaportare)
        XCTAssertEqual(month(initial: false, certificates: 5, withErrors: 0).stage, .faraRaportare)
    }

    func testInitialWithoutErrorsIsValidat() {
        XCTAssertEqual(month(certificates: 12, withErrors: 0).stage, .validat)
        XCTAssertEqual(month(certificates: 0, withErrors: 0).stage, .validat, "an empty report: no certificates issued")
    }

    func testAnyErrorIsCuErori() {
        XCTAssertEqual(month(certificates: 12, withErrors: 1).stage, .cuErori)
        XCTAssertEqual(month(certificates: 1, withErrors: 1).stage, .cuErori)
    }

    // MARK: Counts

    func testCountsPerStage() {
        let t = table([
            month("A", cui: "19"), month("B", cui: "60", certificates: 3, withErrors: 1),
            month("C", cui: "1014", certificates: 2, withErrors: 2), month("D", cui: "10004", initial: false),
            month("E", cui: "123453", certificates: 4),
        ])
        XCTAssertEqual(t.counts, [.validat: 2, .cuErori: 2, .faraRaportare: 1])
    }

    func testCountsListEveryStageEvenWhenZero() {
        XCTAssertEqual(table([]).counts, [.validat: 0, .cuErori: 0, .faraRaportare: 0])
        XCTAssertEqual(table([month(initial: false)]).counts, [.validat: 0, .cuErori: 0, .faraRaportare: 1])
    }

    // MARK: Rows

    func testRowCarriesTheProvidersMonth() {
        let last = instant("2026-11-03T09:20:00+02:00")
        let e = CertificateErrorLine(serie: "CCMAM", numar: "4400123", code: "C01", message: "CNP asigurat invalid: 1***********1")
        let row = table([month("CMI Dr. Popescu Ana", cui: "31001235", certificates: 12, withErrors: 1, errors: [e],
                               lastReport: last, observations: ["Raportare transmisă după termenul legal (12.11.2026)"])]).rows[0]
        XCTAssertEqual(row.nrCrt, 1)
        XCTAssertEqual(row.cui, "31001235")
        XCTAssertEqual(row.denumire, "CMI Dr. Popescu Ana")
        XCTAssertEqual(row.nrConventie, "CV-1234/2025")
        XCTAssertEqual(row.stage, .cuErori)
        XCTAssertEqual(row.nrCertificate, 12)
        XCTAssertEqual(row.nrCertificateCuErori, 1)
        XCTAssertEqual(row.errors, [e])
        XCTAssertEqual(row.lastReport, last)
        XCTAssertEqual(row.observations, ["Raportare transmisă după termenul legal (12.11.2026)"])
    }

    func testRowsOrderedByNameIgnoringCaseAndDiacriticsThenCUI() {
        let t = table([
            month("Zeta Clinic", cui: "19"),
            month("\u{218}incai SRL", cui: "60"),          // Șincai
            month("spital orășenesc", cui: "1014"),
            month("Alfa", cui: "31001235"),
            month("\u{102}sta Med", cui: "10004"),          // Ăsta
            month("alfa", cui: "123453"),
            month("\u{CE}ngrijire Acas\u{103}", cui: "42005674"), // Îngrijire Acasă
            month("Sanitas", cui: "999993"),
            month("beta", cui: "12"),
        ])
        XCTAssertEqual(t.rows.map(\.denumire), [
            "alfa", "Alfa", "\u{102}sta Med", "beta", "\u{CE}ngrijire Acas\u{103}", "Sanitas",
            "\u{218}incai SRL", "spital orășenesc", "Zeta Clinic",
        ])
        XCTAssertEqual(t.rows.map(\.nrCrt), Array(1...9))
    }

    func testSameNameOrderedByCUI() {
        // Equal after folding ("Șincai" vs "SINCAI" vs "șincai"): the CUI decides.
        let t = table([month("\u{218}incai", cui: "42005674"), month("SINCAI", cui: "31001235"),
                       month("\u{219}incai", cui: "19")])
        XCTAssertEqual(t.rows.map(\.cui), ["19", "31001235", "42005674"])
    }

    func testInputOrderDoesNotMatter() {
        let ms = [month("Beta", cui: "19"), month("ALFA", cui: "42005674"), month("Gama", cui: "1014"),
                  month("alfa", cui: "31001235")]
        XCTAssertEqual(table(ms).rows.map(\.cui), table(ms.reversed()).rows.map(\.cui))
        XCTAssertEqual(table(ms).rows.map(\.cui), ["31001235", "42005674", "19", "1014"])
    }

    // MARK: Error description

    func testErrorDescriptionGroupsByCertificate() {
        let errors = [
            CertificateErrorLine(serie: "CCMAM", numar: "4400123", code: "C01", message: "CNP asigurat invalid: 1***********1"),
            CertificateErrorLine(serie: "CCMAM", numar: "4400124", code: "C03",
                                 message: "Data acordării 2026-09-30 nu aparține lunii raportate 2026-10"),
            CertificateErrorLine(serie: "CCMAM", numar: "4400123", code: "C21", message: "CUI angajator invalid: 42005675"),
            CertificateErrorLine(serie: "CCMAB", numar: "4400123", code: "C13", message: "Loc de prescriere nepermis pentru furnizor"),
        ]
        let row = table([month(certificates: 3, withErrors: 3, errors: errors)]).rows[0]
        XCTAssertEqual(row.errorDescription, [
            "CCMAM 4400123: C01 CNP asigurat invalid: 1***********1; C21 CUI angajator invalid: 42005675",
            "CCMAM 4400124: C03 Data acordării 2026-09-30 nu aparține lunii raportate 2026-10",
            "CCMAB 4400123: C13 Loc de prescriere nepermis pentru furnizor",
        ])
    }

    func testNoErrorsNoDescription() {
        XCTAssertEqual(table([month(certificates: 3)]).rows[0].errorDescription, [])
    }

    func testTableKeepsItsHeader() {
        let t = table([])
        XCTAssertEqual(t.casa, "TM")
        XCTAssertEqual(t.luna, YearMonth("2026-10"))
        XCTAssertEqual(t.asOf, instant("2026-11-14T06:00:00Z"))
        XCTAssertEqual(t.rows.count, 0)
    }
}
