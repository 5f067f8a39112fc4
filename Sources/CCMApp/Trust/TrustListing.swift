import CCMStore
import Foundation

/// `ccm trust list`: the anchors and CRLs loaded.
public enum TrustListing {
    public struct Entry { public var kind: String; public var sha256: String; public var subject: String }

    public static func all(db: Connection) throws -> [Entry] {
        try TrustStore(db).all().map { Entry(kind: $0.kind.rawValue, sha256: $0.sha256, subject: $0.subject) }
    }
}
