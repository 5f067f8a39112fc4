import COpenSSL
import Foundation

/// A certificate as DER bytes, with what the checks and the enrolment need. The check finds it
/// decoded already in the `CertificateCache` of its trust when the signature's parser put it there.
public struct SignerCertificate: Sendable, Equatable {
    public let der: Data

    public init(der: Data) { self.der = der }
}

/// One reference to an OpenSSL certificate, released with the last copy that holds it; held by
/// one thread's `CertificateCache`.
final class X509Handle {
    let pointer: OpaquePointer
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
