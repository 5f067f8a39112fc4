import COpenSSL
import Foundation

/// A certificate as DER bytes, with what the checks and the enrolment need.
public struct SignerCertificate: Sendable, Equatable {
    public let der: Data
    /// The certificate as the signature's parser already decoded it, when it did: the check then
    /// reuses it instead of decoding it again (decoding the public key is the costliest step of a
    /// detached check). Equality is that of the bytes.
    let parsed: X509Handle?

    public init(der: Data) { self.der = der; parsed = nil }
    init(der: Data, parsed: X509Handle) { self.der = der; self.parsed = parsed }

    public static func == (a: SignerCertificate, b: SignerCertificate) -> Bool { a.der == b.der }
}

/// One reference to an OpenSSL certificate, released with the last copy that holds it.
/// Shared by threads as OpenSSL allows: it counts references atomically and locks the caches it
/// fills lazily; the compiler cannot see into C, so the pointer is the one thing it is told.
final class X509Handle: Sendable {
    nonisolated(unsafe) let pointer: OpaquePointer
    init(retaining x: OpaquePointer) { X509_up_ref(x); pointer = x }
    deinit { X509_free(pointer) }

    /// A new reference for a C owner that will free it (an X509 stack, a store context).
    func retained() -> OpaquePointer { X509_up_ref(pointer); return pointer }
}

/// What a signature check found: the signer and the certificates the signature carried, or
/// why it was refused (F04: the signature itself), in Romanian, with the library's own text
/// apart: it is for the operator's log, never for the provider.
public enum SignatureVerdict: Sendable, Equatable {
    case verified(signer: SignerCertificate, carried: [SignerCertificate], signingTime: String?)
    case refused(String, technical: String? = nil)
}
