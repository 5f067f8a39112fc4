import CCMRuntime
import CCMTestSupport
import COpenSSL
import Foundation
import XCTest
@testable import CCMSignature

/// The carried certificates taken out of a detached CMS before OpenSSL reads it, and decoded once
/// through the cache (`CMSCertificates`, `CertificateCache`): only plain DER is split, and every
/// signature gets the verdict it gets when OpenSSL reads the certificates inside it.
final class CMSCertificatesTests: XCTestCase {
    static let pki = Paths.sampleData.appendingPathComponent("pki")
    var folder: URL!
    override func setUpWithError() throws { folder = try Paths.temporaryFolder() }
    override func tearDown() { try? FileManager.default.removeItem(at: folder) }

    let content = Data(Fixture.document().utf8)

    func pki(_ path: String) -> String { CMSCertificatesTests.pki.appendingPathComponent(path).path }

    /// `openssl cms -sign` over `content` with a test signer; `options` as the tool takes them.
    func sign(_ signer: String = "signer-valid-rsa", options: [String] = [], chain: Bool = true) throws -> Data {
        let input = folder.appendingPathComponent("in.xml"), output = folder.appendingPathComponent("out.p7s")
        try content.write(to: input)
        var args = ["cms", "-sign", "-binary", "-md", "sha256", "-in", input.path, "-signer", pki("certs/\(signer).pem"),
                    "-inkey", pki("keys/\(signer).key.pem"), "-out", output.path]
        if chain { args += ["-certfile", pki("certs/intermediate-ca.pem")] }
        args += options.isEmpty ? ["-outform", "DER"] : options
        let r = try Subprocess.run("/usr/bin/openssl", args)
        XCTAssertEqual(r.status, 0, r.output)
        return try Data(contentsOf: output)
    }

    func der(_ name: String) throws -> Data { try Data(contentsOf: URL(fileURLWithPath: pki("certs/\(name).der"))) }

    func testPlainDERGivesItsCertificatesInOrderAndAStructureWithoutThem() throws {
        let signature = try sign()
        let split = try XCTUnwrap(CMSCertificates.split(signature))
        XCTAssertEqual(split.certificates.map { Data($0) }, [try der("signer-valid-rsa"), try der("intermediate-ca")])
        // What is left is the same SignedData less the certificates field and its 4-byte header.
        XCTAssertEqual(split.stripped.count, signature.count - split.certificates.map(\.count).reduce(0, +) - 4)
        let stripped = try XCTUnwrap(DetachedSignature.read(split.stripped))
        CMS_ContentInfo_free(stripped)
        XCTAssertNil(CMSCertificates.split(split.stripped), "nothing left to take out")
    }

    func testOnlyPlainDEROfTheExpectedShapeIsSplit() throws {
        let good = try sign()
        XCTAssertNotNil(CMSCertificates.split(good))
        XCTAssertNil(CMSCertificates.split(try sign(options: ["-outform", "PEM"])), "PEM")
        XCTAssertNil(CMSCertificates.split(try sign(options: ["-outform", "DER", "-stream"])), "BER, indefinite lengths")
        XCTAssertNil(CMSCertificates.split(try sign(options: ["-outform", "DER", "-nocerts"], chain: false)), "no certificates")
        XCTAssertNil(CMSCertificates.split(good + Data([0])), "a byte after the structure")
        XCTAssertNil(CMSCertificates.split(good.prefix(good.count - 1)), "one byte short")
        XCTAssertNil(CMSCertificates.split(Data()), "empty")
        XCTAssertNil(CMSCertificates.split(Data("nu este o semnătură".utf8)))
    }

    func testDERLengthsAreReadStrictly() {
        XCTAssertEqual(DER.element([0x30, 0x01, 0x05], at: 0)?.end, 3)
        XCTAssertEqual(DER.element([0x04, 0x81, 0x80] + [UInt8](repeating: 0, count: 0x80), at: 0)?.contentStart, 3)
        XCTAssertNil(DER.element([0x30, 0x80, 0x00, 0x00], at: 0), "indefinite length")
        XCTAssertNil(DER.element([0x30, 0x81, 0x01, 0x05], at: 0), "long form for a short length")
        XCTAssertNil(DER.element([0x30, 0x82, 0x00, 0x81] + [UInt8](repeating: 0, count: 0x81), at: 0), "a leading zero byte")
        XCTAssertNil(DER.element([0x30, 0x02, 0x05], at: 0), "longer than the bytes")
        XCTAssertNil(DER.element([0x1F, 0x01, 0x05], at: 0), "high tag number")
        XCTAssertNil(DER.element([0x30, 0x85, 1, 0, 0, 0, 0], at: 0), "five length bytes")
        XCTAssertEqual(DER.encode(tag: 0x30, [UInt8](repeating: 1, count: 300)).prefix(4), [0x30, 0x82, 0x01, 0x2C])
        XCTAssertEqual(DER.encode(tag: 0x31, [7]), [0x31, 0x01, 0x07])
    }

