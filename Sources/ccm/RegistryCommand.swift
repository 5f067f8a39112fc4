import ArgumentParser
import CCMApp
import CCMStore
import Foundation

struct Registry: ParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Registrul CAS: furnizori, medici, carnete de certificate și semnatari, importați din CSV.",
                                                    subcommands: [Import.self])

    struct Import: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Importă furnizori.csv, medici.csv, carnete.csv și semnatari.csv (recunoscute după antet), fiecare într-o tranzacție.",
            discussion: "Un fișier cu un rând greșit este respins întreg, cu rândul și motivul; celelalte se importă. " +
                        "Ieșirea: 0 când toate au fost importate, 1 când vreunul a fost respins.")
        @OptionGroup var common: StoreOptions
        @Argument(help: ArgumentHelp("Fișierele CSV (furnizori, medici, carnete, semnatari), în orice ordine.", valueName: "fișier")) var files: [String]
        @Option(help: ArgumentHelp("Momentul de la care are efect conținutul (ISO 8601 cu fus orar); implicit acum.", valueName: "moment")) var at: String?

        func run() throws {
            try execute {
                let effective = try at.map { try Time.parse($0, option: "--at") } ?? Date()
                let db = try App.connect(try common.settings(), as: .batch)
                var rejected = 0
                // The files of one command change the registry together for the documents being judged.
                try RegistryLock.exclusive(db) {
                    for file in files {
                        do {
                            let r = try RegistryImport.run(file: file, db: db, at: effective)
                            print("\(file): \(r.kind): \(r.counts.added) noi, \(r.counts.updated) actualizați, \(r.counts.unchanged) neschimbați")
                        } catch let e as RegistryImport.Rejected {
                            FileHandle.standardError.write(Data("ccm: \(e.description)\n".utf8))
                            rejected += 1
                        }
                    }
                }
                if rejected > 0 { throw AppError.usage("\(rejected) fișiere respinse") }
            }
        }
    }
}
