import CCMCore
import CCMSignature
import CCMStore
import Foundation

/// `ccm trust add FILE…`: CA certificates and CRLs (PEM or DER) loaded, each said as it is.
public enum TrustImport {
    public struct Loaded { public var file: String; public var isCRL: Bool; public var subject: String; public var added: Bool }

    /// `each` hears of every certificate or CRL as it is stored; a file that holds none stops the command.
    public static func run(files: [String], db: Connection, each: (Loaded) -> Void) throws {
        for file in files {
            guard let data = FileManager.default.contents(atPath: file) else { throw AppError.usage("\(file) nu poate fi citit") }
            let items = TrustFile.read(data)
            guard !items.isEmpty else { throw AppError.usage("\(file): nici un certificat și nici o listă CRL") }
            for i in items {
                let added = try TrustStore(db).add(kind: i.isCRL ? .crl : .anchor, der: i.der, sha256: i.sha256, subject: i.subject)
                each(Loaded(file: file, isCRL: i.isCRL, subject: i.subject, added: added))
            }
        }
    }
}