    /// Split or read whole, the verdict is the same: good signatures, a changed byte, a signer
    /// outside the set, an untrusted or expired signer, EC and RSA, and the forms not split.
    func testEverySignatureGetsTheVerdictOfTheWholeRead() throws {
        var changed = content
        changed[changed.count / 2] ^= 1
        let cases: [(String, Data, Data, Bool)] = [
            ("RSA with its chain", try sign(), content, true),
            ("EC with its chain", try sign("signer-valid-ec"), content, true),
            ("the signer alone", try sign(chain: false), content, true),
            ("a changed byte", try sign(), changed, false),
            ("expired signer", try sign("signer-expired"), content, true),
            ("untrusted signer", try sign("signer-untrusted", chain: false), content, true),
            ("another certificate than the signer's",
             try sign(options: ["-outform", "DER", "-nocerts", "-certfile", pki("certs/signer-expired.pem")], chain: false), content, false),
            ("PEM", try sign(options: ["-outform", "PEM"]), content, true),
            ("no certificates", try sign(options: ["-outform", "DER", "-nocerts"], chain: false), content, false),
        ]
        for (name, signature, signed, verifies) in cases {
            let split = DetachedSignature.verify(signature: signature, content: signed, splitting: true)
            let whole = DetachedSignature.verify(signature: signature, content: signed, splitting: false)
            XCTAssertEqual(split, whole, name)
            if case .verified(let signer, let carried, _) = split {
                XCTAssertTrue(verifies, "\(name) should not verify")
                if case .verified(let s2, let c2, _) = whole {
                    XCTAssertEqual(signer.der, s2.der, name)
                    XCTAssertEqual(carried.map(\.der), c2.map(\.der), name)
                }
            } else {
                XCTAssertFalse(verifies, "\(name) should verify: \(split)")
            }
        }
        // The same signer twice: the second check decodes nothing and says the same.
        let again = try sign()
        XCTAssertEqual(DetachedSignature.verify(signature: again, content: content, splitting: true),
                       DetachedSignature.verify(signature: again, content: content, splitting: false))
    }

    /// An enveloped signature's KeyInfo certificates go through the same cache: a CA's
    /// intermediate, carried by every file whose signer it issued, is decoded once; bytes that are
    /// not exactly one certificate are refused as before.
    func testEnvelopedKeyInfoCertificatesAreDecodedOncePerCache() throws {
        typealias A = EnvelopedSignatureAlgorithms
        let ders = [try der("signer-valid-rsa"), try der("intermediate-ca")]
        let (rsa, sha) = ("http://www.w3.org/2001/04/xmldsig-more#rsa-sha256", "http://www.w3.org/2001/04/xmlenc#sha256")
        XCTAssertNil(EnvelopedSignatureRuntime.failure, "xmlsec, which names the algorithms, is ready")
        let cache = CertificateCache()
        guard case .certificates(let first) = A.preflight(signatureMethod: rsa, digestMethod: sha, certificates: ders, cache: cache),
              case .certificates(let second) = A.preflight(signatureMethod: rsa, digestMethod: sha, certificates: ders, cache: cache),
              case .certificates(let another) = A.preflight(signatureMethod: rsa, digestMethod: sha, certificates: ders, cache: CertificateCache())
        else { return XCTFail("the certificates are refused") }
        defer { (first + second + another).forEach { X509_free($0) } }
        XCTAssertEqual(first, second, "decoded once, then taken from the cache")
        XCTAssertNotEqual(first, another, "another cache decodes its own")
        XCTAssertEqual(first.map { OpenSSL.der($0) }, ders)
        let trailing = ders[1] + Data([0])
        guard case .refused = A.preflight(signatureMethod: rsa, digestMethod: sha, certificates: [ders[0], trailing], cache: cache) else {
            return XCTFail("a certificate with a byte after it is taken")
        }
    }

    /// The cache holds at most its bound in bytes: a certificate past it is decoded for its use
    /// alone, and one that would take the cache past it starts the cache again.
    func testTheCacheIsBoundedByItsCertificatesBytes() throws {
        let signer = [UInt8](try der("signer-valid-rsa")), intermediate = [UInt8](try der("intermediate-ca"))
        func pointer(_ cache: CertificateCache, _ der: [UInt8]) throws -> OpaquePointer { try XCTUnwrap(cache.certificate(der)).handle.pointer }
        let roomy = CertificateCache()
        XCTAssertEqual(try pointer(roomy, signer), try pointer(roomy, signer), "kept")
        XCTAssertEqual(roomy.bytes, 2 * signer.count)

        let tooSmall = CertificateCache(maxBytes: 2 * signer.count - 1)
        let a = try XCTUnwrap(tooSmall.certificate(signer)), b = try XCTUnwrap(tooSmall.certificate(signer))
        XCTAssertNotEqual(a.handle.pointer, b.handle.pointer, "past the bound: decoded each time")
        XCTAssertEqual(tooSmall.bytes, 0)
        XCTAssertEqual(OpenSSL.der(a.handle.pointer), Data(signer))

        let forOne = CertificateCache(maxBytes: 2 * max(signer.count, intermediate.count))
        let first = try XCTUnwrap(forOne.certificate(signer))
        XCTAssertEqual(try pointer(forOne, signer), first.handle.pointer)
        _ = try pointer(forOne, intermediate)
        XCTAssertEqual(forOne.bytes, 2 * intermediate.count, "the second started the cache again")
        XCTAssertNotEqual(try pointer(forOne, signer), first.handle.pointer, "the first decoded again")
        XCTAssertLessThanOrEqual(forOne.bytes, forOne.maxBytes)
    }
}
