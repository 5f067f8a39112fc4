@testable import CCMSignature
import CCMTestSupport
import Foundation
import XCTest

/// Enveloped XML-DSig (`01-submission-format.md` §4.1) on real signed documents: a copy of
/// SampleData/inbox/CCM_16353246_202610_I_1.xml signed with the test PKI of SampleData/pki by
/// `scripts/sign-submission.sh`, and — for the wrapping shapes that script will not make —
/// templates signed with the `xmlsec1` CLI. Each wrapping shape is first checked to be
/// cryptographically valid for `xmlsec1 --verify --insecure`, so that its refusal is shown to
/// come from the structural checks and not from a broken digest.
final class EnvelopedSignatureTests: XCTestCase {
    private static let repo = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    private static let pki = repo.appendingPathComponent("SampleData/pki")
    private static let input = repo.appendingPathComponent("SampleData/inbox/CCM_16353246_202610_I_1.xml")
    private static let signScript = repo.appendingPathComponent("scripts/sign-submission.sh")
    private static let dsNS = "http://www.w3.org/2000/09/xmldsig#"

    private var folder: URL!

    override func setUpWithError() throws {
        folder = FileManager.default.temporaryDirectory.appendingPathComponent("ccm-envsig-" + UUID().uuidString)
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    }

    /// Every document a test made — good, altered, wrapped — also goes to the oracle: the
    /// streaming verifier must say what xmlsec says of it.
    override func tearDownWithError() throws {
        guard let folder else { return }
        for url in SignatureOracle.signedDocuments(under: folder) { SignatureOracle.assertSameVerdict(url) }
        try? FileManager.default.removeItem(at: folder)
    }

    // MARK: - good signatures

    func testGoodRSASignatureIsVerifiedAndNamesTheSignerAndTheIntermediate() throws {
        let signed = try sign("signer-valid-rsa")
        let verdict = EnvelopedSignature.verify(path: signed.path)
        XCTAssertEqual(verdict, .verified(signer: try cert("signer-valid-rsa"), carried: [try cert("intermediate-ca")], signingTime: nil))
    }

    func testGoodECSignatureIsVerifiedAndNamesTheSignerAndTheIntermediate() throws {
        let signed = try sign("signer-valid-ec")
        let verdict = EnvelopedSignature.verify(path: signed.path)
        XCTAssertEqual(verdict, .verified(signer: try cert("signer-valid-ec"), carried: [try cert("intermediate-ca")], signingTime: nil))
    }

    func testEveryAcceptedCanonicalizationAndDigestVerifies() throws {
        let variants: [(String, [String])] = [
            ("signer-valid-rsa", ["--c14n", "inclusive"]),
            ("signer-valid-rsa", ["--c14n", "inclusive-comments"]),
            ("signer-valid-rsa", ["--c14n", "exclusive-comments", "--digest", "sha384"]),
            ("signer-valid-rsa", ["--digest", "sha512"]),
            ("signer-valid-rsa", ["--digest", "sha256", "--sig-digest", "sha384"]),
            ("signer-valid-ec", ["--digest", "sha512", "--sig-digest", "sha512"]),
        ]
        for (signer, options) in variants {
            let signed = try sign(signer, options)
            XCTAssertEqual(EnvelopedSignature.verify(path: signed.path),
                           .verified(signer: try cert(signer), carried: [try cert("intermediate-ca")], signingTime: nil),
                           "\(signer) \(options)")
        }
    }

    /// The signer is the certificate whose key verified, wherever it sits in X509Data
    /// (KeyInfo is not signed, so reordering it keeps the signature valid).
    func testSignerIsFoundByKeyNotByPosition() throws {
        let signed = try read(try sign("signer-valid-ec"))
        let certs = matches(of: "<ds:X509Certificate>[^<]*</ds:X509Certificate>", in: signed)
        XCTAssertEqual(certs.count, 2)
        let swapped = signed.replacingOccurrences(of: certs[0] + "\n" + certs[1], with: certs[1] + "\n" + certs[0])
        XCTAssertNotEqual(swapped, signed)
        XCTAssertEqual(EnvelopedSignature.verify(path: try write(swapped, "swapped.xml").path),
                       .verified(signer: try cert("signer-valid-ec"), carried: [try cert("intermediate-ca")], signingTime: nil))
    }

    func testSignatureWithoutIntermediateCarriesNothing() throws {
        let signed = try sign("signer-valid-rsa", chain: false)
        XCTAssertEqual(EnvelopedSignature.verify(path: signed.path),
                       .verified(signer: try cert("signer-valid-rsa"), carried: [], signingTime: nil))
    }

