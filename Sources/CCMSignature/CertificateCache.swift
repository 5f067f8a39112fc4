import COpenSSL
import Foundation

/// Certificates decoded once, by their bytes (see `CMSCertificates`): the CAs' intermediates
/// every signature carries, and the signers who send more than one file. Owned by one thread
/// with its `TrustMaterial`: OpenSSL's objects are never shared between threads.
public final class CertificateCache {
    public init() {}
    /// Past this many, the cache starts again (a few MB of decoded certificates at most).
    static let capacity = 2048

    struct Entry {
        let handle: X509Handle
        /// The certificate as OpenSSL encodes it (what the checks and the enrolment compare).
        var der: Data { Data(encoded) }
        let encoded: [UInt8]
    }

    /// Keyed and holding bytes as arrays, not `Data`: Swift keeps a `Data`'s case in the spare
    /// bits of its storage pointer, which LeakSanitizer does not take for a pointer, so the
    /// fuzzer reported the cache's contents as leaked (see ccm-fuzz's `LeakCheck`).
    private var entries: [[UInt8]: Entry] = [:]

    /// nil when the bytes are not exactly one certificate.
    func certificate(_ key: [UInt8]) -> Entry? {
        if let known = entries[key] { return known }
        guard let decoded = key.withUnsafeBytes({ OpenSSL.certificate(exactDER: $0) }) else { return nil }
        let entry = Entry(handle: X509Handle(retaining: decoded), encoded: [UInt8](OpenSSL.der(decoded)))
        X509_free(decoded)
        if entries.count >= CertificateCache.capacity { entries.removeAll() }
        entries[key] = entry
        return entry
    }
}
