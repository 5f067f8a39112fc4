import ArgumentParser
import CCMApp
import CCMSignature
import CCMStore
import Foundation

struct Trust: ParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Ancorele de încredere (CA acreditate) și listele CRL.",
                                                    subcommands: [Add.self, List.self])

    struct Add: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Încarcă certificate CA și CRL (PEM sau DER).")
        @OptionGroup var common: StoreOptions
        @Argument(help: "Fișierele.") var files: [String]
        func run() throws {
            try execute {
                let db = try App.connect(try common.settings(), as: .batch)
                for file in files {
                    guard let data = FileManager.default.contents(atPath: file) else { throw AppError.usage("\(file) nu poate fi citit") }
                    let items = TrustFile.read(data)
                    guard !items.isEmpty else { throw AppError.usage("\(file): nici un certificat și nici o listă CRL") }
                    for i in items {
                        let added = try TrustStore(db).add(kind: i.isCRL ? .crl : .anchor, der: i.der, sha256: i.sha256, subject: i.subject)
                        print("\(file): \(i.isCRL ? "CRL" : "ancoră") \(i.subject) \(added ? "adăugată" : "exista deja")")
                    }
                }
            }
        }
    }

    struct List: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Listează ancorele și listele CRL încărcate.")
        @OptionGroup var common: StoreOptions
        func run() throws {
            try execute {
                let db = try App.connect(try common.settings(), as: .batch)
                for t in try TrustStore(db).all() { print("\(t.kind.rawValue)\t\(t.sha256)\t\(t.subject)") }
            }
        }
    }
}