    // MARK: - no signature

    func testDocumentWithoutSignatureGivesNil() throws {
        XCTAssertNil(EnvelopedSignature.verify(path: try write(try original(), "unsigned.xml").path))
        // An element called Signature in another namespace is not an XML-DSig signature.
        let other = try original().replacingOccurrences(of: "</RaportareCCM>", with: "<Signature xmlns=\"urn:altceva\"/></RaportareCCM>")
        XCTAssertNil(EnvelopedSignature.verify(path: try write(other, "other-ns.xml").path))
        // Unsigned and not examinable (DOCTYPE, not well-formed): no signature either; the XML
        // checks refuse those documents, not the signature check.
        let doctype = try replacingOnce("<RaportareCCM ", with: "<!DOCTYPE RaportareCCM>\n<RaportareCCM ", in: try original())
        XCTAssertNil(EnvelopedSignature.verify(path: try write(doctype, "doctype-unsigned.xml").path))
        let broken = try replacingOnce("</Certificate>", with: "</Certificat>", in: try original())
        XCTAssertNil(EnvelopedSignature.verify(path: try write(broken, "broken-unsigned.xml").path))
    }

    // MARK: - content and signature value

    func testOneByteOfContentChangedAfterSigningIsRefused() throws {
        let signed = try read(try sign("signer-valid-rsa"))
        let changed = try replacingOnce("luna=\"2026-10\"", with: "luna=\"2026-11\"", in: signed)
        XCTAssertEqual(changed.utf8.count, signed.utf8.count)
        try assertRefused(try write(changed, "changed.xml"), containing: "nu corespunde conținutului")
    }

    func testAlteredSignatureValueIsRefused() throws {
        for signer in ["signer-valid-rsa", "signer-valid-ec"] {
            let signed = try read(try sign(signer))
            guard let value = matches(of: "<ds:SignatureValue>[^<]*</ds:SignatureValue>", in: signed).first else {
                return XCTFail("no SignatureValue in the signed document")
            }
            // Change one base64 character in the middle: still base64, another value.
            var chars = Array(value)
            let i = "<ds:SignatureValue>".count + 20
            chars[i] = chars[i] == "A" ? "B" : "A"
            let altered = signed.replacingOccurrences(of: value, with: String(chars))
            XCTAssertNotEqual(altered, signed)
            try assertRefused(try write(altered, "altered-\(signer).xml"), containing: "SignatureValue")
        }
    }

    func testKeyInfoWithAnotherSignersCertificateIsRefused() throws {
        let signed = try read(try sign("signer-valid-rsa", chain: false))
        guard let leaf = matches(of: "<ds:X509Certificate>[^<]*</ds:X509Certificate>", in: signed).first else {
            return XCTFail("no certificate in the signed document")
        }
        let other = try cert("signer-revoked-later").der.base64EncodedString()
        let swapped = signed.replacingOccurrences(of: leaf, with: "<ds:X509Certificate>\(other)</ds:X509Certificate>")
        try assertRefused(try write(swapped, "other-cert.xml"), containing: "nu corespunde conținutului")
    }

    func testSignatureWithoutCertificatesIsRefused() throws {
        let signed = try sign("signer-valid-rsa", ["--no-certs"])
        try assertRefused(signed, containing: "X509Certificate")
    }

    // MARK: - SHA-1

    func testSHA1DigestIsRefused() throws {
        let signed = try sign("signer-sha1", ["--digest", "sha1", "--sig-digest", "sha256"])
        XCTAssertTrue(try read(signed).contains("http://www.w3.org/2000/09/xmldsig#sha1"))
        try assertRefused(signed, containing: "SHA-1")
    }

    func testRSASHA1SignatureMethodIsRefused() throws {
        let signed = try sign("signer-sha1", ["--digest", "sha256", "--sig-digest", "sha1"])
        XCTAssertTrue(try read(signed).contains("http://www.w3.org/2000/09/xmldsig#rsa-sha1"))
        try assertRefused(signed, containing: "SHA-1")
    }

    func testSHA1EverywhereIsRefused() throws {
        try assertRefused(try sign("signer-sha1", ["--digest", "sha1"]), containing: "SHA-1")
    }

    // MARK: - signature wrapping

