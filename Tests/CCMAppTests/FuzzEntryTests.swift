import CCMCore
import CCMSignature
import CCMTestSupport
import CCMXML
import Foundation
import XCTest
@testable import CCMApp

/// The fuzzer's entry point (`Inspection.inspect(xml:p7s:)`, bytes in memory) says of a file
/// exactly what the path `ccm ingest` reads says, on SampleData and on broken files.
final class FuzzEntryTests: XCTestCase {
    static let receivedAt = Date(timeIntervalSince1970: 1_794_297_600) // 2026-11-10T08:00:00Z, SampleData's receipt

    /// Decoded for each use: OpenSSL's objects stay with the thread that decoded them.
    static var trust: TrustMaterial {
        let dir = Paths.sampleData.appendingPathComponent("pki/trust")
        let items = ["root-ca.pem", "intermediate-ca.crl.pem"].flatMap { name in
            TrustFile.read(FileManager.default.contents(atPath: dir.appendingPathComponent(name).path) ?? Data())
        }
        return TrustMaterial(anchors: items.filter { !$0.isCRL }.map(\.der), crls: items.filter(\.isCRL).map(\.der))
    }

    func inspection(_ limits: ReadLimits = ReadLimits()) -> Inspection {
        Inspection(schema: SharedSchema.schema, trust: FuzzEntryTests.trust, receivedAt: FuzzEntryTests.receivedAt, limits: limits)
    }

    var folder: URL!
    override func setUpWithError() throws { folder = try Paths.temporaryFolder() }
    override func tearDown() { try? FileManager.default.removeItem(at: folder) }

    /// Both entries on one file (and its `.p7s` if there is one); they must agree in everything.
    @discardableResult
    func bothAgree(_ path: String, limits: ReadLimits = ReadLimits(), file: StaticString = #filePath, line: UInt = #line) throws -> Inspection.Report {
        let i = inspection(limits)
        let byPath = i.inspect(path: path)
        let xml = try XCTUnwrap(FileManager.default.contents(atPath: path), file: file, line: line)
        let p7s = FileManager.default.contents(atPath: path + ".p7s")
        let byBytes = i.inspect(xml: xml, p7s: p7s)
        XCTAssertEqual(byBytes, byPath, URL(fileURLWithPath: path).lastPathComponent, file: file, line: line)
        return byPath
    }

    func write(_ name: String, _ data: Data, p7s: Data? = nil) throws -> String {
        let u = folder.appendingPathComponent(name)
        try data.write(to: u)
        if let p7s { try p7s.write(to: URL(fileURLWithPath: u.path + ".p7s")) }
        return u.path
    }

    func sample(_ name: String) -> String { Paths.sampleData.appendingPathComponent("inbox/\(name)").path }

    func testEverySampleFileGivesTheSameReportBothWays() throws {
        var seen = 0
        for dir in ["inbox", "inbox-late", "inbox-rectificative"] {
            let d = Paths.sampleData.appendingPathComponent(dir)
            for name in try FileManager.default.contentsOfDirectory(atPath: d.path).sorted() where name.hasSuffix(".xml") {
                try bothAgree(d.appendingPathComponent(name).path)
                seen += 1
            }
        }
        XCTAssertGreaterThan(seen, 30)
    }

    /// Every rule an adapter finds on a file alone fires on a sample and keeps quiet on the good
    /// ones; F06 needs the enrolments (SignatureTests.testF06EnrolmentAtTheReceipt).
    func testSampleVerdictsAtTheXMLAndSignatureLevel() throws {
        // XML-level refusals (expected.json) and the signature cases (expected-signatures.json).
        let fires = ["F01": "CCM_57291663_202610_I_1.xml", // the XXE attempt
                     "F02": "CCM_15523024_202610_I_1.xml", "F03": "CCM_58079945_202610_I_1.xml",
                     "F04": "CCM_58079945_202610_I_2.xml", "F05": "CCM_98765101_202610_I_1.xml"]
        XCTAssertEqual(fires.keys.sorted() + ["F06"], RuleRegistry.all.filter { $0 is any FoundRule.Type }.map { $0.code })
        for (code, file) in fires {
            XCTAssertEqual(Set(try bothAgree(sample(file)).findings.map(\.code)), [code], file)
        }
        let good = try bothAgree(sample("CCM_15523024_202610_I_2.xml"))
        XCTAssertEqual(good.findings, [])
        XCTAssertEqual(good.certificates, 15)
        XCTAssertEqual(good.signers.count, 1)
        XCTAssertEqual(good.header?.cui, "15523024")
        let enveloped = try bothAgree(sample("CCM_42170930_202610_I_1.xml"))
        XCTAssertEqual(enveloped.findings, [])
        XCTAssertEqual(enveloped.signers.count, 1)
    }

