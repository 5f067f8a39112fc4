import COpenSSL
import Foundation

/// The SignatureValue of an enveloped signature checked with OpenSSL over the canonical
/// SignedInfo: RSA PKCS#1 v1.5 or ECDSA (XML-DSig's r‖s, turned into DER) with SHA-256/384/512.
enum SignatureValueCheck {
    enum Outcome: Equatable {
        /// The index, in KeyInfo order, of the certificate whose key verified.
        case signer(Int)
        /// No certificate has a key of the kind the method needs.
        case noSuitableKey
        case mismatch
    }

    static func digest(_ uri: String) -> OpaquePointer? {
        switch uri.split(separator: "#").last.map(String.init) {
        case "sha256", "rsa-sha256", "ecdsa-sha256": return EVP_sha256()
        case "sha384", "rsa-sha384", "ecdsa-sha384": return EVP_sha384()
        case "sha512", "rsa-sha512", "ecdsa-sha512": return EVP_sha512()
        default: return nil
        }
    }

    /// Tries the certificates that issue none of the others (the signer's, normally) first, then
    /// the rest; the first whose key verifies is the signer.
    static func signer(of signedInfo: Data, value: Data?, method: String, certificates: [OpaquePointer]) -> Outcome {
        let wantEC = method.contains("#ecdsa-")
        guard let md = digest(method) else { return .noSuitableKey }
        let order = certificates.indices.sorted { a, b in
            let aIssues = issuesAnother(a, certificates), bIssues = issuesAnother(b, certificates)
            return aIssues != bIssues ? !aIssues : a < b
        }
        let usable = order.filter { i in
            guard let key = X509_get0_pubkey(certificates[i]) else { return false }
            return EVP_PKEY_get_base_id(key) == (wantEC ? EVP_PKEY_EC : EVP_PKEY_RSA)
        }
        guard !usable.isEmpty else { return .noSuitableKey }
        guard let value, !value.isEmpty else { return .mismatch }
        for i in usable {
            guard let key = X509_get0_pubkey(certificates[i]) else { continue }
            let signature = wantEC ? ecdsaDER(value) : value
            if let signature, verify(signature, over: signedInfo, key: key, md: md) { return .signer(i) }
        }
        return .mismatch
    }

    private static func issuesAnother(_ i: Int, _ certificates: [OpaquePointer]) -> Bool {
        certificates.indices.contains { j in j != i && X509_check_issued(certificates[i], certificates[j]) == X509_V_OK }
    }

    private static func verify(_ signature: Data, over data: Data, key: OpaquePointer, md: OpaquePointer) -> Bool {
        guard let ctx = EVP_MD_CTX_new() else { return false }
        defer { EVP_MD_CTX_free(ctx); ERR_clear_error() }
        guard EVP_DigestVerifyInit(ctx, nil, md, nil, key) == 1 else { return false }
        return signature.withUnsafeBytes { sig in
            data.withUnsafeBytes { msg in
                EVP_DigestVerify(ctx, sig.baseAddress?.assumingMemoryBound(to: UInt8.self), sig.count,
                                 msg.baseAddress?.assumingMemoryBound(to: UInt8.self), msg.count) == 1
            }
        }
    }

    /// XML-DSig's ECDSA value is r then s, each half of the bytes; OpenSSL wants DER.
    private static func ecdsaDER(_ raw: Data) -> Data? {
        guard raw.count >= 2, raw.count % 2 == 0, let sig = ECDSA_SIG_new() else { return nil }
        defer { ECDSA_SIG_free(sig) }
        let half = raw.count / 2
        let bytes = [UInt8](raw)
        guard let r = BN_bin2bn(bytes, Int32(half), nil) else { return nil }
        guard let s = BN_bin2bn(Array(bytes[half...]), Int32(half), nil) else { BN_free(r); return nil }
        guard ECDSA_SIG_set0(sig, r, s) == 1 else { BN_free(r); BN_free(s); return nil }
        let der = OpenSSL.encode(sig, i2d_ECDSA_SIG)
        return der.isEmpty ? nil : der
    }
}
