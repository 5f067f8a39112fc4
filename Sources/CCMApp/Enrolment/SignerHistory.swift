import CCMCore
import CCMStore
import Foundation

/// `ccm signers list`: every version of a provider's signers, oldest first.
public enum SignerHistory {
    public struct Entry {
        public var certSHA256: String, nume: String, email: String?, role: String, state: String
        public var from: Date, until: Date?, decidedBy: String
    }

    public static func of(cui: String, db: Connection) throws -> [Entry] {
        try SignerStore(db).history(cui: cui).map {
            Entry(certSHA256: $0.certSHA256, nume: $0.nume, email: $0.email, role: $0.role.rawValue, state: $0.state.rawValue,
                  from: $0.from, until: $0.until, decidedBy: $0.decidedBy)
        }
    }
}