    func testBrokenFilesGiveTheSameReportBothWays() throws {
        let good = try XCTUnwrap(FileManager.default.contents(atPath: sample("CCM_15523024_202610_I_2.xml")))
        let p7s = try XCTUnwrap(FileManager.default.contents(atPath: sample("CCM_15523024_202610_I_2.xml") + ".p7s"))
        let changed = good + Data("<!-- -->\n".utf8) // still XML, no longer the signed bytes

        let truncated = try bothAgree(write("truncated.xml", good.prefix(good.count / 2), p7s: p7s))
        XCTAssertEqual(truncated.findings.map(\.code), ["F01"])
        XCTAssertEqual(try bothAgree(write("empty.xml", Data())).findings.map(\.code), ["F01"])
        let doctype = Data("<?xml version=\"1.0\"?>\n<!DOCTYPE a [<!ENTITY x SYSTEM \"file:///etc/passwd\">]>\n<a>&x;</a>\n".utf8)
        XCTAssertEqual(try bothAgree(write("doctype.xml", doctype)).findings.map(\.code), ["F01"])
        let latin1 = Data("<?xml version=\"1.0\" encoding=\"ISO-8859-1\"?>\n<a/>\n".utf8)
        XCTAssertEqual(try bothAgree(write("latin1.xml", latin1)).findings.map(\.code), ["F01"])
        XCTAssertEqual(try bothAgree(write("big.xml", good), limits: ReadLimits(maxBytes: 1000)).findings.map(\.code), ["F01"])
        // Over the limit only while streaming (the size check passes): the in-memory input must stop too.
        let streamed = try bothAgree(write("big2.xml", good), limits: ReadLimits(maxBytes: good.count - 1))
        XCTAssertEqual(streamed.findings.map(\.code), ["F01"])

        XCTAssertEqual(try bothAgree(write("changed.xml", changed, p7s: p7s)).findings.map(\.code), ["F04"])
        XCTAssertEqual(try bothAgree(write("emptysig.xml", good, p7s: Data())).findings.map(\.code), ["F04"])
        // A signature over the empty file: the in-memory content must be an empty buffer, not "unreadable".
        let emptySigned = try bothAgree(write("emptysigned.xml", Data(), p7s: p7s))
        XCTAssertEqual(emptySigned.findings.map(\.code), ["F01"])
        XCTAssertEqual(DetachedSignature.verify(signature: p7s, content: Data()),
                       DetachedSignature.verify(signature: p7s, contentPath: try write("empty-content", Data())))
    }

    /// Found by ccm-fuzz (a leak): OpenSSL's CMS_verify copies a memory-BIO content into a
    /// temporary BIO and never frees it when CMS_dataInit fails, as with an unknown algorithm in
    /// the SignedData's digestAlgorithms (the SignerInfo's own SHA-256 passes our check). The
    /// in-memory content must reach CMS_verify as a file BIO, like the path's.
    func testUnknownAlgorithmInTheDigestSetLeaksNothing() throws {
        let path = sample("CCM_15523024_202610_I_2.xml")
        let xml = try XCTUnwrap(FileManager.default.contents(atPath: path))
        var p7s = try XCTUnwrap(FileManager.default.contents(atPath: path + ".p7s"))
        let sha256 = Data([0x06, 0x09, 0x60, 0x86, 0x48, 0x01, 0x65, 0x03, 0x04, 0x02, 0x01])
        let first = try XCTUnwrap(p7s.range(of: sha256), "the SignedData's digestAlgorithms come first")
        p7s[first.upperBound - 1] = 0x7F // 2.16.840.1.101.3.4.2.127: no such digest
        XCTAssertEqual(try bothAgree(write("unknown-digest.xml", xml, p7s: p7s)).findings.map(\.code), ["F04"])
        for _ in 0..<500 { _ = DetachedSignature.verify(signature: p7s, content: xml) } // warm-up
        let before = try residentBytes()
        for _ in 0..<12_000 { _ = DetachedSignature.verify(signature: p7s, content: xml) }
        let kept = try residentBytes() - before
        XCTAssertLessThan(kept, 1 << 20, "a leak of 272 bytes per verification keeps about 3 MB here")
    }

    /// Current resident memory (the second field of /proc/self/statm, in pages).
    func residentBytes() throws -> Int {
        let statm = try String(contentsOfFile: "/proc/self/statm", encoding: .utf8).split(separator: " ")
        return try XCTUnwrap(Int(statm.count > 1 ? statm[1] : "")) * Int(sysconf(Int32(_SC_PAGESIZE)))
    }

    func testInMemoryInputIsServedInPiecesLikeAFile() throws {
        // libxml2 asks for 4 KiB at a time: a document several times that size must arrive whole.
        let big = try XCTUnwrap(FileManager.default.contents(atPath: sample("CCM_544649_202610_I_1.xml")))
        XCTAssertGreaterThan(big.count, 16 * 1024)
        let r = try bothAgree(sample("CCM_544649_202610_I_1.xml"))
        XCTAssertGreaterThan(r.certificates, 0)
        // And a slice not starting at index 0 reads the same as a fresh copy.
        let padded = Data([0x20]) + big
        let slice = padded[1...]
        XCTAssertEqual(inspection().inspect(xml: slice, p7s: nil), inspection().inspect(xml: big, p7s: nil))
    }
}