    /// (1) XSW "enveloping wrapper": the signed content moved into a ds:Object of the
    /// signature, referenced by Id, and different content presented at the root.
    func testSignedContentMovedIntoObjectIsRefused() throws {
        let body = try original()
        let originalRoot = try rootElement(of: body)
        let forged = try replacingOnce("luna=\"2026-10\"", with: "luna=\"2026-09\"", in: body)
        let template = insertBeforeRootEnd(forged, signatureTemplate(
            references: [.init(uri: "#original", transforms: [Alg.excC14N])],
            object: "<ds:Object Id=\"original\">\(originalRoot)</ds:Object>"))
        let signed = try xmlsecSign(template, "xsw-object")
        try assertXMLSecAccepts(signed)
        try assertRefused(signed, containing: "ds:Object")
    }

    /// (1b) The same with a genuinely signed document: its signature taken out, the signed
    /// root put into a ds:Object of it, and a forged root around.
    func testGenuineSignatureWrappingItsDocumentInObjectIsRefused() throws {
        let signed = try read(try sign("signer-valid-rsa"))
        let signature = try signatureElement(of: signed)
        let unsigned = signed.replacingOccurrences(of: signature, with: "")
        let signedRoot = try rootElement(of: unsigned)   // what the signature covers
        let forgedBody = try replacingOnce("luna=\"2026-10\"", with: "luna=\"2026-09\"", in: unsigned)
        let wrapped = signature.replacingOccurrences(of: "</ds:Signature>", with: "<ds:Object>\(signedRoot)</ds:Object></ds:Signature>")
        try assertRefused(try write(insertBeforeRootEnd(forgedBody, wrapped), "xsw-genuine.xml"), containing: "ds:Object")
    }

    /// (2) A second ds:Signature, appended after the first or hidden inside the content.
    func testSecondSignatureIsRefused() throws {
        let signed = try read(try sign("signer-valid-rsa"))
        let signature = try signatureElement(of: signed)
        let appended = signed.replacingOccurrences(of: signature, with: signature + "\n  " + signature)
        try assertRefused(try write(appended, "two-appended.xml"), containing: "mai multe semnături")
        let hidden = try replacingOnce("<Certificate>", with: "<Certificate>" + signature, in: signed)
        try assertRefused(try write(hidden, "two-hidden.xml"), containing: "mai multe semnături")
    }

    /// (3) Reference URI="#id" to an element carrying that Id (a valid signature of part of
    /// the document).
    func testReferenceToAnIdIsRefused() throws {
        let body = try replacingOnce("<Furnizor ", with: "<Furnizor Id=\"f1\" ", in: try original())
        let template = insertBeforeRootEnd(body, signatureTemplate(
            references: [.init(uri: "#f1", transforms: [Alg.enveloped, Alg.excC14N])]))
        let signed = try xmlsecSign(template, "uri-id", idAttribute: "urn:ro:cnas:ccm:raportare:1:Furnizor")
        try assertXMLSecAccepts(signed, idAttribute: "urn:ro:cnas:ccm:raportare:1:Furnizor")
        try assertRefused(signed, containing: "URI=\"\"")
    }

    /// A Reference without any URI attribute is not URI="" either.
    func testReferenceWithoutURIIsRefused() throws {
        let signed = try read(try sign("signer-valid-rsa"))
        let noURI = try replacingOnce("<ds:Reference URI=\"\">", with: "<ds:Reference>", in: signed)
        try assertRefused(try write(noURI, "no-uri.xml"), containing: "URI=\"\"")
    }

    /// (4) Two References, both valid.
    func testTwoReferencesAreRefused() throws {
        let body = try replacingOnce("<Furnizor ", with: "<Furnizor Id=\"f1\" ", in: try original())
        let template = insertBeforeRootEnd(body, signatureTemplate(references: [
            .init(uri: "", transforms: [Alg.enveloped, Alg.excC14N]),
            .init(uri: "#f1", transforms: [Alg.excC14N]),
        ]))
        let signed = try xmlsecSign(template, "two-refs", idAttribute: "urn:ro:cnas:ccm:raportare:1:Furnizor")
        try assertXMLSecAccepts(signed, idAttribute: "urn:ro:cnas:ccm:raportare:1:Furnizor")
        try assertRefused(signed, containing: "exact o referință")
    }

