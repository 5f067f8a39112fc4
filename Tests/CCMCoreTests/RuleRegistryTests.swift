import Foundation
import XCTest
@testable import CCMCore

/// The registry against the spec's rule tables (`02-validation-rules.md` §2, §3): one rule type
/// per code, the spec's severity, and for every rule judged in the core an example that makes it
/// fire, in the spec's words, and a neighbour that keeps it quiet. The rules an adapter finds
/// (F01–F06) fire and stay quiet in `FoundRuleTests`.
final class RuleRegistryTests: XCTestCase {

    /// One row of a spec table.
    struct SpecRule { var code: String; var condition: String; var message: String }

    /// The spec's rule rows in the spec's order: `CCM_SPEC_DIR`, else `../shared/spec` beside the
    /// repository (the contract's place, README), else the workplace's copy.
    static func specRules() throws -> [SpecRule] {
        let repo = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        let dirs = [ProcessInfo.processInfo.environment["CCM_SPEC_DIR"],
                    repo.deletingLastPathComponent().appendingPathComponent("shared/spec").path, "/work/shared/spec"].compactMap { $0 }
        guard let text = dirs.lazy.compactMap({ try? String(contentsOfFile: $0 + "/02-validation-rules.md", encoding: .utf8) }).first else {
            throw XCTSkip("the spec is not in \(dirs.joined(separator: ", ")) (set CCM_SPEC_DIR)")
        }
        return text.split(separator: "\n").compactMap { line -> SpecRule? in
            let cells = line.split(separator: "|", omittingEmptySubsequences: false).map { $0.trimmingCharacters(in: .whitespaces) }
            guard cells.count >= 5, cells[1].range(of: "^[FCW][0-9]{2}$", options: .regularExpression) != nil else { return nil }
            return SpecRule(code: cells[1], condition: cells[2..<(cells.count - 2)].joined(separator: "|"), message: cells[cells.count - 2])
        }
    }

    /// Whether `message` is the spec's `template` with its `{placeholders}` filled.
    static func matches(_ message: String, _ template: String) -> Bool {
        let pieces = template.components(separatedBy: "{").enumerated().map { i, piece -> String in
            guard i > 0, let close = piece.firstIndex(of: "}") else { return NSRegularExpression.escapedPattern(for: piece) }
            return "(.+)" + NSRegularExpression.escapedPattern(for: String(piece[piece.index(after: close)...]))
        }
        return message.range(of: "^" + pieces.joined() + "$", options: .regularExpression) != nil
    }

    func testEveryCodeOfTheSpecHasExactlyOneRuleType() throws {
        let spec = try Self.specRules()
        XCTAssertEqual(spec.count, 37, "F01–F13, W01, C01–C22, W02")
        XCTAssertEqual(RuleRegistry.all.map { $0.code }, spec.map(\.code), "the registry lists the spec's codes in its order")
        XCTAssertEqual(Set(RuleRegistry.all.map { ObjectIdentifier($0) }).count, RuleRegistry.all.count, "a type listed twice")
        let judged = RuleRegistry.file.map(\.code) + RuleRegistry.certificate.map(\.code) + RuleRegistry.target.map(\.code)
        let found = RuleRegistry.all.filter { $0 is any FoundRule.Type }.map { $0.code }
        XCTAssertEqual((found + judged).sorted(), spec.map(\.code).sorted(), "each rule is found or judged, once")
    }

    func testDefaultSeveritiesAreTheSpecs() throws {
        for rule in try Self.specRules() {
            let type = try XCTUnwrap(RuleRegistry.all.first { $0.code == rule.code }, rule.code)
            XCTAssertEqual(type.defaultSeverity, rule.condition.contains("(AVERTISMENT)") ? .avertisment : .eroare, rule.code)
        }
    }

    /// A rules file may set the severity of every rule but those an adapter finds.
    func testConfigurableCodesAreTheJudgedRules() {
        XCTAssertEqual(RuleRegistry.configurableCodes,
                       Set(RuleRegistry.all.map { $0.code }).subtracting(["F01", "F02", "F03", "F04", "F05", "F06"]))
        XCTAssertTrue(Set(RT.rules.severities.keys).isSubset(of: RuleRegistry.configurableCodes))
    }

