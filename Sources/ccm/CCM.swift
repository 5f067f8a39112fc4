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
        guard version else {
            if let root = RomanianHelp.root() { print(RomanianHelp.render([root])); return }
            throw CleanExit.helpRequest(self)
        }
        try execute {
            let (out, problem) = VersionReport.lines(settings: try Settings.resolve(DB.options(nil)))
            print(out)
            if let problem { FileHandle.standardError.write(Data("ccm: \(ReflectedText.escaped(problem))\n".utf8)) }
        }
    }
}

/// Help in Romanian (`RomanianHelp`); a usage error is one Romanian line and exit 1 (ArgumentParser
/// would print English and exit 64); every other failure is an `AppError` with its exit code.
@main
enum Main {
    static func main() {
        let args = Array(CommandLine.arguments.dropFirst())
        // The commands' description is read only when help may be asked (it costs a little on every run).
        let mayAskHelp = args.isEmpty || args.first == "help" || args.prefix(while: { $0 != "--" }).contains { $0 == "-h" || $0 == "--help" }
        if mayAskHelp, let root = RomanianHelp.root(), let path = RomanianHelp.requested(args, root: root) {
            print(RomanianHelp.render(path))
            exit(0)
        }
        do {
            var command = try CCM.parseAsRoot(args)
            try command.run()
        } catch let e as AppError {
            FileHandle.standardError.write(Data("ccm: \(ReflectedText.escaped(e.description))\n".utf8))
            exit(e.exitCode)
        } catch {
            let code = CCM.exitCode(for: error)
            if code == .success {
                // A group of subcommands given none asks for its help.
                if let clean = error as? CleanExit, clean.description == "--help", let root = RomanianHelp.root(),
                   let path = RomanianHelp.requested(args + ["--help"], root: root) {
                    print(RomanianHelp.render(path))
                    exit(0)
                }
                // What ArgumentParser answers itself (the JSON of --experimental-dump-help, completion scripts).
                let message = CCM.fullMessage(for: error)
                if !message.isEmpty { print(message) }
                exit(0)
            }
            if error is ExitCode { exit(code.rawValue) }
            // What a command's validate() threw is ours (ArgumentParser gives it exit code 1): said as it is.
            let message = CCM.message(for: error)
            let line = code == .failure ? message
                : ArgumentRefusal.line(for: message, args: args) ?? UsageErrorText.romanian(message, command: RomanianHelp.commandLine(args))
            FileHandle.standardError.write(Data("ccm: \(ReflectedText.escaped(line))\n".utf8))
            exit(1)
        }
    }
}

/// Runs a command body, turning any failure into the contract's exit code.
func execute(_ body: () throws -> Void) throws {
    do { try body() } catch { throw AppError.from(error) }
}