    /// (5) An extra XPath transform between enveloped-signature and C14N (valid signature).
    func testExtraXPathTransformIsRefused() throws {
        let xpath = "<ds:Transform Algorithm=\"http://www.w3.org/TR/1999/REC-xpath-19991116\"><ds:XPath xmlns:c=\"urn:ro:cnas:ccm:raportare:1\">not(ancestor-or-self::c:Totaluri)</ds:XPath></ds:Transform>"
        let template = insertBeforeRootEnd(try original(), signatureTemplate(
            references: [.init(uri: "", transforms: [Alg.enveloped, xpath, Alg.excC14N])]))
        let signed = try xmlsecSign(template, "xpath")
        try assertXMLSecAccepts(signed)
        try assertRefused(signed, containing: "transformările referinței")
        // and the XPath transform alone in second place
        let onlyXPath = insertBeforeRootEnd(try original(), signatureTemplate(
            references: [.init(uri: "", transforms: [Alg.enveloped, xpath])]))
        try assertRefused(try xmlsecSign(onlyXPath, "xpath-only"), containing: "transformările referinței")
    }

    /// (6) The signature not the last element child of the root (valid signature).
    func testSignatureNotLastChildIsRefused() throws {
        let template = insertBeforeRootEnd(try original(), signatureTemplate(
            references: [.init(uri: "", transforms: [Alg.enveloped, Alg.excC14N])]) + "<Anexa xmlns=\"urn:altceva\">după semnătură</Anexa>")
        let signed = try xmlsecSign(template, "not-last")
        try assertXMLSecAccepts(signed)
        try assertRefused(signed, containing: "nu este ultimul element al rădăcinii")

        // nor inside another element
        let inside = try replacingOnce("</Certificate>", with: signatureTemplate(
            references: [.init(uri: "", transforms: [Alg.enveloped, Alg.excC14N])]) + "</Certificate>", in: try original())
        let signedInside = try xmlsecSign(inside, "inside")
        try assertXMLSecAccepts(signedInside)
        try assertRefused(signedInside, containing: "nu este ultimul element al rădăcinii")
    }

    /// (7) A DOCTYPE (with an internal entity) in an otherwise valid signed document.
    func testDoctypeIsRefused() throws {
        let body = try replacingOnce("<RaportareCCM ", with: "<!DOCTYPE RaportareCCM [ <!ENTITY casa \"TM\"> ]>\n<RaportareCCM ", in: try original())
        let template = insertBeforeRootEnd(body, signatureTemplate(references: [.init(uri: "", transforms: [Alg.enveloped, Alg.excC14N])]))
        let signed = try xmlsecSign(template, "doctype")
        try assertXMLSecAccepts(signed)
        try assertRefused(signed, containing: "DOCTYPE")
    }

    // MARK: - other shapes

    func testRSAPSSIsRefusedWhileXMLSecCannotVerifyIt() throws {
        let signed = try read(try sign("signer-valid-rsa"))
        let pss = try replacingOnce("http://www.w3.org/2001/04/xmldsig-more#rsa-sha256",
                                    with: "http://www.w3.org/2007/05/xmldsig-more#sha256-rsa-MGF1", in: signed)
        guard case .refused(let why, _)? = EnvelopedSignature.verify(path: try write(pss, "pss.xml").path) else {
            return XCTFail("an RSA-PSS method over an RSA PKCS#1 value must not verify")
        }
        // xmlsec 1.2.x has no RSA-PSS; a later xmlsec would refuse the PKCS#1 v1.5 value instead.
        XCTAssertTrue(why.contains("nu este disponibil") || why.contains("nu corespunde conținutului"), why)
    }

    func testUnknownSignatureAlgorithmIsRefused() throws {
        let signed = try read(try sign("signer-valid-rsa"))
        let md5 = try replacingOnce("http://www.w3.org/2001/04/xmldsig-more#rsa-sha256",
                                    with: "http://www.w3.org/2001/04/xmldsig-more#rsa-md5", in: signed)
        try assertRefused(try write(md5, "md5.xml"), containing: "algoritmul de semnătură")
    }

    func testMalformedSignedDocumentIsRefusedNotCrashed() throws {
        let signed = try read(try sign("signer-valid-rsa"))
        let broken = try replacingOnce("</Certificate>", with: "</Certificat>", in: signed)
        try assertRefused(try write(broken, "broken.xml"), containing: "nu este corect format")
        XCTAssertEqual(EnvelopedSignature.verify(path: folder.appendingPathComponent("absent.xml").path),
                       .refused("fișierul nu poate fi citit pentru verificarea semnăturii"))
    }

