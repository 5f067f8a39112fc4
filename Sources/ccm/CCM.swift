import ArgumentParser
import CCMApp
import CCMCore
import Foundation

struct CCM: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "ccm",
        abstract: "Procesarea raportărilor lunare de certificate de concediu medical (CAS).",
        subcommands: [DB.self, Registry.self, Trust.self, Signers.self, Ingest.self, Revalidate.self, Status.self, CentralizerCommand.self, Notify.self, Nightly.self])

    @Flag(help: "Versiunea ccm și versiunea schemei bazei de date pe care ar folosi-o.") var version = false

    func run() throws {
        guard version else { throw CleanExit.helpRequest(self) }
        try execute {
            let (out, problem) = VersionReport.lines(settings: try Settings.resolve(DB.options(nil)))
            print(out)
            if let problem { FileHandle.standardError.write(Data("ccm: \(ReflectedText.escaped(problem))\n".utf8)) }
        }
    }
}

/// ArgumentParser would exit 64 on a usage error; the CLI contract says 1.
@main
enum Main {
    static func main() {
        do {
            var command = try CCM.parseAsRoot()
            try command.run()
        } catch let e as AppError {
            FileHandle.standardError.write(Data("ccm: \(ReflectedText.escaped(e.description))\n".utf8))
            exit(e.exitCode)
        } catch {
            let code = CCM.exitCode(for: error)
            let message = CCM.fullMessage(for: error)
            if code == .success {
                if !message.isEmpty { print(message) }
                exit(0)
            }
            if !message.isEmpty { FileHandle.standardError.write(Data("\(message)\n".utf8)) }
            exit(error is ExitCode ? code.rawValue : 1)
        }
    }
}

/// Runs a command body, turning any failure into the contract's exit code.
func execute(_ body: () throws -> Void) throws {
    do { try body() } catch { throw AppError.from(error) }
}