    /// The provider reads the detail of C01, C12, C14 and C20 only; each of them has public words of its own.
    /// Each rule's role is the protocol it conforms to: the lists the rule books run are the
    /// ones casts would give, in the catalogue's order.
    func testEachRulesRoleIsItsConformance() {
        let all = RuleRegistry.all
        XCTAssertEqual(RuleRegistry.file.map { $0.code }, all.filter { $0 is any FileRule.Type }.map { $0.code })
        XCTAssertEqual(RuleRegistry.certificate.map { $0.code }, all.filter { $0 is any CertificateRule.Type }.map { $0.code })
        XCTAssertEqual(RuleRegistry.target.map { $0.code }, all.filter { $0 is any TargetRule.Type }.map { $0.code })
        XCTAssertEqual(CertificateRuleBook.contentRules.map { $0.code }, all.filter { $0 is any ContentRule.Type }.map { $0.code })
        XCTAssertEqual(RuleRegistry.file.count + RuleRegistry.certificate.count + RuleRegistry.target.count
                       + all.filter { $0 is any FoundRule.Type }.count, all.count)
        XCTAssertFalse(CertificateRuleBook.contentRules.isEmpty)
    }

    func testTheProviderReadsTheDetailOfC01C12C14C20() {
        XCTAssertEqual(RuleRegistry.providerDetailCodes, ["C01", "C12", "C14", "C20"])
        for code in RuleRegistry.providerDetailCodes {
            for f in Self.examples[code]?.fires() ?? [] {
                XCTAssertNotNil(f.publicMessage, code)
                XCTAssertNotEqual(f.publicMessage, f.message, code)
            }
        }
    }

    // MARK: - Every rule fires, in the spec's words, and keeps quiet

    /// What one rule finds on an example that breaks it and on a neighbour that does not.
    struct Example: Sendable {
        var fires: @Sendable () -> [Finding]
        var quiet: @Sendable () -> [Finding]
    }

    static func file(_ code: String, header ctx: FileContext) -> [Finding] {
        FileRuleBook().header(ctx).filter { $0.code == code }
    }

    static func certificate(_ code: String, _ ctx: CertificateContext) -> [Finding] {
        (RT.book.evaluateTarget(ctx.certificate, header: ctx.header, history: ctx.history) + RT.findings(ctx)).filter { $0.code == code }
    }

    static func totals(declared: DeclaredTotals) -> [Finding] {
        var t = DocumentTally()
        t.add(Fixture.certificate())
        t.declared = declared
        return FileRuleBook().end(t, Fixture.context()).filter { $0.code == "F08" }
    }

    static func operation(_ c: ReportedCertificate) -> [Finding] {
        let rectificativa = Fixture.context(header: Fixture.header(tip: .rectificativa), hasRegisteredInitial: true)
        return FileRuleBook().certificate(c, rectificativa).filter { $0.code == "F12" }
    }

    /// An initial 2026-10-05 – 2026-10-08 of another provider, and a continuation of it.
    static let initial = RT.known(RT.body(inceput: "2026-10-05", zile: 4), numar: "4400100", cui: RT.otherProvider)
    static func continuation(inceput: String = "2026-10-09", diagnostic: String? = nil) -> CertificateBody {
        RT.continuation(of: initial, inceput: inceput, zile: 3, acordat: "2026-10-08", diagnostic: diagnostic)
    }
    static func period(_ zile: Int) -> CertificateBody {
        var b = RT.body()
        b.perioada = Period(inceput: day("2026-10-06"), sfarsit: day("2026-10-09"), zile: zile)
        return b
    }
    /// The insured's CNP with a wrong control digit.
    static let badCNP = String(RT.insured.dropLast()) + String(((RT.insured.last?.wholeNumberValue ?? 0) + 1) % 10)
    static let pad = Pad(cui: RT.provider, serie: RT.serie, from: 4_400_000, to: 4_400_999, distributed: day("2026-01-05"))
    static let doctor = Doctor(cui: RT.provider, parafa: "A12345", nume: "Popescu Ana", from: day("2020-01-01"), until: nil)

