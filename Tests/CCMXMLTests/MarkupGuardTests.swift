import CCMCore
import CCMTestSupport
import Foundation
import XCTest
@testable import CCMXML

/// The byte watch before libxml2 (MarkupGuard): a very long attribute value and too many bytes
/// of comments are refused before they cost memory; ordinary markup passes, however it is cut.
final class MarkupGuardTests: XCTestCase {
    var folder: URL!
    override func setUpWithError() throws { folder = try Paths.temporaryFolder() }
    override func tearDown() { try? FileManager.default.removeItem(at: folder) }

    func read(_ text: String) throws -> ReadResult {
        let u = folder.appendingPathComponent(UUID().uuidString + ".xml")
        try Data(text.utf8).write(to: u)
        return SubmissionReader(schema: SharedSchema.schema).read(path: u.path, into: SubmissionRecorder())
    }

    /// The document with `extra` placed between the Furnizor element and the certificates.
    func document(inserting extra: String) -> String {
        let doc = Fixture.document()
        guard let r = doc.range(of: "<Certificate>") else { return doc }
        return doc.replacingCharacters(in: r, with: extra + "<Certificate>")
    }

    func scan(_ text: String, chunk: Int) -> (Bool, MarkupGuard.Problem?) {
        var g = MarkupGuard()
        let bytes = Array(text.utf8)
        var i = 0
        while i < bytes.count {
            let ok = bytes[i..<min(i + chunk, bytes.count)].withUnsafeBytes { g.scan($0) }
            if !ok { return (false, g.problem) }
            i += chunk
        }
        return (true, nil)
    }

    func testALongAttributeIsF01BeforeItIsParsed() throws {
        let long = String(repeating: "x", count: MarkupGuard.maxAttributeBytes + 1)
        let doc = Fixture.document().replacingOccurrences(of: "denumire=\"Exemplu SRL\"", with: "denumire=\"\(long)\"")
        XCTAssertNotEqual(doc, Fixture.document())
        let r = try read(doc)
        XCTAssertEqual(r.findings.map(\.code), ["F01"])
        XCTAssertTrue(r.findings[0].message.contains("atribut"), r.findings[0].message)
    }

    func testTooMuchCommentIsF01() throws {
        let comment = "<!-- " + String(repeating: "c", count: 64 << 10) + " -->"
        let r = try read(document(inserting: String(repeating: comment, count: 20)))
        XCTAssertEqual(r.findings.map(\.code), ["F01"])
        XCTAssertTrue(r.findings[0].message.contains("comentariile"), r.findings[0].message)
    }

    func testOrdinaryMarkupStaysQuiet() throws {
        // Quotes, '>' and '<'-like text where they are allowed: in comments, CDATA, PIs and values.
        let extra = "<!-- a \"quoted\" comment with <tags> and - single dashes --><?note ca=\"da\" ?>"
        XCTAssertEqual(try read(document(inserting: extra)).findings.map(\.code), [])
        let bigButAllowed = "<!-- " + String(repeating: "c", count: 512 << 10) + " -->"
        XCTAssertEqual(try read(document(inserting: bigButAllowed)).findings.map(\.code), [])
    }

    func testTheScanDoesNotDependOnHowTheBytesAreCut() {
        let long = String(repeating: "y", count: MarkupGuard.maxAttributeBytes + 1)
        let cases: [(String, Bool)] = [
            ("<a b='x\"y>z' c=\"q'r\"><![CDATA[ \"\(long) ]]><!-- ' --></a>", true),  // long text in CDATA is not an attribute
            ("<a b=\"\(long)\"/>", false),
            ("<?pi \"\(String(repeating: "p", count: MarkupGuard.maxCommentBytes))\" ?>", false),
            ("<a>\(long)</a><b c='\(String(repeating: "z", count: 100))'/>", true),
        ]
        for (text, ok) in cases {
            for chunk in [1, 2, 3, 7, 4096, 1 << 20] {
                XCTAssertEqual(scan(text, chunk: chunk).0, ok, "\(text.prefix(40))… in chunks of \(chunk)")
            }
        }
    }

    /// Tags long enough to be scanned a word at a time stop at each quote and `>` where the
    /// byte-by-byte scan does (chunks of one byte), at every offset within the word.
    func testLongTagsStopWhereTheBytewiseScanDoes() {
        let long = String(repeating: "y", count: MarkupGuard.maxAttributeBytes + 1)
        for k in 1...24 {
            let name = String(repeating: "n", count: k)
            let cases: [(String, Bool)] = [
                ("<\(name) b=\"'>'\" \(name)='\"'>\(long)</\(name)>", true),   // the long run is text
                ("<\(name) b=\"'>'\" \(name)='>\(long)'/>", false),             // the long run is a value
                ("<\(name)\(name) \(name)=\"x\"><\(name)'\(long)'/></\(name)\(name)>", false),
            ]
            for (text, ok) in cases {
                for chunk in [1, 3, 8, 9, 4096] {
                    XCTAssertEqual(scan(text, chunk: chunk).0, ok, "\(text.prefix(60))… in chunks of \(chunk)")
                }
            }
        }
    }

    /// The runs the scan skips (text, tags, values) end exactly where the byte-by-byte machine
    /// would: a value of exactly the limit passes, one byte more does not, wherever a chunk ends.
    func testTheAttributeLimitIsExactWhereverTheChunksEnd() {
        let max = MarkupGuard.maxAttributeBytes
        for (length, ok) in [(max - 1, true), (max, true), (max + 1, false)] {
            let text = "<r><a b=\"\(String(repeating: "v", count: length))\" c='\"'>t>t</a></r>"
            for chunk in [1, 5, 8, max - 1, max, max + 1, max + 8, max + 9, max + 10, 1 << 20] {
                XCTAssertEqual(scan(text, chunk: chunk).0, ok, "a value of \(length) bytes in chunks of \(chunk)")
            }
        }
    }
}
