@testable import CCMSignature
import CCMXML
import CXMLSec
import Foundation
import XCTest

/// The streamed canonical form (`CanonicalWriter`, what the reference digest is computed
/// over) must be libxml2's `xmlC14NDocDumpMemory` of the same document — the DOM function
/// xmlsec digests — byte for byte: without comments, minus the first ds:Signature child of
/// the root, inclusive and exclusive, with and without an InclusiveNamespaces list.
final class CanonicalWriterTests: XCTestCase {
    private static let repo = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    private static let ds = "http://www.w3.org/2000/09/xmldsig#"

    private let modes: [CanonicalWriter.Mode] = [
        .inclusive, .exclusive(inclusivePrefixes: []), .exclusive(inclusivePrefixes: ["#default"]),
        .exclusive(inclusivePrefixes: ["p", "q"]), .exclusive(inclusivePrefixes: ["#default", "p", "unused"]),
    ]

    /// Namespaces, escaping, the document's edges: the cases where canonical forms go wrong.
    private let documents: [String: String] = [
        "namespaces": """
            <a xmlns="urn:u1" xmlns:p="urn:u2" xmlns:unused="urn:x" b="1" p:c="2" a="0"><p:x xmlns:p="urn:u2"/>\
            <y xmlns=""><z/><z xmlns="urn:u1"><w/></z></y><p:w xmlns:p="urn:u3" xmlns:q="urn:u4" q:attr="v" attr="w"/>\
            <q:v xmlns:q="urn:u4"><inner xmlns:p="urn:u2" p:k="1"/></q:v></a>
            """,
        "empty default at several levels": """
            <r xmlns="urn:d"><s xmlns=""><t><u xmlns="urn:e"><v xmlns=""/></u></t></s><s2 xmlns="urn:d"/></r>
            """,
        "no namespace at all": "<r><s a=\"1\"><t/></s></r>",
        "attributes by namespace URI, not prefix": """
            <r xmlns:b="urn:a" xmlns:a="urn:b" a:x="2" b:x="1" z="0" y="9" b:a="3"/>
            """,
        "escaping": """
            <r t="a&amp;b&lt;c&gt;d&quot;e&#9;f&#10;g&#13;h'i">x &amp; y &lt; z &gt; w &#13; "q" 'a' ]]&gt;\
            <![CDATA[<cdata> & ]]><e/><e></e>ş ţ ă î â € 𝄞</r>
            """,
        "edges of the document": """
            <?xml version="1.0" encoding="UTF-8"?>
            <!-- before --><?pi-before data?>
            <r><!-- inside --><?pi-inside  some   data ?><?empty?>
              text
            </r>
            <?pi-after?><!-- after -->
            """,
        "xml attributes": """
            <r xml:lang="ro" xmlns:xml="http://www.w3.org/XML/1998/namespace"><s xml:space="preserve">  </s></r>
            """,
        "signature skipped": """
            <r xmlns="urn:r">
              <data>1</data>
              <ds:Signature xmlns:ds="\(ds)"><ds:SignedInfo/></ds:Signature>
            </r>
            """,
        "signature uses the default namespace": """
            <r xmlns:p="urn:p"><p:data>1</p:data><Signature xmlns="\(ds)"><SignedInfo/></Signature></r>
            """,
    ]

    func testStreamedCanonicalFormIsLibxml2sOnCraftedDocuments() throws {
        for (name, text) in documents.sorted(by: { $0.key < $1.key }) {
            try assertSameAsLibxml2(Data(text.utf8), name)
        }
    }

    func testStreamedCanonicalFormIsLibxml2sInAnotherEncoding() throws {
        // windows-1250: ş is 0xBA, ţ 0xFE; the canonical form is UTF-8 either way.
        var bytes = Data("<?xml version=\"1.0\" encoding=\"windows-1250\"?>\n<r a=\"".utf8)
        bytes += Data([0xBA, 0xFE]) + Data("\">".utf8) + Data([0xBA, 0x20, 0xFE]) + Data("</r>".utf8)
        try assertSameAsLibxml2(bytes, "windows-1250")
    }

