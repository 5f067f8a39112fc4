import Foundation
import XCTest
@testable import CCMCore

/// A small deterministic generator (Knuth's MMIX LCG), so property tests are reproducible.
struct LCG {
    private var state: UInt64
    init(seed: UInt64) { state = seed }

    mutating func next() -> UInt64 {
        state = state &* 6364136223846793005 &+ 1442695040888963407
        return state >> 33
    }

    /// A value in `range`, uniform enough for test data.
    mutating func int(in range: ClosedRange<Int>) -> Int {
        range.lowerBound + Int(next() % UInt64(range.upperBound - range.lowerBound + 1))
    }

    mutating func chance(_ percent: Int) -> Bool { int(in: 0...99) < percent }

    mutating func digits(_ n: Int) -> String {
        String((0..<n).map { _ in Character(String(int(in: 0...9))) })
    }
}

/// Parses an RFC 3339 instant with its explicit offset (`2026-11-12T23:59:59+02:00`), through
/// Foundation rather than the code under test.
func instant(_ text: String, file: StaticString = #filePath, line: UInt = #line) -> Date {
    let f = ISO8601DateFormatter()
    f.formatOptions = [.withInternetDateTime]
    guard let d = f.date(from: text) else {
        XCTFail("bad test instant \(text)", file: file, line: line)
        return Date(timeIntervalSince1970: 0)
    }
    return d
}

func day(_ text: String, file: StaticString = #filePath, line: UInt = #line) -> LocalDate {
    guard let d = LocalDate(text) else {
        XCTFail("bad test date \(text)", file: file, line: line)
        return LocalDate(year: 1970, month: 1, day: 1)!
    }
    return d
}

func month(_ text: String) -> YearMonth { YearMonth(text)! }

enum Fixture {
    static let deployment = Deployment(casa: "TM", mediu: .productie)

    static func header(tip: DocumentKind = .initiala, luna: String = "2026-10", mediu: Environment = .productie,
                       cui: String = "31001235", casa: String = "TM") -> DocumentHeader {
        DocumentHeader(tip: tip, luna: month(luna), idDocument: UUID(uuidString: "7d8f4a52-2c1e-4f57-9a55-3f1d2b6a9c10")!,
                       dataGenerare: "2026-11-03T09:15:00+02:00", mediu: mediu, cui: cui, casa: casa,
                       nrConventie: "CV-1234/2025", denumire: "CMI Dr. Popescu Ana", email: nil)
    }

    static func provider(cui: String = "31001235", denumire: String = "CMI Dr. Popescu Ana", casa: String = "TM",
                         from: String = "2020-01-01", until: String? = nil) -> Provider {
        Provider(cui: cui, denumire: denumire, casa: casa, nrConventie: "CV-1234/2025", conventieDeLa: day(from),
                 conventiePanaLa: until.map { day($0) }, email: nil, tip: .mf)
    }

    /// A context in which no header rule should fire: a known provider with an open convention,
    /// the right CAS and environment, received on 3 November for October, no INITIALA yet.
    static func context(header h: DocumentHeader = header(), receivedAt: String = "2026-11-03T09:20:00+02:00",
                        deployment: Deployment = deployment, provider: Provider? = Fixture.provider(),
                        hasRegisteredInitial: Bool = false) -> FileContext {
        FileContext(header: h, receivedAt: instant(receivedAt), deployment: deployment, provider: provider,
                           hasRegisteredInitial: hasRegisteredInitial)
    }

    static func body(zile: Int = 4, inceput: String = "2026-10-06") -> CertificateBody {
        let start = day(inceput)
        return CertificateBody(dataAcordarii: start, tip: .initial, certificatInitial: nil, medicParafa: "A12345",
                               medicNume: "Popescu Ana", locPrescriere: 1, cnp: "1850512350011", nume: "Ionescu",
                               prenume: "Ștefan", angajatorCui: "42005674", angajatorDenumire: "Exemplu SRL",
                               codIndemnizatie: "01", codDiagnostic: "J06", codUrgenta: nil, codBoalaInfecto: nil,
                               perioada: Period(inceput: start, sfarsit: start.adding(days: zile - 1), zile: zile),
                               avizNumar: nil, avizData: nil, cnpCopil: nil)
    }

    static func certificate(_ operatie: CertificateOperation? = nil, serie: String = "CCMAM", numar: String = "4400123",
                            body: CertificateBody? = body(), line: Int = 7, position: Int = 1) -> ReportedCertificate {
        ReportedCertificate(position: position, line: line, operatie: operatie, serie: serie, numar: numar,
                            body: body, motiv: nil)
    }
}
