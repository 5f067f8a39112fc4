import CCMCore
import CCMTestSupport
import Foundation
import XCTest
@testable import CCMXML

/// F01 and F02 messages, from the real libxml2, for each family of parser and schema error:
/// Romanian, naming where and what, and never a value of the document (04-outputs.md §2).
final class XMLMessageTests: XCTestCase {
    /// Values a near-miss document may hold: none may come out in a message.
    static let secrets = ["1850512350089", "F32.1", "Zamfirescu", "Ionescu", "J06", "secretvalue", "SECRETVALUE", "0x81"]
    /// libxml2's English, which a provider must not read.
    static let english = ["Element", "expected", "value", "The ", "attribute", "is not", "tag", "Opening", "Premature",
                          "line ", "Extra content", "conversion", "facet", "pattern", "Missing"]

    func read(_ text: String) -> ReadResult { read(Data(text.utf8)) }
    func read(_ bytes: Data) -> ReadResult {
        SubmissionReader(schema: SharedSchema.schema).read(bytes: bytes, into: SubmissionRecorder())
    }

    /// One case: a document changed by `edit`, the code and Romanian words it must get.
    func check(_ what: String, _ edit: (String) -> String, code: String, says fragments: [String],
               file: StaticString = #filePath, line: UInt = #line) {
        let doc = edit(Fixture.document())
        check(what, Data(doc.utf8), code: code, says: fragments, file: file, line: line)
    }

    func check(_ what: String, _ bytes: Data, code: String, says fragments: [String],
               file: StaticString = #filePath, line: UInt = #line) {
        let r = read(bytes)
        XCTAssertFalse(r.findings.isEmpty, "\(what): no finding", file: file, line: line)
        for f in r.findings {
            XCTAssertEqual(f.code, code, "\(what): \(f.message)", file: file, line: line)
            for s in Self.secrets { XCTAssertFalse(f.message.contains(s), "\(what): quotes \(s): \(f.message)", file: file, line: line) }
            for e in Self.english { XCTAssertFalse(f.message.contains(e), "\(what): English \(e): \(f.message)", file: file, line: line) }
            XCTAssertNil(f.message.rangeOfCharacter(from: .controlCharacters), "\(what): control character", file: file, line: line)
        }
        let all = r.findings.map(\.message).joined(separator: " | ")
        for fragment in fragments {
            XCTAssertTrue(all.contains(fragment), "\(what): «\(fragment)» not in «\(all)»", file: file, line: line)
        }
    }

    func replace(_ old: String, _ new: String) -> (String) -> String {
        { $0.replacingOccurrences(of: old, with: new) }
    }