    func testConcurrentVerificationsAgree() throws {
        let rsa = try sign("signer-valid-rsa")
        let changed = try write(try replacingOnce("luna=\"2026-10\"", with: "luna=\"2026-11\"", in: try read(rsa)), "changed.xml")
        let expected = SignatureVerdict.verified(signer: try cert("signer-valid-rsa"), carried: [try cert("intermediate-ca")], signingTime: nil)
        let wrong = Locked([String]())
        DispatchQueue.concurrentPerform(iterations: 16) { i in
            let good = EnvelopedSignature.verify(path: rsa.path)
            let bad = EnvelopedSignature.verify(path: changed.path)
            var ok = good == expected
            if case .refused? = bad {} else { ok = false }
            if !ok { wrong.update { $0.append("iteration \(i): \(String(describing: good)) / \(String(describing: bad))") } }
        }
        XCTAssertEqual(wrong.current, [])
    }

    // MARK: - helpers: signing

    private enum Alg {
        static let enveloped = "<ds:Transform Algorithm=\"http://www.w3.org/2000/09/xmldsig#enveloped-signature\"/>"
        static let excC14N = "<ds:Transform Algorithm=\"http://www.w3.org/2001/10/xml-exc-c14n#\"/>"
    }

    private struct Reference { var uri: String; var transforms: [String] }

    /// A ds:Signature template (RSA-SHA256, SHA-256, exclusive C14N) for xmlsec1 --sign.
    private func signatureTemplate(references: [Reference], object: String? = nil) -> String {
        let refs = references.map { r in
            "<ds:Reference URI=\"\(r.uri)\"><ds:Transforms>\(r.transforms.joined())</ds:Transforms>"
                + "<ds:DigestMethod Algorithm=\"http://www.w3.org/2001/04/xmlenc#sha256\"/><ds:DigestValue/></ds:Reference>"
        }.joined()
        return "<ds:Signature xmlns:ds=\"\(Self.dsNS)\"><ds:SignedInfo>"
            + "<ds:CanonicalizationMethod Algorithm=\"http://www.w3.org/2001/10/xml-exc-c14n#\"/>"
            + "<ds:SignatureMethod Algorithm=\"http://www.w3.org/2001/04/xmldsig-more#rsa-sha256\"/>"
            + refs + "</ds:SignedInfo><ds:SignatureValue/><ds:KeyInfo><ds:X509Data/></ds:KeyInfo>"
            + (object ?? "") + "</ds:Signature>"
    }

    /// Signs a copy of the sample submission with `scripts/sign-submission.sh enveloped`.
    private func sign(_ signer: String, _ options: [String] = [], chain: Bool = true) throws -> URL {
        let copy = try write(try original(), "in-\(UUID().uuidString).xml")
        let out = folder.appendingPathComponent("signed-\(UUID().uuidString).xml")
        var args = ["enveloped"] + options + [Self.pki.appendingPathComponent("keys/\(signer).key.pem").path,
                                             Self.pki.appendingPathComponent("certs/\(signer).pem").path]
        if chain { args.append(Self.pki.appendingPathComponent("certs/chain.pem").path) }
        args += [copy.path, out.path]
        let r = try run(Self.signScript.path, args)
        guard r.status == 0 else {
            throw Failure("sign-submission.sh \(args.joined(separator: " ")) failed (\(r.status)): \(r.output)")
        }
        return out
    }

    /// Signs a template with the xmlsec1 CLI (signer-valid-rsa and the intermediate).
    private func xmlsecSign(_ template: String, _ name: String, idAttribute: String? = nil) throws -> URL {
        let tpl = try write(template, "\(name).tpl.xml")
        let out = folder.appendingPathComponent("\(name).xml")
        let keys = [Self.pki.appendingPathComponent("keys/signer-valid-rsa.key.pem").path,
                    Self.pki.appendingPathComponent("certs/signer-valid-rsa.pem").path,
                    Self.pki.appendingPathComponent("certs/intermediate-ca.pem").path].joined(separator: ",")
        var args = ["--sign", "--privkey-pem", keys]
        if let idAttribute { args += ["--id-attr:Id", idAttribute] }
        args += ["--output", out.path, tpl.path]
        let r = try run(try xmlsec1(), args)
        guard r.status == 0 else { throw Failure("xmlsec1 --sign \(name) failed (\(r.status)): \(r.output)") }
        return out
    }

    /// The shape is cryptographically valid: xmlsec1 alone (no chain check) accepts it.
    private func assertXMLSecAccepts(_ url: URL, idAttribute: String? = nil, line: UInt = #line) throws {
        var args = ["--verify", "--insecure"]
        if let idAttribute { args += ["--id-attr:Id", idAttribute] }
        let r = try run(try xmlsec1(), args + [url.path])
        XCTAssertEqual(r.status, 0, "xmlsec1 --verify --insecure \(url.lastPathComponent): \(r.output)", line: line)
    }

