import ArgumentParser
import CCMApp
import CCMCore
import Foundation

struct Registry: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "registry", abstract: "Registrul CAS: furnizori, medici, carnete de certificate și semnatari, importați din CSV.",
                                                    subcommands: [Import.self])

    struct Import: ParsableCommand {
        static let configuration = CommandConfiguration(commandName: "import", abstract: "Importă furnizori.csv, medici.csv, carnete.csv și semnatari.csv (recunoscute după antet), fiecare într-o tranzacție.",
            discussion: "Un fișier cu un rând greșit este respins întreg, cu rândul și motivul; celelalte se importă. " +
                        "Ieșirea: 0 când toate au fost importate, 1 când vreunul a fost respins.")
        @OptionGroup var common: StoreOptions
        @Argument(help: ArgumentHelp("Fișierele CSV (furnizori, medici, carnete, semnatari), în orice ordine.", valueName: "fișier")) var files: [String]
        @Option(help: ArgumentHelp("Momentul de la care are efect conținutul (ISO 8601 cu fus orar); implicit acum.", valueName: "moment")) var at: Moment?

        func run() throws {
            try execute {
                let effective = at?.date ?? Date()
                let db = try App.connect(try common.settings(), as: .batch)
                let rejected = try RegistryImport.run(files: files, db: db, at: effective) { result in
                    switch result {
                    case .success(let r):
                        print("\(r.file): \(r.kind): \(r.counts.added) noi, \(r.counts.updated) actualizați, \(r.counts.unchanged) neschimbați")
                    case .failure(let e):
                        FileHandle.standardError.write(Data("ccm: \(e.description)\n".utf8))
                    }
                }
                if rejected > 0 { throw AppError.usage(RomanianCount.of(rejected, "fișier respins", "fișiere respinse")) }
            }
        }
    }
}