    static let examples: [String: Example] = [
        "F07": Example(fires: { file("F07", header: Fixture.context(provider: nil)) }, quiet: { file("F07", header: Fixture.context()) }),
        "F08": Example(fires: { totals(declared: DeclaredTotals(nrCertificate: 2, totalZile: 4)) },
                       quiet: { totals(declared: DeclaredTotals(nrCertificate: 1, totalZile: 4)) }),
        "F09": Example(fires: { file("F09", header: Fixture.context(receivedAt: "2026-10-31T12:00:00+02:00")) },
                       quiet: { file("F09", header: Fixture.context(receivedAt: "2026-11-01T00:00:30+02:00")) }),
        "F10": Example(fires: { file("F10", header: Fixture.context(hasRegisteredInitial: true)) },
                       quiet: { file("F10", header: Fixture.context(hasRegisteredInitial: false)) }),
        "F11": Example(fires: { file("F11", header: Fixture.context(header: Fixture.header(tip: .rectificativa), hasRegisteredInitial: false)) },
                       quiet: { file("F11", header: Fixture.context(header: Fixture.header(tip: .rectificativa), hasRegisteredInitial: true)) }),
        "F12": Example(fires: { operation(Fixture.certificate(nil)) }, quiet: { operation(Fixture.certificate(.modificare)) }),
        "F13": Example(fires: { file("F13", header: Fixture.context(header: Fixture.header(mediu: .test))) },
                       quiet: { file("F13", header: Fixture.context()) }),
        "W01": Example(fires: { file("W01", header: Fixture.context(receivedAt: "2026-11-13T00:00:00+02:00")) },
                       quiet: { file("W01", header: Fixture.context(receivedAt: "2026-11-12T23:59:59+02:00")) }),
        "C01": Example(fires: { certificate("C01", RT.context(RT.body(cnp: badCNP))) },
                       quiet: { certificate("C01", RT.context()) }),
        "C02": Example(fires: { certificate("C02", RT.context(RT.body(cod: "09"))) },
                       quiet: { certificate("C02", RT.context(RT.body(cod: "09", copil: childCNP(born: "2021-02-03")))) }),
        "C03": Example(fires: { certificate("C03", RT.context(luna: "2026-11")) }, quiet: { certificate("C03", RT.context()) }),
        "C04": Example(fires: { certificate("C04", RT.context(period(5))) }, quiet: { certificate("C04", RT.context(period(4))) }),
        "C05": Example(fires: { certificate("C05", RT.context(receipt: "2026-10-05")) },
                       quiet: { certificate("C05", RT.context(receipt: "2026-10-06")) }),
        "C06": Example(fires: { certificate("C06", RT.context(RT.body(acordat: "2026-10-08"))) },
                       quiet: { certificate("C06", RT.context(RT.body(acordat: "2026-10-07"))) }),
        "C07": Example(fires: { certificate("C07", RT.context(RT.body(tip: .continuare))) }, quiet: { certificate("C07", RT.context()) }),
        "C08": Example(fires: { certificate("C08", RT.context(continuation())) },
                       quiet: { certificate("C08", RT.context(continuation(), history: [initial])) }),
        "C09": Example(fires: { certificate("C09", RT.context(continuation(inceput: "2026-10-10"), history: [initial])) },
                       quiet: { certificate("C09", RT.context(continuation(), history: [initial])) }),
        "C10": Example(fires: { certificate("C10", RT.context(continuation(diagnostic: "J20"), history: [initial])) },
                       quiet: { certificate("C10", RT.context(continuation(diagnostic: "J06.9"), history: [initial])) }),
        "C11": Example(fires: { certificate("C11", RT.context(RT.body(diagnostic: "I53"))) }, quiet: { certificate("C11", RT.context()) }),
        "C12": Example(fires: { certificate("C12", RT.context(RT.body(cod: "06"))) },
                       quiet: { certificate("C12", RT.context(RT.body(cod: "06", urgenta: 12))) }),
        "C13": Example(fires: { certificate("C13", RT.context(RT.body(loc: 4))) }, quiet: { certificate("C13", RT.context(RT.body(loc: 3))) }),
        "C14": Example(fires: { certificate("C14", RT.context(RT.body(zile: 5))) }, quiet: { certificate("C14", RT.context(RT.body(zile: 4))) }),
        "C15": Example(fires: { certificate("C15", RT.context(RT.body(cod: "03", zile: 91))) },
                       quiet: { certificate("C15", RT.context(RT.body(cod: "03", zile: 91, aviz: "E1"))) }),
        "C16": Example(fires: { certificate("C16", RT.context(history: [RT.known(RT.body(), numar: RT.numar, cui: RT.otherProvider)])) },
                       quiet: { certificate("C16", RT.context(history: [RT.known(RT.body(), numar: "4400999", cui: RT.otherProvider)])) }),
        "C17": Example(fires: { certificate("C17", RT.context(numar: "4401000", facts: ProviderFacts(pads: [pad]))) },
                       quiet: { certificate("C17", RT.context(numar: "4400999", facts: ProviderFacts(pads: [pad]))) }),
        "C18": Example(fires: { certificate("C18", RT.context(RT.body(parafa: "B99999"), facts: ProviderFacts(doctors: [doctor]))) },
                       quiet: { certificate("C18", RT.context(facts: ProviderFacts(doctors: [doctor]))) }),
        "C19": Example(fires: { certificate("C19", RT.context(history: [RT.known(RT.body(inceput: "2026-10-09"), numar: "4400200")])) },
                       quiet: { certificate("C19", RT.context(history: [RT.known(RT.body(inceput: "2026-10-10"), numar: "4400200")])) }),
        "C20": Example(fires: { certificate("C20", RT.context(RT.body(cod: "08"))) },
                       quiet: { certificate("C20", RT.context(RT.body(cod: "08", cnp: RT.woman))) }),
        "C21": Example(fires: { certificate("C21", RT.context(RT.body(angajator: "42005675"))) }, quiet: { certificate("C21", RT.context()) }),
        "C22": Example(fires: { certificate("C22", RT.context(operatie: .modificare, tip: .rectificativa)) },
                       quiet: { certificate("C22", RT.context(operatie: .modificare, tip: .rectificativa,
                                                              history: [RT.known(RT.body(), numar: RT.numar)])) }),
        "W02": Example(fires: { certificate("W02", RT.context(RT.body(cod: "09", copil: childCNP(born: "2015-01-01")))) },
                       quiet: { certificate("W02", RT.context(RT.body(cod: "09", copil: childCNP(born: "2021-02-03")))) }),
    ]