    private func assertRefused(_ url: URL, containing fragment: String, line: UInt = #line) throws {
        let verdict = EnvelopedSignature.verify(path: url.path)
        guard case .refused(let why, _)? = verdict else {
            return XCTFail("\(url.lastPathComponent): expected a refusal mentioning \(fragment), got \(String(describing: verdict))", line: line)
        }
        XCTAssertTrue(why.contains(fragment), "\(url.lastPathComponent): \(why)", line: line)
    }

    private func xmlsec1() throws -> String {
        let path = (ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin").split(separator: ":").map(String.init) + ["/usr/bin"]
        for dir in path where FileManager.default.isExecutableFile(atPath: dir + "/xmlsec1") { return dir + "/xmlsec1" }
        throw Failure("xmlsec1 not found (apt-get install -y xmlsec1)")
    }

    private struct RunResult { var status: Int32; var output: String }

    /// A short-lived tool, output to files (no pipe to fill up).
    private func run(_ executable: String, _ args: [String]) throws -> RunResult {
        let out = folder.appendingPathComponent("run-\(UUID().uuidString).log")
        _ = FileManager.default.createFile(atPath: out.path, contents: nil)
        let handle = try FileHandle(forWritingTo: out)
        defer { try? handle.close() }
        let p = Process()
        p.executableURL = URL(fileURLWithPath: executable)
        p.arguments = args
        p.standardInput = FileHandle.nullDevice
        p.standardOutput = handle
        p.standardError = handle
        try p.run()
        p.waitUntilExit()
        return RunResult(status: p.terminationStatus, output: (try? String(contentsOf: out, encoding: .utf8)) ?? "")
    }

    // MARK: - helpers: text

    private struct Failure: Error, CustomStringConvertible {
        var description: String
        init(_ d: String) { description = d }
    }

    private func cert(_ name: String) throws -> SignerCertificate {
        SignerCertificate(der: try Data(contentsOf: Self.pki.appendingPathComponent("certs/\(name).der")))
    }

    /// The sample submission, unsigned (should SampleData ever carry an enveloped signature
    /// in it, that signature is taken out).
    private func original() throws -> String {
        let text = try read(Self.input)
        guard let start = text.range(of: "<ds:Signature"), let end = text.range(of: "</ds:Signature>") else { return text }
        var from = start.lowerBound
        while from > text.startIndex, text[text.index(before: from)] == " " { from = text.index(before: from) }
        var to = end.upperBound
        if to < text.endIndex, text[to] == "\n" { to = text.index(after: to) }
        return text.replacingCharacters(in: from..<to, with: "")
    }

    private func read(_ url: URL) throws -> String { try String(contentsOf: url, encoding: .utf8) }

    private func write(_ text: String, _ name: String) throws -> URL {
        let url = folder.appendingPathComponent(name)
        try text.write(to: url, atomically: true, encoding: .utf8)
        return url
    }

    private func replacingOnce(_ target: String, with replacement: String, in text: String) throws -> String {
        guard let r = text.range(of: target) else { throw Failure("\(target) not found") }
        return text.replacingCharacters(in: r, with: replacement)
    }

    private func insertBeforeRootEnd(_ text: String, _ insert: String) -> String {
        guard let r = text.range(of: "</RaportareCCM>", options: .backwards) else { return text + insert }
        return text.replacingCharacters(in: r.lowerBound..<r.lowerBound, with: insert)
    }

    /// The root element's text, from its start tag to its end tag.
    private func rootElement(of text: String) throws -> String {
        guard let start = text.range(of: "<RaportareCCM "), let end = text.range(of: "</RaportareCCM>", options: .backwards) else {
            throw Failure("no root element")
        }
        return String(text[start.lowerBound..<end.upperBound])
    }

    private func signatureElement(of text: String) throws -> String {
        guard let start = text.range(of: "<ds:Signature "), let end = text.range(of: "</ds:Signature>") else {
            throw Failure("no ds:Signature")
        }
        return String(text[start.lowerBound..<end.upperBound])
    }

    private func matches(of pattern: String, in text: String) -> [String] {
        guard let re = try? NSRegularExpression(pattern: pattern) else { return [] }
        return re.matches(in: text, range: NSRange(text.startIndex..., in: text)).compactMap { Range($0.range, in: text).map { String(text[$0]) } }
    }
}
