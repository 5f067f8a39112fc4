import COpenSSL
import Foundation
import Synchronization

/// The trust material decoded once per run: the anchors in one X509_STORE, the CRLs parsed, and
/// each CRL's signature checked once per issuer. OpenSSL 3 decodes certificates, CRLs and keys
/// slowly, and a run judges thousands of signers against the same few CAs.
///
/// Shared by the threads that check signatures. The store and the CRLs are OpenSSL objects, never
/// changed after `init`, which OpenSSL lets threads read at once (it locks its own lazy caches):
/// the compiler cannot see into C, so those two are the ones it is told.
final class ParsedTrust: Sendable {
    nonisolated(unsafe) let store: OpaquePointer?
    nonisolated(unsafe) let crls: [OpaquePointer]
    private let signedBy = Mutex<[String: Bool]>([:])

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
        if let known = signedBy.withLock({ $0[key] }) { return known }
        let ok = X509_get0_pubkey(issuer).map { X509_CRL_verify(crl, $0) == 1 } ?? false
        ERR_clear_error()
        signedBy.withLock { $0[key] = ok }
        return ok
    }
}
