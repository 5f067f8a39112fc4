import COpenSSL
import Foundation

/// The trust material decoded once per run and thread: the anchors in one X509_STORE, the CRLs
/// parsed, each CRL's signature checked once per issuer, and the certificates the signatures
/// carry. OpenSSL 3 decodes certificates, CRLs and keys slowly, and a run judges thousands of
/// signers against the same few CAs. A thread of its own decodes its own (`SignatureGate`).
final class ParsedTrust {
    let store: OpaquePointer?
    let crls: [OpaquePointer]
    private var signedBy: [String: Bool] = [:]
    let certificates = CertificateCache()

    init(anchors: [Data], crls: [Data]) {
        store = X509_STORE_new()
        if let store {
            for a in anchors { if let x = OpenSSL.certificate(a) { X509_STORE_add_cert(store, x); X509_free(x) } }
        }
        self.crls = crls.compactMap { OpenSSL.crl($0) }
    }

    deinit {
        if let store { X509_STORE_free(store) }
        crls.forEach { X509_CRL_free($0) }
    }

    /// Whether CRL `index` names `issuer` as its issuer and carries its signature.
    func crl(_ index: Int, isSignedBy issuer: OpaquePointer) -> Bool {
        let crl = crls[index]
        guard X509_NAME_cmp(X509_CRL_get_issuer(crl), X509_get_subject_name(issuer)) == 0 else { return false }
        let key = "\(index):" + Digest.sha256Hex(OpenSSL.der(issuer))
        if let known = signedBy[key] { return known }
        let ok = X509_get0_pubkey(issuer).map { X509_CRL_verify(crl, $0) == 1 } ?? false
        ERR_clear_error()
        signedBy[key] = ok
        return ok
    }
}
