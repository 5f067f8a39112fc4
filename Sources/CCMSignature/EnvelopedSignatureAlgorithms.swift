import COpenSSL
import CXMLSec
import Foundation

/// The algorithm URIs an enveloped signature may use (`01-submission-format.md` §4.1).
enum EnvelopedSignatureAlgorithms {
    static let dsigNamespace = "http://www.w3.org/2000/09/xmldsig#"
    static let excC14NNamespace = "http://www.w3.org/2001/10/xml-exc-c14n#"
    static let pssNamespace = "http://www.w3.org/2007/05/xmldsig-more#"

    static let enveloped = "http://www.w3.org/2000/09/xmldsig#enveloped-signature"

    static let inclusiveC14N = "http://www.w3.org/TR/2001/REC-xml-c14n-20010315"
    static let inclusiveC14NComments = "http://www.w3.org/TR/2001/REC-xml-c14n-20010315#WithComments"
    static let exclusiveC14N = "http://www.w3.org/2001/10/xml-exc-c14n#"
    static let exclusiveC14NComments = "http://www.w3.org/2001/10/xml-exc-c14n#WithComments"
    static let canonicalizations: [String] = [inclusiveC14N, inclusiveC14NComments, exclusiveC14N, exclusiveC14NComments]

    static let digests: [String] = [
        "http://www.w3.org/2001/04/xmlenc#sha256",
        "http://www.w3.org/2001/04/xmldsig-more#sha384",
        "http://www.w3.org/2001/04/xmlenc#sha512",
    ]

    static let rsaPSS: [String] = [
        "http://www.w3.org/2007/05/xmldsig-more#sha256-rsa-MGF1",
        "http://www.w3.org/2007/05/xmldsig-more#sha384-rsa-MGF1",
        "http://www.w3.org/2007/05/xmldsig-more#sha512-rsa-MGF1",
    ]

    static let signatures: [String] = [
        "http://www.w3.org/2001/04/xmldsig-more#rsa-sha256",
        "http://www.w3.org/2001/04/xmldsig-more#rsa-sha384",
        "http://www.w3.org/2001/04/xmldsig-more#rsa-sha512",
    ] + rsaPSS + [
        "http://www.w3.org/2001/04/xmldsig-more#ecdsa-sha256",
        "http://www.w3.org/2001/04/xmldsig-more#ecdsa-sha384",
        "http://www.w3.org/2001/04/xmldsig-more#ecdsa-sha512",
    ]

    static func isExclusive(_ uri: String) -> Bool { uri == exclusiveC14N || uri == exclusiveC14NComments }

    /// Any algorithm built on SHA-1 (digest, RSA, DSA, ECDSA, HMAC, RSA-PSS/MGF1 with SHA-1).
    static func isSHA1(_ uri: String) -> Bool {
        let u = uri.lowercased()
        guard let hash = u.lastIndex(of: "#") else { return u.hasSuffix("sha1") }
        let fragment = u[u.index(after: hash)...]
        return fragment == "sha1" || fragment.hasSuffix("-sha1") || fragment.hasPrefix("sha1-")
    }

    static let sha1Refusal = "algoritmul SHA-1 nu este acceptat"

    // MARK: - xmlsec transform ids

    /// The xmlsec transform registered for `href` with that usage, if the installed library has one.
    static func transform(_ href: String, usage: Int32) -> xmlSecTransformId? {
        guard let list = xmlSecTransformIdsGet() else { return nil }
        return href.withCString { p in
            p.withMemoryRebound(to: xmlChar.self, capacity: href.utf8.count + 1) { x in
                xmlSecTransformIdListFindByHref(list, x, xmlSecTransformUsage(usage))
            }
        }
    }

    // MARK: - before any cryptography

    enum Preflight {
        case refused(String)
        /// The KeyInfo certificates decoded, in document order; the caller frees them.
        case certificates([OpaquePointer])
    }

    /// What both verifiers (streaming, and xmlsec's) refuse before any cryptography: an
    /// algorithm the installed xmlsec lacks (1.2.x has no RSA-PSS), or a KeyInfo certificate
    /// that is not DER.
    /// `cache`: the certificates decoded by earlier signatures (a CA's intermediate, carried by
    /// every file it issued a signer of); each one returned is a reference of the caller's to free.
    static func preflight(signatureMethod: String, digestMethod: String, certificates ders: [Data],
                          cache: CertificateCache = CertificateCache()) -> Preflight {
        if transform(signatureMethod, usage: xmlSecTransformUsageSignatureMethod) == nil {
            return .refused("algoritmul de semnătură \"\(signatureMethod)\" nu este disponibil în biblioteca xmlsec instalată")
        }
        if transform(digestMethod, usage: xmlSecTransformUsageDigestMethod) == nil {
            return .refused("algoritmul de rezumat \"\(digestMethod)\" nu este disponibil în biblioteca xmlsec instalată")
        }
        var certificates: [OpaquePointer] = []
        for der in ders {
            guard let x509 = cache.certificate([UInt8](der))?.handle.retained() else {
                certificates.forEach { X509_free($0) }
                return .refused("un ds:X509Certificate din ds:KeyInfo nu este un certificat X.509 valid (DER)")
            }
            certificates.append(x509)
        }
        return .certificates(certificates)
    }
}
