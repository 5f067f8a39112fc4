@testable import CCMSignature
import Foundation
import XCTest

/// xmlsec as the oracle of the streaming verifier (issue 8): on every signed document of the
/// corpus — SampleData, the hostile files — and on signed documents whose canonical form is
/// hard to get right (comments, processing instructions, CDATA, character references, extra
/// namespaces, another encoding), with every canonicalization. EnvelopedSignatureTests sends
/// every document it makes to the same oracle.
final class EnvelopedSignatureOracleTests: XCTestCase {
    private static let repo = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    private static let pki = repo.appendingPathComponent("SampleData/pki")
    private static let input = repo.appendingPathComponent("SampleData/inbox/CCM_16353246_202610_I_1.xml")
    private var folder: URL!

    override func setUpWithError() throws {
        folder = FileManager.default.temporaryDirectory.appendingPathComponent("ccm-oracle-" + UUID().uuidString)
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    }

    override func tearDownWithError() throws {
        if let folder { try? FileManager.default.removeItem(at: folder) }
    }

    func testEverySignedDocumentOfTheCorpusGetsXMLSecsVerdict() throws {
        let corpus = SignatureOracle.signedDocuments(under: Self.repo.appendingPathComponent("SampleData"))
            + SignatureOracle.signedDocuments(under: Self.repo.appendingPathComponent("Tests/Hostile"))
        XCTAssertGreaterThan(corpus.count, 35, "the corpus's signed documents")
        var verified = 0
        for url in corpus {
            SignatureOracle.assertSameVerdict(url)
            if case .verified? = EnvelopedSignature.verify(path: url.path) { verified += 1 }
        }
        XCTAssertGreaterThanOrEqual(verified, 10, "good signatures among them, not only refusals")
    }

    /// Signed after the change, so each must verify — on both sides, naming the same signer.
    func testDocumentsHardToCanonicaliseVerifyLikeXMLSec() throws {
        let original = try String(contentsOf: Self.input, encoding: .utf8)
        let variants: [String: String] = [
            "comments": original.replacingOccurrences(of: "<Certificat>", with: "<!-- un comentariu --><Certificat>"),
            "processing instructions": original.replacingOccurrences(of: "<Certificat>", with: "<?ccm nota  de test ?><Certificat>"),
            "cdata and references": try once("<Certificat>", "<Certificat><![CDATA[ <a> & b ]]>&#13;&#x9;&amp;", in: original),
            "extra namespaces": try once("<RaportareCCM ", "<RaportareCCM xmlns:x=\"urn:extra\" xmlns:y=\"urn:unused\" x:marcaj=\"1\" ", in: original),
            "a default namespace undone": try once("<Certificat>", "<Certificat><Nota xmlns=\"\"><Alt xmlns=\"urn:alt\"/></Nota>", in: original),
            "attribute escapes": try once("<RaportareCCM ", "<RaportareCCM nota=\"a&#10;b&#9;c &lt;&amp;&quot;\" ", in: original),
        ]
        var checked = 0
        for (name, text) in variants.sorted(by: { $0.key < $1.key }) {
            let unsigned = folder.appendingPathComponent("in-\(checked).xml")
            try text.write(to: unsigned, atomically: true, encoding: .utf8)
            for c14n in ["exclusive", "inclusive", "exclusive-comments", "inclusive-comments"] {
                let signed = try sign(unsigned, c14n: c14n)
                XCTAssertEqual(EnvelopedSignature.verify(path: signed.path),
                               .verified(signer: try cert("signer-valid-rsa"), carried: [try cert("intermediate-ca")], signingTime: nil),
                               "\(name), \(c14n)")
                SignatureOracle.assertSameVerdict(signed)
                checked += 1
            }
        }
        XCTAssertEqual(checked, 24)
    }

    /// What URI="" leaves out of the digest (comments) may change; what it covers may not.
    func testOnlyWhatTheReferenceCoversIsProtected() throws {
        let original = try String(contentsOf: Self.input, encoding: .utf8)
        let unsigned = folder.appendingPathComponent("with-comment.xml")
        try original.replacingOccurrences(of: "<Certificat>", with: "<!-- a --><Certificat>")
            .write(to: unsigned, atomically: true, encoding: .utf8)
        let signed = try sign(unsigned, c14n: "inclusive-comments")
        let text = try String(contentsOf: signed, encoding: .utf8)

        let comment = folder.appendingPathComponent("comment-changed.xml")
        try text.replacingOccurrences(of: "<!-- a -->", with: "<!-- b -->").write(to: comment, atomically: true, encoding: .utf8)
        guard case .verified? = EnvelopedSignature.verify(path: comment.path) else {
            return XCTFail("a changed comment is outside the reference's node-set")
        }
        SignatureOracle.assertSameVerdict(comment)

        let content = folder.appendingPathComponent("content-changed.xml")
        try once("luna=\"2026-10\"", "luna=\"2026-11\"", in: text).write(to: content, atomically: true, encoding: .utf8)
        XCTAssertEqual(EnvelopedSignature.verify(path: content.path),
                       .refused("semnătura nu corespunde conținutului: rezumatul (DigestValue) nu se potrivește cu documentul"))
        SignatureOracle.assertSameVerdict(content)
    }

    /// The in-memory entry (the fuzzer's) is the same verifier.
    func testBytesInMemoryGetTheFilesVerdict() throws {
        for url in SignatureOracle.signedDocuments(under: Self.repo.appendingPathComponent("Tests/Hostile")) {
            XCTAssertEqual(EnvelopedSignature.verify(document: try Data(contentsOf: url)), EnvelopedSignature.verify(path: url.path),
                           url.lastPathComponent)
        }
    }

    // MARK: - helpers

    private func sign(_ unsigned: URL, c14n: String) throws -> URL {
        let out = folder.appendingPathComponent("signed-\(UUID().uuidString).xml")
        let p = Process()
        p.executableURL = URL(fileURLWithPath: "/bin/bash")
        p.arguments = [Self.repo.appendingPathComponent("scripts/sign-submission.sh").path, "enveloped", "--c14n", c14n,
                       Self.pki.appendingPathComponent("keys/signer-valid-rsa.key.pem").path,
                       Self.pki.appendingPathComponent("certs/signer-valid-rsa.pem").path,
                       Self.pki.appendingPathComponent("certs/chain.pem").path, unsigned.path, out.path]
        p.standardInput = FileHandle.nullDevice
        p.standardOutput = FileHandle.nullDevice
        p.standardError = FileHandle.nullDevice
        try p.run()
        p.waitUntilExit()
        guard p.terminationStatus == 0 else { throw Failure("sign-submission.sh failed on \(unsigned.lastPathComponent) (\(c14n))") }
        return out
    }

    private func cert(_ name: String) throws -> SignerCertificate {
        SignerCertificate(der: try Data(contentsOf: Self.pki.appendingPathComponent("certs/\(name).der")))
    }

    private func once(_ target: String, _ replacement: String, in text: String) throws -> String {
        guard let r = text.range(of: target) else { throw Failure("\(target) not found") }
        return text.replacingCharacters(in: r, with: replacement)
    }

    private struct Failure: Error, CustomStringConvertible {
        let description: String
        init(_ d: String) { description = d }
    }
}
