import Foundation

/// A certificate as DER bytes, with what the checks and the enrolment need.
public struct SignerCertificate: Sendable, Equatable {
    public var der: Data
    public init(der: Data) { self.der = der }
}

/// What a signature check found: the signer and the certificates the signature carried, or
/// why it was refused (F04: the signature itself).
public enum SignatureVerdict: Sendable, Equatable {
    case verified(signer: SignerCertificate, carried: [SignerCertificate], signingTime: String?)
    case refused(String)
}