    func testStreamedCanonicalFormIsLibxml2sOnEverySampleSubmission() throws {
        let inbox = Self.repo.appendingPathComponent("SampleData")
        let files = (FileManager.default.enumerator(at: inbox, includingPropertiesForKeys: nil)?.compactMap { $0 as? URL } ?? [])
            .filter { $0.pathExtension == "xml" }
        XCTAssertGreaterThan(files.count, 40, "SampleData's submissions")
        // The faulty ones too (a DOCTYPE, bad bytes): neither side gives a canonical form then.
        var compared = 0
        for url in files {
            let data = try Data(contentsOf: url)
            try assertSameAsLibxml2(data, url.lastPathComponent, requireForm: false)
            if libxml2Form(data, .inclusive) != nil { compared += 1 }
        }
        XCTAssertGreaterThan(compared, 40)
    }

    /// The comparison is meaningful: the two forms differ from the document's bytes.
    func testTheCanonicalFormIsNotTheInput() throws {
        let text = documents["namespaces"] ?? ""
        let streamed = try XCTUnwrap(streamedForm(Data(text.utf8), .exclusive(inclusivePrefixes: [])))
        XCTAssertNotEqual(streamed, Data(text.utf8))
        XCTAssertFalse(String(decoding: streamed, as: UTF8.self).contains("urn:x"), "an unused prefix is not rendered by exclusive C14N")
        let inclusive = try XCTUnwrap(streamedForm(Data(text.utf8), .inclusive))
        XCTAssertTrue(String(decoding: inclusive, as: UTF8.self).contains("xmlns:unused=\"urn:x\""))
    }

    // MARK: - helpers

    private func assertSameAsLibxml2(_ data: Data, _ name: String, requireForm: Bool = true,
                                     file: StaticString = #filePath, line: UInt = #line) throws {
        for mode in modes {
            let ours = streamedForm(data, mode)
            let theirs = libxml2Form(data, mode)
            if requireForm { XCTAssertNotNil(theirs, "\(name): libxml2 could not canonicalise it", file: file, line: line) }
            XCTAssertEqual(ours.map { String(decoding: $0, as: UTF8.self) }, theirs.map { String(decoding: $0, as: UTF8.self) },
                           "\(name), \(mode)", file: file, line: line)
        }
    }

    private func streamedForm(_ data: Data, _ mode: CanonicalWriter.Mode) -> Data? {
        guard let xml = StreamedXML(data: data, limits: ReadLimits()) else { return nil }
        var out = Data()
        let writer = CanonicalWriter(mode: mode) { out.append(contentsOf: $0) }
        return EnvelopedSignatureStream.canonicalize(xml, into: writer) ? out : nil
    }

    private func libxml2Form(_ data: Data, _ mode: CanonicalWriter.Mode) -> Data? {
        let doc: xmlDocPtr? = data.withUnsafeBytes { raw in
            xmlReadMemory(raw.baseAddress?.assumingMemoryBound(to: CChar.self), Int32(raw.count), nil, nil,
                          Int32(XML_PARSE_NONET.rawValue | XML_PARSE_NOERROR.rawValue | XML_PARSE_NOWARNING.rawValue))
        }
        guard let doc else { return nil }
        defer { xmlFreeDoc(doc) }
        if let root = xmlDocGetRootElement(doc) {
            var child = root.pointee.children
            while let c = child {
                if EnvelopedDOM.isElement(c, Self.ds, "Signature") { xmlUnlinkNode(c); xmlFreeNode(c); break }
                child = c.pointee.next
            }
        }
        var prefixes: [String] = []
        var c14nMode = XML_C14N_1_0
        if case .exclusive(let list) = mode { prefixes = list; c14nMode = XML_C14N_EXCLUSIVE_1_0 }
        var list: [UnsafeMutablePointer<xmlChar>?] = prefixes.map { xmlStrdup($0) } + [nil]
        var release: xmlFreeFunc?
        xmlMemGet(&release, nil, nil, nil)
        defer { list.forEach { if let p = $0 { release?(p) } } }
        var out: UnsafeMutablePointer<xmlChar>?
        let n = list.withUnsafeMutableBufferPointer { l in
            xmlC14NDocDumpMemory(doc, nil, Int32(c14nMode.rawValue), prefixes.isEmpty ? nil : l.baseAddress, 0, &out)
        }
        guard n >= 0, let out else { return nil }
        defer { release?(out) }
        return Data(bytes: out, count: Int(n))
    }
}