    /// Every insured's CNP attribute replaced (the fixture's CNPs differ per certificate).
    func cnpAttribute(_ new: String) -> (String) -> String {
        { $0.replacingOccurrences(of: #"cnp="[0-9]{13}" "#, with: new, options: .regularExpression) }
    }

    // MARK: schema (F02)

    func testPatternErrorsNameTheFieldAndWhatIsExpectedNotTheValue() {
        check("CNP with a trailing space", cnpAttribute("cnp=\"1850512350089 \" "), code: "F02",
              says: ["atributului „cnp” al elementului „Asigurat”", "exact 13 cifre", "linia 12, coloana 65"])
        check("diagnosis with a trailing space", replace("<CodDiagnostic>J06<", "<CodDiagnostic>F32.1 <"), code: "F02",
              says: ["elementului „CodDiagnostic”", "un cod ICD-10"])
        check("a date that does not exist", replace("<DataAcordarii>2026-10-06<", "<DataAcordarii>2026-02-30<"), code: "F02",
              says: ["elementului „DataAcordarii”", "AAAA-LL-ZZ"])
        check("a lower-case Serie", replace("<Serie>CCMAM<", "<Serie>secretvalue<"), code: "F02",
              says: ["elementului „Serie”", "2–8 litere mari"])
    }

    func testLengthAndRangeErrorsGiveTheLimitNotTheValue() {
        let long = String(repeating: "Zamfirescu", count: 11)
        check("a name over 100 characters", replace("nume=\"Ionescu\"", "nume=\"\(long)\""), code: "F02",
              says: ["atributului „nume” al elementului „Asigurat”", "mai mult de 100 caractere"])
        check("an empty name", replace("prenume=\"Ștefan\"", "prenume=\"\""), code: "F02",
              says: ["atributului „prenume”", "mai puțin de 1 caractere"])
        check("zile over the maximum", replace("zile=\"4\"", "zile=\"1850512350\""), code: "F02",
              says: ["atributului „zile” al elementului „Perioada”"])
        check("zile zero", replace("zile=\"4\"", "zile=\"0\""), code: "F02", says: ["sub minimul permis (1)"])
    }

    func testEnumerationErrorsListTheAllowedValues() {
        check("an unknown tip", replace("tip=\"INITIALA\"", "tip=\"SECRETVALUE\""), code: "F02",
              says: ["atributului „tip” al elementului „RaportareCCM”", "valori permise: INITIALA, RECTIFICATIVA"])
        check("an unknown county", replace("casa=\"TM\"", "casa=\"SECRETVALUE\""), code: "F02",
              says: ["atributului „casa” al elementului „Furnizor”"])
        check("a fixed version", replace("versiune=\"1\"", "versiune=\"secretvalue\""), code: "F02",
              says: ["atributului „versiune”", "„1”"])
        check("a date-time", replace("dataGenerare=\"2026-11-03T09:15:00+02:00\"", "dataGenerare=\"secretvalue\""), code: "F02",
              says: ["atributului „dataGenerare”", "dată și oră"])
    }

    func testStructureErrorsNameOnlyTheFormatsElements() {
        check("an element the format does not have, named like a CNP",
              replace("<CodDiagnostic>", "<X1850512350089>secretvalue</X1850512350089><CodDiagnostic>"), code: "F02",
              says: ["un element necunoscut nu este permis în acest loc", "se aștepta"])
        check("a missing element", replace("<LocPrescriere>1</LocPrescriere>", ""), code: "F02",
              says: ["elementul „Asigurat” nu este permis în acest loc", "„LocPrescriere”"])
        check("a missing required child at the end", replace(#"<Perioada inceput="2026-10-06" sfarsit="2026-10-09" zile="4"/>"#, ""),
              code: "F02", says: ["elementul „Certificat” nu este complet", "„Perioada”"])
        check("an attribute the format does not have", replace("<Asigurat ", "<Asigurat secretvalue=\"1850512350089\" "),
              code: "F02", says: ["elementul „Asigurat” are un atribut care nu face parte din format"])
        check("a required attribute missing", cnpAttribute(""), code: "F02",
              says: ["elementul „Asigurat” nu are atributul obligatoriu „cnp”"])
        check("text inside an element that holds elements", replace("<Certificate>", "<Certificate>secretvalue"),
              code: "F02", says: ["elementul „Certificate” nu poate conține text"])
        check("another root namespace", replace("urn:ro:cnas:ccm:raportare:1", "urn:secretvalue"), code: "F02",
              says: ["elementul rădăcină trebuie să fie „RaportareCCM”"])
    }

    // MARK: parser (F01)

    func testParserErrorsAreRomanianAndNameNoValue() {
        check("an empty file", Data(), code: "F01", says: ["fișierul este gol"])
        check("only white space", Data("   \n".utf8), code: "F01", says: ["nu conține niciun element XML"])
        check("a mismatched closing tag", replace("</Serie>", "</Seriee>"), code: "F01",
              says: ["eticheta de închidere nu corespunde elementului „Serie” deschis la linia"])
        for cut in [650, 700, 900, 1200] {
            check("a file cut at \(cut)", { String($0.prefix(cut)) }, code: "F01", says: ["pare trunchiat"])
            XCTAssertTrue(read(String(Fixture.document().prefix(cut))).truncated, "cut at \(cut)")
        }
        XCTAssertFalse(read(Fixture.document().replacingOccurrences(of: "</Serie>", with: "</Seriee>")).truncated)
        XCTAssertFalse(read(Fixture.document() + "<x/>").truncated)
        XCTAssertFalse(read(Fixture.document()).truncated)
        check("an attribute without quotes", cnpAttribute("cnp=1850512350089 "), code: "F01",
              says: ["nu este pusă corect între ghilimele"])
        check("a repeated attribute", replace("<Asigurat ", "<Asigurat nume=\"Zamfirescu\" "), code: "F01",
              says: ["atributul „nume” apare de două ori în același element"])
        check("a < in an attribute", replace("nume=\"Ionescu\"", "nume=\"Ion<escu\""), code: "F01",
              says: ["caracterul „<” nu este permis"])
        check("an undeclared entity", replace("<Serie>CCMAM<", "<Serie>&secretvalue;<"), code: "F01",
              says: ["o referință la o entitate"])
        check("content after the root", { $0 + "<secretvalue/>" }, code: "F01", says: ["după sfârșitul elementului rădăcină"])
        check("an unclosed comment", { $0.replacingOccurrences(of: "<Certificate>", with: "<Certificate><!-- secretvalue") },
              code: "F01", says: ["comentariu"])
        check("an undeclared prefix", replace("<Serie>CCMAM</Serie>", "<x:Serie>CCMAM</x:Serie>"), code: "F01",
              says: ["prefix de spațiu de nume"])
        var invalid = Data(Fixture.document().replacingOccurrences(of: "Ionescu", with: "Ion@@cu").utf8)
        if let r = invalid.range(of: Data("@@".utf8)) { invalid.replaceSubrange(r, with: [0x81, 0x6E]) }
        check("bytes invalid in UTF-8", invalid, code: "F01", says: ["octeți care nu sunt caractere valide"])
        let latin2 = Fixture.document(encoding: "ISO-8859-2").replacingOccurrences(of: "Ionescu", with: "Ion\u{1}scu")
        check("a control character", Data(latin2.utf8), code: "F01", says: ["octeți care nu sunt caractere valide"])
    }

    func testTheVocabularyHoldsTheFormatsNamesAndValues() {
        let v = SharedSchema.schema.vocabulary
        for n in ["RaportareCCM", "Certificat", "Asigurat", "cnp", "CnpCopil", "Perioada", "zile", "Signature"] {
            XCTAssertTrue(v.names.contains(n), n)
        }
        XCTAssertFalse(v.names.contains("X1850512350089"))
        XCTAssertTrue(v.values.isSuperset(of: ["INITIALA", "RECTIFICATIVA", "TM", "1", "STERGERE"]))
        XCTAssertEqual(v.typeName(element: "Asigurat", attribute: "cnp"), "CNP")
        XCTAssertEqual(v.typeName(element: "CertificatInitial", attribute: "numar"), "Numar")
        XCTAssertEqual(v.typeName(element: "AvizMedicExpert", attribute: "numar"), "String20")
        XCTAssertEqual(v.typeName(element: "CodDiagnostic", attribute: nil), "CodDiagnostic")
    }
}
