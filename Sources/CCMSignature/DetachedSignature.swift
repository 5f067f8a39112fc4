import COpenSSL
import Foundation

/// A detached CMS SignedData (`<file>.p7s`, DER or PEM) over the exact bytes of the file
/// (`01-submission-format.md` §4.2): one signer, its certificate included, SHA-256 or stronger.
/// The certificate itself is judged separately (CertificateCheck), at the receipt time.
public enum DetachedSignature {
    static let acceptedDigests: Set<Int32> = [NID_sha256, NID_sha384, NID_sha512]

    /// `certificates`: where the certificates it carries are decoded once (`TrustMaterial.certificates`).
    public static func verify(signature: Data, contentPath: String, certificates: CertificateCache = CertificateCache()) -> SignatureVerdict {
        verify(signature: signature, certificates: certificates) { BIO_new_file(contentPath, "rb") }
    }

    /// The checks, whatever the content's source: `openContent` gives a BIO over the signed bytes
    /// (the file, or memory for `verify(signature:content:)`); it is freed here.
    /// `splitting`: false reads the certificates inside the CMS structure, as OpenSSL alone
    /// would (the tests compare both ways).
    static func verify(signature: Data, splitting: Bool = true, certificates: CertificateCache,
                       openContent: () -> OpaquePointer?) -> SignatureVerdict {
        let parsed = Parsed(signature, splitting: splitting, certificates: certificates)
        guard let cms = parsed.cms else { return parsed.refusal ?? .refused("fișierul .p7s nu este o semnătură CMS") }
        guard let content = openContent() else { return .refused("fișierul semnat nu poate fi citit") }
        defer { BIO_free(content) }
        // The certificates taken out of the DER are where CMS_verify looks for the signer.
        let certs = parsed.certificateStack()
        defer { OPENSSL_sk_free(certs) }
        guard CMS_verify(cms, certs, nil, content, nil, flags) == 1 else { return mismatch() }
        return parsed.verified()
    }

    static let flags = UInt32(CMS_BINARY | CMS_NO_SIGNER_CERT_VERIFY)

    static func mismatch(_ technical: String? = nil) -> SignatureVerdict {
        let why = technical ?? OpenSSL.lastError()
        return .refused("semnătura din fișierul .p7s nu corespunde conținutului fișierului", technical: why.isEmpty ? nil : why)
    }

    /// A CMS structure read from a `.p7s` and held to the checks that need no content: one
    /// signer, a digest of SHA-256 or stronger.
    final class Parsed {
        private(set) var cms: OpaquePointer?
        let cached: [CertificateCache.Entry]?
        private(set) var refusal: SignatureVerdict?
        private(set) var signerInfo: OpaquePointer?

        init(_ signature: Data, splitting: Bool, certificates: CertificateCache) {
            ERR_clear_error()
            (cms, cached) = DetachedSignature.readCaching(signature, splitting: splitting, certificates: certificates)
            guard let cms else { return }
            guard let infos = CMS_get0_SignerInfos(cms) else { refuse("semnătura CMS nu are semnatari"); return }
            guard OPENSSL_sk_num(infos) == 1, let si = OPENSSL_sk_value(infos, 0) else {
                refuse("semnătura CMS trebuie să aibă exact un semnatar"); return
            }
            var digest: UnsafeMutablePointer<X509_ALGOR>?
            var sigAlg: UnsafeMutablePointer<X509_ALGOR>?
            CMS_SignerInfo_get0_algs(OpaquePointer(si), nil, nil, &digest, &sigAlg)
            var oid: OpaquePointer?
            X509_ALGOR_get0(&oid, nil, nil, digest)
            let nid = OBJ_obj2nid(oid)
            guard acceptedDigests.contains(nid) else {
                refuse(nid == NID_sha1 ? "algoritmul SHA-1 nu este acceptat" : "algoritmul de rezumat nu este acceptat (SHA-256 sau mai puternic)")
                return
            }
            signerInfo = OpaquePointer(si)
        }

