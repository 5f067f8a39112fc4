import COpenSSL
import Foundation

/// Certificates decoded once per process, by their bytes (see `CMSCertificates`): the CAs'
/// intermediates every signature carries, and the signers who send more than one file.
final class CertificateCache: @unchecked Sendable {
    static let shared = CertificateCache()
    /// Past this many, the cache starts again (a few MB of decoded certificates at most).
    static let capacity = 2048

    struct Entry {
        let handle: X509Handle
        /// The certificate as OpenSSL encodes it (what the checks and the enrolment compare).
        let der: Data
    }

    private var entries: [Data: Entry] = [:]
    private let lock = NSLock()

    /// nil when the bytes are not exactly one certificate.
    func certificate(_ bytes: Data) -> Entry? {
        lock.lock()
        let known = entries[bytes]
        lock.unlock()
        if let known { return known }
        let decoded = bytes.withUnsafeBytes { raw -> OpaquePointer? in
            guard let base = raw.baseAddress else { return nil }
            var p: UnsafePointer<UInt8>? = base.assumingMemoryBound(to: UInt8.self)
            guard let x = d2i_X509(nil, &p, raw.count) else { return nil }
            guard let p, p == base.assumingMemoryBound(to: UInt8.self) + raw.count else { X509_free(x); return nil }
            return x
        }
        guard let decoded else { ERR_clear_error(); return nil }
        let entry = Entry(handle: X509Handle(retaining: decoded), der: OpenSSL.der(decoded))
        X509_free(decoded)
        lock.lock()
        if entries.count >= CertificateCache.capacity { entries.removeAll() }
        entries[bytes] = entry
        lock.unlock()
        return entry
    }
}
