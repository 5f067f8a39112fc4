import CCMCore
import CCMStore
import Foundation

/// `ccm signers accept|reject|remove`: the legal representative's decision on a signer.
public enum SignerDecision: String {
    case accept = "acceptare", reject = "respingere", remove = "eliminare"

    /// The signer's state once decided.
    public var state: String { (self == .accept ? SignerStore.State.active : .revoked).rawValue }

    /// `cui`: the provider's digits; `sha`: the certificate's fingerprint, lower case.
    public func apply(_ db: Connection, cui: String, sha: String, at: Date?) throws {
        try SignerDecision.refusedAsUsage {
            try SignerStore(db).decide(cui: cui, sha: sha, to: self == .accept ? .active : .revoked, requirePending: self != .remove,
                                       at: at, decidedBy: rawValue)
        }
    }

    /// A decision the registry refuses (unknown signer, not pending, backdated) is a usage error.
    static func refusedAsUsage(_ body: () throws -> Void) throws {
        do { try body() } catch let r as SignerStore.Refusal { throw AppError.usage(r.description) }
    }
}
