import ArgumentParser
import CCMApp
import CCMCore
import Foundation

struct Signers: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "signers", abstract: "Cine poate semna pentru un furnizor: cereri, acceptări, respingeri, eliminări, istoric.",
        subcommands: [Request.self, Accept.self, Reject.self, Remove.self, List.self])

    struct Request: ParsableCommand {
        static let configuration = CommandConfiguration(commandName: "request", abstract: "Înregistrează o cerere (UTILIZATOR: în așteptare; REPREZENTANT_LEGAL: activ).")
        @OptionGroup var common: StoreOptions
        @Option(help: "CUI-ul furnizorului.") var cui: CUIArgument
        @Option(help: ArgumentHelp("Certificatul semnatarului (PEM sau DER).", valueName: "fișier")) var cert: String
        @Option(help: "CNP-ul semnatarului.") var cnp: String
        @Option(help: "Numele semnatarului.") var nume: String
        @Option(help: "Adresa de e-mail a semnatarului.") var email: String
        @Option(help: "REPREZENTANT_LEGAL sau UTILIZATOR.") var rol: SignerRole
        @Option(help: ArgumentHelp("Momentul deciziei (data cererii sau a deciziei semnate, ISO 8601 cu fus orar); implicit acum.", valueName: "moment")) var at: Moment?
        func run() throws {
            try execute {
                let request = try SignerRequest(cui: cui.text, certFile: cert, cnp: cnp, nume: nume, email: email, role: rol, at: at?.date)
                try request.record(try App.connect(try common.settings(), as: .batch))
                print("\(request.cui) \(request.certSHA256) \(rol.rawValue) \(request.state)")
            }
        }
    }

    struct Decision: ParsableArguments {
        @OptionGroup var common: StoreOptions
        @Option(help: "CUI-ul furnizorului.") var cui: CUIArgument
        @Option(name: .customLong("cert-sha256"), help: ArgumentHelp("Amprenta SHA-256 a certificatului (hex), ca în ccm signers list.", valueName: "hex"))
        var certSHA256: String
        @Option(help: ArgumentHelp("Momentul deciziei (data cererii sau a deciziei semnate, ISO 8601 cu fus orar); implicit acum.", valueName: "moment")) var at: Moment?

        func apply(_ decision: SignerDecision) throws {
            try execute {
                let c = cui.cui
                                let db = try App.connect(try common.settings(), as: .batch)
                try decision.apply(db, cui: c.digits, sha: certSHA256.lowercased(), at: at?.date)
                print("\(c.digits) \(certSHA256.lowercased()) \(decision.state)")
            }
        }
    }

    struct Accept: ParsableCommand {
        static let configuration = CommandConfiguration(commandName: "accept", abstract: "Reprezentantul legal acceptă o cerere.")
        @OptionGroup var d: Decision
        func run() throws { try d.apply(.accept) }
    }

    struct Reject: ParsableCommand {
        static let configuration = CommandConfiguration(commandName: "reject", abstract: "Reprezentantul legal respinge o cerere.")
        @OptionGroup var d: Decision
        func run() throws { try d.apply(.reject) }
    }

    struct Remove: ParsableCommand {
        static let configuration = CommandConfiguration(commandName: "remove", abstract: "Reprezentantul legal elimină un utilizator.")
        @OptionGroup var d: Decision
        func run() throws { try d.apply(.remove) }
    }

    struct List: ParsableCommand {
        static let configuration = CommandConfiguration(commandName: "list", abstract: "Semnatarii unui furnizor, cu istoricul lor.")
        @OptionGroup var common: StoreOptions
        @Option(help: "CUI-ul furnizorului.") var cui: CUIArgument
        @Flag(help: "Ieșire JSON.") var json = false
        func run() throws {
            try execute {
                let c = cui.cui
                let db = try App.connect(try common.settings(), as: .batch)
                let all = try SignerHistory.of(cui: c.digits, db: db)
                if json {
                    print(JSON.array(all.map { s in
                        .object([("certSha256", .string(s.certSHA256)), ("nume", .string(s.nume)), ("email", .str(s.email)),
                                 ("rol", .string(s.role)), ("stare", .string(s.state)),
                                 ("deLa", .string(Bucharest.iso8601(s.from))), ("panaLa", .str(s.until.map(Bucharest.iso8601))),
                                 ("decis", .string(s.decidedBy))])
                    }).serialized())
                } else {
                    for s in all {
                        print("\(s.certSHA256.prefix(16))…  \(s.nume)  \(s.role)  \(s.state)  " +
                              "\(Bucharest.iso8601(s.from)) → \(s.until.map(Bucharest.iso8601) ?? "prezent")  (\(s.decidedBy))")
                    }
                }
            }
        }
    }
}
