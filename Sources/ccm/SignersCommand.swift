import ArgumentParser
import CCMApp
import CCMCore
import CCMSignature
import CCMStore
import Foundation

struct Signers: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Cine poate semna pentru un furnizor: cereri, acceptări, respingeri, eliminări, istoric.",
        subcommands: [Request.self, Accept.self, Reject.self, Remove.self, List.self])

    struct Request: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Înregistrează o cerere (UTILIZATOR: în așteptare; REPREZENTANT_LEGAL: activ).")
        @OptionGroup var common: StoreOptions
        @Option(help: "CUI-ul furnizorului.") var cui: String
        @Option(help: ArgumentHelp("Certificatul semnatarului (PEM sau DER).", valueName: "fișier")) var cert: String
        @Option(help: "CNP-ul semnatarului.") var cnp: String
        @Option(help: "Numele semnatarului.") var nume: String
        @Option(help: "Adresa de e-mail a semnatarului.") var email: String
        @Option(help: "REPREZENTANT_LEGAL sau UTILIZATOR.") var rol: String
        @Option(help: ArgumentHelp("Momentul deciziei (data cererii sau a deciziei semnate, ISO 8601 cu fus orar); implicit acum.", valueName: "moment")) var at: String?
        func run() throws {
            try execute {
                guard let role = SignerStore.Role(rawValue: rol) else { throw AppError.usage("--rol: REPREZENTANT_LEGAL sau UTILIZATOR") }
                guard let c = CUI(cui), c.hasValidControlDigit else { throw AppError.usage("--cui \(cui) invalid") }
                guard CNP.isValid(cnp) else { throw AppError.usage("--cnp invalid") }
                if let p = Mailbox.problem(email) { throw AppError.usage("--email: \(p)") }
                guard let data = FileManager.default.contents(atPath: cert), let id = TrustFile.certificateSHA256(data) else {
                    throw AppError.usage("--cert \(cert): nu este un certificat")
                }
                let when = try at.map { try Time.parse($0, option: "--at") }
                let db = try App.connect(try common.settings(), as: .batch)
                try SignersCommand.guarded {
                    try SignerStore(db).record(.init(cui: c.digits, certSHA256: id.sha256, cnp: cnp, nume: nume, email: email, role: role,
                                                     state: role == .legal ? .active : .pending, from: when ?? Date(), until: nil,
                                                     decidedBy: "cerere"), at: when)
                }
                print("\(c.digits) \(id.sha256) \(role.rawValue) \(role == .legal ? "ACTIV" : "IN_ASTEPTARE")")
            }
        }
    }

    struct Decision: ParsableArguments {
        @OptionGroup var common: StoreOptions
        @Option(help: "CUI-ul furnizorului.") var cui: String
        @Option(name: .customLong("cert-sha256"), help: ArgumentHelp("Amprenta SHA-256 a certificatului (hex), ca în ccm signers list.", valueName: "hex"))
        var certSHA256: String
        @Option(help: ArgumentHelp("Momentul deciziei (data cererii sau a deciziei semnate, ISO 8601 cu fus orar); implicit acum.", valueName: "moment")) var at: String?

        func apply(_ state: SignerStore.State, requirePending: Bool, label: String) throws {
            try execute {
                guard let c = CUI(cui) else { throw AppError.usage("--cui \(cui) invalid") }
                let when = try at.map { try Time.parse($0, option: "--at") }
                let db = try App.connect(try common.settings(), as: .batch)
                try SignersCommand.guarded {
                    try SignerStore(db).decide(cui: c.digits, sha: certSHA256.lowercased(), to: state, requirePending: requirePending,
                                               at: when, decidedBy: label)
                }
                print("\(c.digits) \(certSHA256.lowercased()) \(state.rawValue)")
            }
        }
    }

    struct Accept: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Reprezentantul legal acceptă o cerere.")
        @OptionGroup var d: Decision
        func run() throws { try d.apply(.active, requirePending: true, label: "acceptare") }
    }

    struct Reject: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Reprezentantul legal respinge o cerere.")
        @OptionGroup var d: Decision
        func run() throws { try d.apply(.revoked, requirePending: true, label: "respingere") }
    }

    struct Remove: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Reprezentantul legal elimină un utilizator.")
        @OptionGroup var d: Decision
        func run() throws { try d.apply(.revoked, requirePending: false, label: "eliminare") }
    }

    struct List: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Semnatarii unui furnizor, cu istoricul lor.")
        @OptionGroup var common: StoreOptions
        @Option(help: "CUI-ul furnizorului.") var cui: String
        @Flag(help: "Ieșire JSON.") var json = false
        func run() throws {
            try execute {
                guard let c = CUI(cui) else { throw AppError.usage("--cui \(cui) invalid") }
                let db = try App.connect(try common.settings(), as: .batch)
                let all = try SignerStore(db).history(cui: c.digits)
                if json {
                    print(JSON.array(all.map { s in
                        .object([("certSha256", .string(s.certSHA256)), ("nume", .string(s.nume)), ("email", .str(s.email)),
                                 ("rol", .string(s.role.rawValue)), ("stare", .string(s.state.rawValue)),
                                 ("deLa", .string(Bucharest.iso8601(s.from))), ("panaLa", .str(s.until.map(Bucharest.iso8601))),
                                 ("decis", .string(s.decidedBy))])
                    }).serialized())
                } else {
                    for s in all {
                        print("\(s.certSHA256.prefix(16))…  \(s.nume)  \(s.role.rawValue)  \(s.state.rawValue)  " +
                              "\(Bucharest.iso8601(s.from)) → \(s.until.map(Bucharest.iso8601) ?? "prezent")  (\(s.decidedBy))")
                    }
                }
            }
        }
    }
}

enum SignersCommand {
    static func guarded(_ body: () throws -> Void) throws {
        do { try body() } catch let r as SignerStore.Refusal { throw AppError.usage(r.description) }
    }
}