        deinit { if let cms { CMS_ContentInfo_free(cms) } }

        private func refuse(_ why: String) {
            refusal = .refused(why)
            if let cms { CMS_ContentInfo_free(cms) }
            cms = nil
        }

        /// The decoded certificates as a stack (freed by the caller; the certificates are the cache's).
        func certificateStack() -> OpaquePointer? {
            let certs = OPENSSL_sk_new_null()
            for c in cached ?? [] { OPENSSL_sk_push(certs, UnsafeRawPointer(c.handle.pointer)) }
            return certs
        }

        /// The signer and the certificates carried, once the signature verified.
        func verified() -> SignatureVerdict {
            guard let cms, let si = signerInfo else { return .refused("fișierul .p7s nu este o semnătură CMS") }
            guard let signers = CMS_get0_signers(cms) else { return .refused("certificatul semnatarului lipsește din semnătură") }
            defer { OPENSSL_sk_free(signers) }
            guard let leafPtr = OPENSSL_sk_value(signers, 0) else { return .refused("certificatul semnatarului lipsește din semnătură") }
            let leaf = cached?.first { $0.handle.pointer == OpaquePointer(leafPtr) }?.der ?? OpenSSL.der(OpaquePointer(leafPtr))
            var carried: [SignerCertificate] = []
            if let cached {
                for c in cached {
                    let der = c.der
                    if der != leaf { carried.append(SignerCertificate(der: der)) }
                }
            } else if let certs = CMS_get1_certs(cms) {
                defer { OPENSSL_sk_pop_free(certs) { $0.map { X509_free(OpaquePointer($0)) } } }
                for i in 0..<OPENSSL_sk_num(certs) {
                    if let c = OPENSSL_sk_value(certs, i) {
                        let der = OpenSSL.der(OpaquePointer(c))
                        if der != leaf { carried.append(SignerCertificate(der: der)) }
                    }
                }
            }
            // The decoded certificates stay in the cache: the check reuses them.
            return .verified(signer: SignerCertificate(der: leaf), carried: carried, signingTime: signingTime(si))
        }
    }

    /// The CMS structure, and the certificates it carried when they were taken out of it and
    /// decoded through the cache (nil: read whole, they are inside).
    static func readCaching(_ data: Data, splitting: Bool, certificates: CertificateCache) -> (OpaquePointer?, [CertificateCache.Entry]?) {
        if splitting, let split = CMSCertificates.split(data) {
            let entries = split.certificates.compactMap(certificates.certificate)
            if entries.count == split.certificates.count, let cms = read(split.stripped) { return (cms, entries) }
            ERR_clear_error()
        }
        return (read(data), nil)
    }

    static func read(_ data: Data) -> OpaquePointer? {
        data.withUnsafeBytes { raw -> OpaquePointer? in
            guard let base = raw.baseAddress else { return nil }
            guard let bio = BIO_new_mem_buf(base, Int32(raw.count)) else { return nil }
            defer { BIO_free(bio) }
            if let c = d2i_CMS_bio(bio, nil) { return c }
            ERR_clear_error()
            guard let pem = BIO_new_mem_buf(base, Int32(raw.count)) else { return nil }
            defer { BIO_free(pem) }
            return PEM_read_bio_CMS(pem, nil, nil, nil)
        }
    }

    /// `signingTime`, recorded as the signer claims it; never trusted for the deadline.
    static func signingTime(_ si: OpaquePointer) -> String? {
        let idx = CMS_signed_get_attr_by_NID(si, NID_pkcs9_signingTime, -1)
        guard idx >= 0, let attr = CMS_signed_get_attr(si, idx), let type = X509_ATTRIBUTE_get0_type(attr, 0),
              let t = type.pointee.value.utctime else { return nil }
        return OpenSSL.time(UnsafePointer(t)).map(CertificateCheck.iso)
    }
}
