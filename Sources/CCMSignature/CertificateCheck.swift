import COpenSSL
import Foundation

/// The trust the CAS configured: anchors (the accredited CAs) and the CRLs it loaded.
/// Not Sendable: it holds OpenSSL's objects; another thread decodes its own from `anchors` and `crls`.
public struct TrustMaterial {
    public let anchors: [Data]
    public let crls: [Data]
    /// The same, decoded once for every check that uses this material.
    let parsed: ParsedTrust
    /// The certificates decoded by the signatures verified with this material, for its checks.
    public var certificates: CertificateCache { parsed.certificates }
    public init(anchors: [Data], crls: [Data]) {
        self.anchors = anchors; self.crls = crls
        parsed = ParsedTrust(anchors: anchors, crls: crls)
    }
}

/// The signer certificate judged at the receipt time (`01-submission-format.md` §4.3): chains
/// to an anchor, within validity, not revoked (against the loaded CRL of each issuer; where none
/// is loaded the verdict says so), with the digitalSignature or nonRepudiation key usage.
public enum CertificateCheck {
    public struct Accepted: Sendable, Equatable {
        public var sha256: String
        public var subject: String
        /// Issuers whose revocation could not be checked (no CRL loaded): said in the verdict.
        public var unchecked: [String]
    }

    public static func check(signer: Data, carried: [Data], trust: TrustMaterial, at: Date) -> Result<Accepted, CheckFailure> {
        check(signer: SignerCertificate(der: signer), carried: carried.map(SignerCertificate.init(der:)), trust: trust, at: at)
    }

    /// The same, reusing the certificates a signature's parser already decoded.
    public static func check(signer: SignerCertificate, carried: [SignerCertificate], trust: TrustMaterial,
                             at: Date) -> Result<Accepted, CheckFailure> {
        guard let leaf = decoded(signer, trust) else { return .failure(.init("certificatul semnatarului nu poate fi citit")) }
        defer { X509_free(leaf) }
        guard let store = trust.parsed.store else { return .failure(.init("eroare internă OpenSSL")) }
        let untrusted = OPENSSL_sk_new_null()
        defer { OPENSSL_sk_pop_free(untrusted) { $0.map { X509_free(OpaquePointer($0)) } } }
        for c in carried { if let x = decoded(c, trust) { OPENSSL_sk_push(untrusted, UnsafeRawPointer(x)) } }
        guard let ctx = X509_STORE_CTX_new() else { return .failure(.init("eroare internă OpenSSL")) }
        defer { X509_STORE_CTX_free(ctx) }
        X509_STORE_CTX_init(ctx, store, leaf, untrusted)
        X509_VERIFY_PARAM_set_time(X509_STORE_CTX_get0_param(ctx), time_t(at.timeIntervalSince1970))
        if X509_verify_cert(ctx) != 1 {
            let code = X509_STORE_CTX_get_error(ctx)
            return .failure(.init(describe(code, subject: "„\(OpenSSL.commonName(leaf))”"), public: describe(code, subject: "semnatarului"),
                                  technical: String(cString: X509_verify_cert_error_string(Int(code)))))
        }
        // Key usage: the extension must be there and allow signing.
        let flags = X509_get_extension_flags(leaf)
        let usage = X509_get_key_usage(leaf)
        if flags & UInt32(EXFLAG_KUSAGE) == 0 || usage & UInt32(KU_DIGITAL_SIGNATURE | KU_NON_REPUDIATION) == 0 {
            return .failure(.init("certificatul nu permite semnarea (lipsește utilizarea digitalSignature sau nonRepudiation)"))
        }
        // Revocation at the receipt time, link by link, against the CRLs the CAS loaded.
        var unchecked: [String] = []
        if let chain = X509_STORE_CTX_get1_chain(ctx) {
            defer { OPENSSL_sk_pop_free(chain) { $0.map { X509_free(OpaquePointer($0)) } } }
            let n = OPENSSL_sk_num(chain)
            for i in 0..<max(0, n - 1) {
                guard let cert = OPENSSL_sk_value(chain, i), let issuer = OPENSSL_sk_value(chain, i + 1) else { continue }
                switch revocation(of: OpaquePointer(cert), issuer: OpaquePointer(issuer), trust: trust.parsed, at: at) {
                case .revoked(let when):
                    let revoked = "a fost revocat la \(iso(when)), înainte de primire"
                    return .failure(.init("certificatul „\(OpenSSL.commonName(OpaquePointer(cert)))” " + revoked,
                                          public: "certificatul " + (i == 0 ? "semnatarului " : "unei autorități din lanț ") + revoked))
                case .noCRL: unchecked.append(OpenSSL.commonName(OpaquePointer(issuer)))
                case .good: break
                }
            }
        }
        return .success(Accepted(sha256: Digest.sha256Hex(signer.der), subject: OpenSSL.commonName(leaf), unchecked: unchecked))
    }

    /// A reference of the caller's own (to free): the copy the trust's cache holds (decoded by the
    /// signature's parser, or now), or the bytes decoded now when they are not exactly one certificate.
    static func decoded(_ c: SignerCertificate, _ trust: TrustMaterial) -> OpaquePointer? {
        trust.certificates.certificate([UInt8](c.der))?.handle.retained() ?? OpenSSL.certificate(c.der)
    }

    public struct CheckFailure: Error, Equatable, Sendable {
        public var detail: String
        /// The same without the holder's name, for the public table (the provider's message names the signer).
        public var publicDetail: String
        /// OpenSSL's own words, for the operator's log.
        public var technical: String?
        init(_ d: String, public p: String? = nil, technical t: String? = nil) { detail = d; publicDetail = p ?? d; technical = t }
    }

    enum Revocation { case good, revoked(Date), noCRL }

    /// The issuer's loaded CRL (signed by it) says whether and when `cert` was revoked.
    static func revocation(of cert: OpaquePointer, issuer: OpaquePointer, trust: ParsedTrust, at: Date) -> Revocation {
        var found = false
        for (i, crl) in trust.crls.enumerated() where trust.crl(i, isSignedBy: issuer) {
            found = true
            var entry: OpaquePointer?
            if X509_CRL_get0_by_serial(crl, &entry, X509_get_serialNumber(cert)) == 1, let entry,
               let when = OpenSSL.time(X509_REVOKED_get0_revocationDate(entry)) {
                if when <= at { return .revoked(when) }
            }
        }
        return found ? .good : .noCRL
    }

    static func describe(_ code: Int32, subject: String) -> String {
        switch code {
        case X509_V_ERR_CERT_HAS_EXPIRED: return "certificatul \(subject) era expirat la data primirii"
        case X509_V_ERR_CERT_NOT_YET_VALID: return "certificatul \(subject) nu era încă valabil la data primirii"
        case X509_V_ERR_UNABLE_TO_GET_ISSUER_CERT_LOCALLY, X509_V_ERR_UNABLE_TO_GET_ISSUER_CERT,
             X509_V_ERR_SELF_SIGNED_CERT_IN_CHAIN, X509_V_ERR_DEPTH_ZERO_SELF_SIGNED_CERT, X509_V_ERR_UNABLE_TO_VERIFY_LEAF_SIGNATURE:
            return "certificatul \(subject) nu provine de la o autoritate de certificare acceptată de CAS"
        default:
            return "certificatul \(subject) nu a putut fi validat (lanțul de certificare sau o extensie a lui nu este acceptată)"
        }
    }

    static func iso(_ d: Date) -> String {
        let f = ISO8601DateFormatter()
        f.timeZone = TimeZone(identifier: "Europe/Bucharest")
        return f.string(from: d)
    }
}
