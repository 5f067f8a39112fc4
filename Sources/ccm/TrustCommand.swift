import ArgumentParser
import CCMApp
import Foundation

struct Trust: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "trust", abstract: "Ancorele de încredere (CA acreditate) și listele CRL.",
                                                    subcommands: [Add.self, List.self])

    struct Add: ParsableCommand {
        static let configuration = CommandConfiguration(commandName: "add", abstract: "Încarcă certificate CA și CRL (PEM sau DER).")
        @OptionGroup var common: StoreOptions
        @Argument(help: "Fișierele.") var files: [String]
        func run() throws {
            try execute {
                let db = try App.connect(try common.settings(), as: .batch)
                try TrustImport.run(files: files, db: db) { i in
                    print("\(i.file): \(i.isCRL ? "CRL" : "ancoră") \(i.subject) \(i.added ? "adăugată" : "exista deja")")
                }
            }
        }
    }

    struct List: ParsableCommand {
        static let configuration = CommandConfiguration(commandName: "list", abstract: "Listează ancorele și listele CRL încărcate.")
        @OptionGroup var common: StoreOptions
        func run() throws {
            try execute {
                let db = try App.connect(try common.settings(), as: .batch)
                for t in try TrustListing.all(db: db) { print("\(t.kind)\t\(t.sha256)\t\(t.subject)") }
            }
        }
    }
}