    func testEveryJudgedRuleHasAnExample() {
        let judged = RuleRegistry.all.filter { !($0 is any FoundRule.Type) }.map { $0.code }
        XCTAssertEqual(Self.examples.keys.sorted(), judged.sorted())
    }

    func testEveryJudgedRuleFiresInTheSpecsWordsAndKeepsQuietNextToIt() throws {
        let spec = Dictionary(uniqueKeysWithValues: try Self.specRules().map { ($0.code, $0.message) })
        for (code, example) in Self.examples.sorted(by: { $0.key < $1.key }) {
            let fired = example.fires()
            XCTAssertFalse(fired.isEmpty, "\(code) should fire")
            for f in fired {
                XCTAssertEqual(f.severity, RuleRegistry.all.first { $0.code == code }?.defaultSeverity, code)
                XCTAssertTrue(Self.matches(f.message, spec[code] ?? ""), "\(code): „\(f.message)” is not „\(spec[code] ?? "")”")
            }
            XCTAssertEqual(example.quiet().map(\.message), [], "\(code) should keep quiet")
        }
    }

    /// What an adapter reports through F01–F06's types says the spec's words too.
    func testTheFoundRulesSayTheSpecsWords() throws {
        let spec = Dictionary(uniqueKeysWithValues: try Self.specRules().map { ($0.code, $0.message) })
        let found = [F01NotWellFormed.finding("etichetă neînchisă", line: 3), F02Schema.finding("element neașteptat", line: 4, column: 17),
                     F03Unsigned.finding(), F04BadSignature.finding("rezumatul nu corespunde"),
                     F05SignerCertificate.finding("expirat (Popescu Ana)", publicDetail: "expirat"),
                     F06NotEnrolled.finding(nume: "Popescu Ana", cui: RT.provider)]
        XCTAssertEqual(found.map(\.code), RuleRegistry.all.filter { $0 is any FoundRule.Type }.map { $0.code })
        for f in found {
            XCTAssertTrue(Self.matches(f.message, spec[f.code] ?? ""), "\(f.code): „\(f.message)” is not „\(spec[f.code] ?? "")”")
            XCTAssertFalse(f.publicMessage?.contains("Popescu") ?? false, "\(f.code): a person in public")
        }
    }

    /// No example's public words carry the insured's CNP, name, diagnosis or the signer's name.
    func testNoPublicMessageOfAnExampleCarriesPersonalData() {
        for (code, example) in Self.examples {
            for f in example.fires() {
                let shown = f.publicMessage ?? f.message
                for secret in [RT.insured, Self.badCNP, "Ionescu", "Ștefan", "I53", "J20"] {
                    XCTAssertFalse(shown.contains(secret), "\(code): „\(secret)” in „\(shown)”")
                }
                XCTAssertNil(shown.range(of: "[0-9]\\*{11}[0-9]", options: .regularExpression), "\(code): a masked CNP in public")
            }
        }
    }

    func testTheSpecMatcherTellsTemplatesApart() {
        XCTAssertTrue(Self.matches("Luna raportată 2026-10 nu este încheiată", "Luna raportată {luna} nu este încheiată"))
        XCTAssertFalse(Self.matches("Luna raportata 2026-10 nu este încheiată", "Luna raportată {luna} nu este încheiată"))
        XCTAssertFalse(Self.matches("Luna raportată  nu este încheiată.", "Luna raportată {luna} nu este încheiată"))
    }
}
