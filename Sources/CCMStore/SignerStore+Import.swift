import CCMCore
import Foundation

extension SignerStore {
    /// What an imported change did to its signer.
    public enum ImportOutcome: Equatable { case added, updated, unchanged }

    /// The registry refused change number `index` (a legal representative backdated…).
    public struct ImportRefusal: Error { public var index: Int; public var refusal: Refusal }

    /// Changes of a signers file applied in the given order in one transaction, each at its
    /// `from`; one equal to the signer's current version changes nothing. A refusal undoes them all.
    public func importChanges(_ changes: [Signer]) throws -> [ImportOutcome] {
        try db.transaction {
            try changes.enumerated().map { index, s in
                let current = try current(cui: s.cui, sha: s.certSHA256)
                if let cur = current, cur.role == s.role, cur.state == s.state, cur.nume == s.nume, cur.email == s.email, cur.cnp == s.cnp {
                    return .unchanged
                }
                do { try record(s, at: s.from, inTransaction: true) } catch let r as Refusal { throw ImportRefusal(index: index, refusal: r) }
                return current == nil ? .added : .updated
            }
        }
    }
}
