import COpenSSL
import Foundation

/// A detached CMS signature checked over content that streams by once (a large file's one
/// read): the steps of `CMS_verify` with the flags of `DetachedSignature` — the signer found, the
/// signed attributes' signature checked, then the content's digest — the content written
/// through the structure's digest BIOs as it passes instead of read again from the file.
public final class DetachedSignatureStream {
    private let parsed: DetachedSignature.Parsed
    /// The digest BIOs over a null sink (`CMS_dataInit`), fed by `update`.
    private var chain: OpaquePointer?
    /// A refusal known before any content: the content is then not digested.
    private var early: SignatureVerdict?

    /// `certificates`: where the certificates it carries are decoded once (`TrustMaterial.certificates`).
    public init(signature: Data, certificates: CertificateCache = CertificateCache()) {
        parsed = DetachedSignature.Parsed(signature, splitting: true, certificates: certificates)
        guard let cms = parsed.cms, let si = parsed.signerInfo else {
            early = parsed.refusal ?? .refused("fișierul .p7s nu este o semnătură CMS")
            return
        }
        let certs = parsed.certificateStack()
        defer { OPENSSL_sk_free(certs) }
        guard CMS_set1_signers_certs(cms, certs, DetachedSignature.flags) == 1 else {
            early = DetachedSignature.mismatch(OpenSSL.lastError().isEmpty ? "signer certificate not found" : nil)
            return
        }
        if CMS_signed_get_attr_count(si) >= 0, CMS_SignerInfo_verify(si) <= 0 {
            early = DetachedSignature.mismatch()
            return
        }
        guard let sink = BIO_new(BIO_s_null()) else { early = DetachedSignature.mismatch(); return }
        guard let bio = CMS_dataInit(cms, sink) else {
            BIO_free(sink)
            early = DetachedSignature.mismatch()
            return
        }
        chain = bio
    }

    deinit { if let chain { BIO_free_all(chain) } }

    /// The next bytes of the signed content, in order.
    public func update(_ bytes: UnsafeRawBufferPointer) {
        guard let chain, early == nil, var base = bytes.baseAddress else { return }
        var left = bytes.count
        while left > 0 {
            let n = BIO_write(chain, base, Int32(min(left, 1 << 30)))
            if n <= 0 { early = DetachedSignature.mismatch(); return }
            base += Int(n)
            left -= Int(n)
        }
    }

    /// The verdict once every byte of the content went through `update`.
    public func verdict() -> SignatureVerdict {
        if let early { return early }
        guard let chain, let si = parsed.signerInfo, CMS_SignerInfo_verify_content(si, chain) > 0 else {
            return DetachedSignature.mismatch()
        }
        return parsed.verified()
    }
}
