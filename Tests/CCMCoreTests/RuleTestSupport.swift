import Foundation
import XCTest
@testable import CCMCore
import CCMFormats

// Builders for the certificate-level rule tests (02-validation-rules.md §3, §4): a default valid
// certificate, its document header, hand-made nomenclators and the shipped rules file.

// MARK: - Identifiers computed independently of CCMCore

/// Appends the CNP control digit to 12 digits: weights 279146358279, sum mod 11, 10 → 1.
/// Written here from the spec, not taken from `CNP`, so the tests check the code against it.
func cnpWithControl(_ first12: String) -> String {
    precondition(first12.count == 12 && first12.allSatisfy { $0.isNumber }, "12 digits expected")
    let weights = [2, 7, 9, 1, 4, 6, 3, 5, 8, 2, 7, 9]
    let sum = zip(first12.map { Int(String($0))! }, weights).map { $0 * $1 }.reduce(0, +)
    let r = sum % 11
    return first12 + String(r == 10 ? 1 : r)
}

/// The remainder (sum mod 11) of 12 CNP digits, to find the "10 → 1" case.
func cnpRemainder(_ first12: String) -> Int {
    let weights = [2, 7, 9, 1, 4, 6, 3, 5, 8, 2, 7, 9]
    return zip(first12.map { Int(String($0))! }, weights).map { $0 * $1 }.reduce(0, +) % 11
}

private func pad(_ v: Int, _ width: Int) -> String {
    var s = String(v)
    while s.count < width { s = "0" + s }
    return s
}

/// A CNP with a correct control digit: S AA LL ZZ JJ NNN C. `born` is `YYYY-MM-DD`.
func makeCNP(sex: Int, born: String, county: Int = 35, serial: Int = 1) -> String {
    let p = born.split(separator: "-").map { Int($0)! }
    return cnpWithControl("\(sex)" + pad(p[0] % 100, 2) + pad(p[1], 2) + pad(p[2], 2) + pad(county, 2) + pad(serial, 3))
}

/// A child's CNP (sex digit 5 for births from 2000, else 1).
func childCNP(born: String, serial: Int = 7) -> String {
    makeCNP(sex: born >= "2000" ? 5 : 1, born: born, county: 35, serial: serial)
}

/// Appends the CUI control digit: key 753217532 over the body padded to 9, sum×10 mod 11, 10 → 0.
func cuiWithControl(_ body: String) -> String {
    let key = [7, 5, 3, 2, 1, 7, 5, 3, 2]
    let digits = Array(repeating: 0, count: 9 - body.count) + body.map { Int(String($0))! }
    let r = zip(digits, key).map { $0 * $1 }.reduce(0, +) * 10 % 11
    return body + String(r == 10 ? 0 : r)
}

// MARK: - The rule-test world

enum RT {
    /// Repository root: three levels up from this file (Tests/CCMCoreTests/RuleTestSupport.swift).
    static let repoRoot = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    static let reguliURL = repoRoot.appendingPathComponent("Schemas/reguli.toml")

    static let reguliText: String = {
        do { return try String(contentsOf: reguliURL, encoding: .utf8) } catch {
            fatalError("cannot read \(reguliURL.path): \(error)")
        }
    }()

    /// The shipped rules file, parsed with every known code.
    static let rules: RulesConfig = {
        do { return try RulesFile.parse(reguliText, knownCodes: RuleRegistry.configurableCodes) } catch {
            fatalError("shipped reguli.toml does not load: \(error)")
        }
    }()

    static let book = CertificateRuleBook(severities: rules.severities)

    static let provider = "31001235"
    static let otherProvider = "18547290"
    static let employer = "42005674"
    static let otherEmployer = cuiWithControl("1590082")
    /// The insured: a man born 1985-05-12 (the CNP of TestSupport's fixture).
    static let insured = makeCNP(sex: 1, born: "1985-05-12", county: 35, serial: 1)
    /// Another insured, a woman born 1990-03-15 (codes 08 and 15).
    static let woman = makeCNP(sex: 2, born: "1990-03-15", county: 12, serial: 2)
    static let serie = "CCMAM"
    static let numar = "4400123"

    /// Nomenclators by hand: indemnity 01–15, a handful of ICD-10 categories (J06 included,
    /// I53 not), emergencies 1–100, group A 1–37, the computed calendar.
    static let nomenclators = Nomenclators(
        indemnityCodes: Set((1...15).map { pad($0, 2) }),
        icd10Categories: ["J06", "J20", "A09", "I10", "K35", "M54", "O80", "S82"],
        emergencies: Set(1...100), groupADiseases: Set(1...37), calendar: NonWorkingDays())

    /// A certificate body; by default the valid one: code 01, place 1, INITIAL, 4 days from
    /// 2026-10-06, issued on its first day, the default insured and employer, diagnosis J06.
    static func body(cod: String = "01", loc: Int = 1, tip: CertificateKind = .initial,
                     inceput: String = "2026-10-06", zile: Int = 4, acordat: String? = nil,
                     cnp: String = insured, angajator: String? = employer, diagnostic: String = "J06",
                     urgenta: Int? = nil, infecto: Int? = nil, aviz: String? = nil, copil: String? = nil,
                     initial: CertificateRef? = nil, parafa: String = "A12345") -> CertificateBody {
        let start = day(inceput)
        return CertificateBody(
            dataAcordarii: acordat.map { day($0) } ?? start, tip: tip, certificatInitial: initial,
            medicParafa: parafa, medicNume: "Popescu Ana", locPrescriere: loc, cnp: cnp, nume: "Ionescu",
            prenume: "Ștefan", angajatorCui: angajator, angajatorDenumire: angajator == nil ? nil : "Exemplu SRL",
            codIndemnizatie: cod, codDiagnostic: diagnostic, codUrgenta: urgenta, codBoalaInfecto: infecto,
            perioada: Period(inceput: start, sfarsit: start.adding(days: zile - 1), zile: zile),
            avizNumar: aviz, avizData: aviz == nil ? nil : start, cnpCopil: copil)
    }

