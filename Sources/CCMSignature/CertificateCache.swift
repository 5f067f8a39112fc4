import COpenSSL
import Foundation

/// Certificates decoded once, by their bytes (see `CMSCertificates`): the CAs' intermediates
/// every signature carries, and the signers who send more than one file. Owned by one thread
/// with its `TrustMaterial`: OpenSSL's objects are never shared between threads.
public final class CertificateCache {
    /// `maxBytes`: the certificates' bytes it holds at most (a test lowers it).
    public init(maxBytes: Int = CertificateCache.maxBytes) { self.maxBytes = maxBytes }
    /// Past this many certificates, or `maxBytes` of them (each held twice: as its key and as
    /// OpenSSL encodes it), the cache starts again: a hostile file's large certificates do not
    /// make it grow with them. A certificate larger than the bound is decoded and not kept.
    static let capacity = 2048
    public static let maxBytes = 8 << 20
    let maxBytes: Int
    /// The bytes held now.
    private(set) var bytes = 0

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
        let cost = key.count + entry.encoded.count
        guard cost <= maxBytes else { return entry }
        if entries.count >= CertificateCache.capacity || bytes + cost > maxBytes { entries.removeAll(); bytes = 0 }
        entries[key] = entry
        bytes += cost
        return entry
    }
}
