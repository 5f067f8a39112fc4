import ArgumentParser
import CCMApp
import Foundation

struct Ingest: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Procesează raportările: fișiere sau dosare (implicit inbox-ul); mută fișierele în arhivă sau carantină.")
    @OptionGroup var common: CommonOptions
    @Argument(help: "Fișiere .xml sau dosare (un dosar înseamnă *.xml din el).") var paths: [String] = []
    @Option(help: "Dosarul inbox (când nu se dau căi).") var inbox: String?
    @Option(help: "Momentul primirii, ISO 8601 cu fus orar, pentru toate fișierele (altfel data modificării fișierului).")
    var receivedAt: String?
    @Flag(help: "Un obiect JSON pe linie pentru fiecare fișier.") var json = false
    @Option(help: "Câte procese lucrează împreună (pe aceeași bază de date se pot porni oricâte și separat).")
    var workers = 1

    func run() throws {
        guard workers >= 1 && workers <= 64 else { throw ValidationError("--workers: între 1 și 64") }
        // The other workers are this same command without --workers; the run ends with the worst exit code.
        var siblings: [pid_t] = []
        if workers > 1 {
            let args = Array(CommandLine.arguments.dropFirst())
            var own: [String] = []
            var skip = false
            for a in args {
                if skip { skip = false; continue }
                if a == "--workers" { skip = true; continue }
                if a.hasPrefix("--workers=") { continue }
                own.append(a)
            }
            let me = URL(fileURLWithPath: "/proc/self/exe").resolvingSymlinksInPath().path
            for _ in 1..<workers { siblings.append(try Subprocess.start(me, own)) }
        }
        var failure: Error?
        do { try work() } catch { failure = error }
        let codes = siblings.map(Subprocess.wait)
        if let failure { throw failure }
        if let worst = [2, 3, 1].first(where: { codes.contains(Int32($0)) }) ?? codes.first(where: { $0 != 0 }) {
            throw ExitCode(worst)
        }
    }

    func work() throws {
        try execute {
            let settings = try common.settings(inbox: inbox)
            let received = try receivedAt.map { try Time.parse($0, option: "--received-at") }
            let schema = try App.schema(settings)
            // A rules file or nomenclator the CAS edited badly stops the run here, with its file and line.
            let rules = try RuleEngine.load(settings)
            let db = try App.connect(settings, as: .batch)
            let pipeline = try IngestPipeline(settings: settings, db: db, schema: schema, rules: rules)
            let started = Date()
            let summary = try pipeline.run(paths: paths, receivedAt: received, keepCertificateLines: json) { outcome in
                // One write per line: several workers may share standard output.
                if json { FileHandle.standardOutput.write(Data((outcome.json.serialized() + "\n").utf8)) }
            }
            let byStatus = Dictionary(grouping: summary.outcomes, by: { $0.status.rawValue }).mapValues(\.count)
            let elapsed = Date().timeIntervalSince(started)
            Log.info("gata: \(summary.outcomes.count) fișiere (" +
                     byStatus.sorted(by: { $0.key < $1.key }).map { "\($0.key) \($0.value)" }.joined(separator: ", ") +
                     "), \(summary.certificates) certificate înregistrate, " + String(format: "%.2f s", elapsed))
            Log.info("timp: \(summary.roundTrips) drumuri la baza de date, " +
                     String(format: "%.2f s în așteptarea ei, %.2f s în așteptarea pregătirii", summary.databaseWait, summary.preparationWait) +
                     " (\(summary.preparedAhead) fișiere pregătite în avans)")
            if summary.left > 0 { throw AppError.filesLeft(summary.left) }
        }
    }
}