    /// A continuation of `initial` (its reference filled in).
    static func continuation(of initial: KnownCertificate, cod: String? = nil, loc: Int? = nil,
                             inceput: String, zile: Int, acordat: String? = nil, cnp: String? = nil,
                             diagnostic: String? = nil, aviz: String? = nil, copil: String? = nil) -> CertificateBody {
        body(cod: cod ?? initial.body.codIndemnizatie, loc: loc ?? initial.body.locPrescriere, tip: .continuare,
             inceput: inceput, zile: zile, acordat: acordat, cnp: cnp ?? initial.body.cnp,
             angajator: initial.body.angajatorCui, diagnostic: diagnostic ?? initial.body.codDiagnostic,
             aviz: aviz, copil: copil ?? initial.body.cnpCopil, initial: ref(initial))
    }

    static func ref(_ k: KnownCertificate) -> CertificateRef {
        CertificateRef(serie: k.serie, numar: k.numar, dataAcordarii: k.body.dataAcordarii)
    }

    /// A certificate of history: a current one (by default of this provider, reported for the
    /// month of its issue), or one earlier in the same document.
    static func known(_ body: CertificateBody, numar: String, serie: String = serie, cui: String = provider,
                      luna: String? = nil, sameDocument: Bool = false) -> KnownCertificate {
        KnownCertificate(cui: cui, luna: luna.map { month($0) } ?? body.dataAcordarii.yearMonth,
                         serie: serie, numar: numar, body: body, sameDocument: sameDocument)
    }

    static func header(luna: String = "2026-10", tip: DocumentKind = .initiala, cui: String = provider) -> DocumentHeader {
        Fixture.header(tip: tip, luna: luna, cui: cui)
    }

    /// The context of one certificate. The header's `luna` defaults to the month of
    /// `DataAcordarii` (2026-10 for the default body); the rule set is the one of `config` in
    /// force on `DataAcordarii` (the shipped file by default; nil config: no set).
    static func context(_ body: CertificateBody = body(), serie: String = serie, numar: String = numar,
                        operatie: CertificateOperation? = nil, luna: String? = nil,
                        tip: DocumentKind = .initiala, cui: String = provider, receipt: String = "2026-11-10",
                        nomenclators: Nomenclators = nomenclators, config: RulesConfig? = rules,
                        facts: ProviderFacts = ProviderFacts(), history: [KnownCertificate] = [],
                        line: Int = 7) -> CertificateContext {
        let h = header(luna: luna ?? body.dataAcordarii.yearMonth.description, tip: tip, cui: cui)
        let c = ReportedCertificate(position: 1, line: line, operatie: operatie, serie: serie, numar: numar,
                                    body: body, motiv: nil)
        return CertificateContext(certificate: c, body: body, header: h, receiptDay: day(receipt),
                                  nomenclators: nomenclators, ruleSet: config?.set(on: body.dataAcordarii),
                                  facts: facts, history: CertificateHistory(history))
    }

    static func rule(_ code: String) -> any CertificateRule {
        guard let r = RuleRegistry.certificate.first(where: { $0.code == code }) else {
            fatalError("no rule \(code)")
        }
        return r
    }

    /// The violations one rule reports.
    static func check(_ code: String, _ ctx: CertificateContext) -> [Finding.Message] { rule(code).check(ctx) }

    /// Every finding of the book with the shipped severities. Each call also judges the
    /// certificate as the ingest does for a prepared file — the content rules beforehand, the
    /// others with history — and fails the test if the two differ in any finding or its place.
    static func findings(_ ctx: CertificateContext, file: StaticString = #filePath, line: UInt = #line) -> [Finding] {
        let all = book.evaluate(ctx)
        XCTAssertEqual(book.evaluate(ctx, content: book.evaluateContent(ctx.content)), all,
                       "content rules judged beforehand give other findings", file: file, line: line)
        return all
    }

    /// The distinct codes the book reports, sorted.
    static func codes(_ ctx: CertificateContext) -> [String] { Array(Set(findings(ctx).map(\.code))).sorted() }

    /// The messages the book renders for one code.
    static func messages(_ code: String, _ ctx: CertificateContext) -> [String] {
        findings(ctx).filter { $0.code == code }.map(\.message)
    }
}

// MARK: - Assertions

func assertFires(_ code: String, _ ctx: CertificateContext, _ note: String = "",
                 file: StaticString = #filePath, line: UInt = #line) {
    XCTAssertFalse(RT.check(code, ctx).isEmpty, "\(code) should fire \(note)", file: file, line: line)
}

func assertQuiet(_ code: String, _ ctx: CertificateContext, _ note: String = "",
                 file: StaticString = #filePath, line: UInt = #line) {
    let got = RT.check(code, ctx)
    XCTAssertTrue(got.isEmpty, "\(code) should stay quiet \(note), got \(got)", file: file, line: line)
}

/// Exactly these codes (and no other) from the whole book.
func assertOnly(_ codes: [String], _ ctx: CertificateContext, _ note: String = "",
                file: StaticString = #filePath, line: UInt = #line) {
    let got = RT.codes(ctx)
    XCTAssertEqual(got, codes.sorted(), "findings \(note): \(RT.findings(ctx).map(\.message))", file: file, line: line)
}
