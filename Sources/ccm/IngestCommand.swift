import ArgumentParser
import CCMApp
import CCMCore
import Foundation

struct Ingest: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "ingest", abstract: "Procesează raportările: fișiere sau dosare (implicit inbox-ul); mută fișierele inbox-ului în arhivă sau carantină, pe cele din alt loc le copiază.")
    @OptionGroup var common: IngestOptions
    @Argument(help: "Fișiere .xml sau dosare (un dosar înseamnă *.xml din el); din afara inbox-ului se iau numai *.xml, copiate.") var paths: [String] = []
    @Option(help: "Dosarul inbox (când nu se dau căi).") var inbox: String?
    @Option(help: "Momentul primirii, ISO 8601 cu fus orar, pentru toate fișierele (altfel momentul sosirii înregistrat de sistem: ctime); nu poate fi în viitor.")
    var receivedAt: Moment?
    @Option(help: "Un fișier incomplet modificat de mai puțin de atâtea secunde este lăsat în inbox (implicit 60; settle_seconds în ccm.toml).")
    var settleSeconds: String?
    @Flag(help: "Un obiect JSON pe linie pentru fiecare fișier.") var json = false
    @Option(help: "Câte procese lucrează împreună (pe aceeași bază de date se pot porni oricâte și separat).")
    var workers = 1
    @Flag(help: "Pe terminal, câte un rând pentru fiecare fișier (altfel numai pentru cele respinse) și, la sfârșit, timpii interni ai rulării.")
    var verbose = false

    /// Before anything is read or moved, by any worker.
    func validate() throws {
        guard workers >= 1 && workers <= 64 else { throw ValidationError("--workers: între 1 și 64") }
        try refuseFutureReceipt(receivedAt)
    }

    func run() throws {
        // The other workers are this same command without --workers; the run ends with the worst exit code.
        let worst = try IngestWorkers.run(workers, arguments: Array(CommandLine.arguments.dropFirst()), work: work)
        if worst != 0 { throw ExitCode(worst) }
    }

    func work() throws {
        try execute {
            let pipeline = try IngestSession.open(try common.settings(inbox: inbox, settleSeconds: settleSeconds)).pipeline
            pipeline.verbose = verbose
            let started = Date()
            // One write per line: several workers may share standard output.
            let summary = try pipeline.run(paths: paths, receivedAt: receivedAt?.date, keepCertificateLines: json, each: { outcome in
                if json { FileHandle.standardOutput.write(Data((outcome.json.serialized() + "\n").utf8)) }
            }, noticed: { notice in
                if json { FileHandle.standardOutput.write(Data((notice.json.serialized() + "\n").utf8)) }
            })
            let byStatus = Dictionary(grouping: summary.outcomes, by: { $0.status.rawValue }).mapValues(\.count)
            let elapsed = Date().timeIntervalSince(started)
            OperatorLog.info("gata: " + RomanianCount.of(summary.outcomes.count, "fișier", "fișiere") + " (" +
                     byStatus.sorted(by: { $0.key < $1.key }).map { "\($0.key) \($0.value)" }.joined(separator: ", ") +
                     "), " + RomanianCount.of(summary.certificates, "certificat înregistrat", "certificate înregistrate") + ", " + String(format: "%.2f s", elapsed)
                     + notices(summary.notices))
            if verbose {
                OperatorLog.info("timp: \(summary.roundTrips) drumuri la baza de date, " +
                         String(format: "%.2f s în așteptarea ei, %.2f s în așteptarea pregătirii", summary.databaseWait, summary.preparationWait) +
                         " (\(summary.preparedAhead) fișiere pregătite în avans, \(summary.lookedAhead) cu căutările trimise " +
                         "înaintea scrierilor celui dinainte); așteptarea bazei: " + summary.waitsText)
            }
            if summary.left > 0 { throw AppError.filesLeft(summary.left) }
        }
    }

    /// Files left for a later run or not taken are a normal outcome (exit 0): said, not failed.
    func notices(_ all: [FileNotice]) -> String {
        let deferred = all.filter { $0.status == .amanat }.count, detached = all.filter { $0.reason == .lunaDetasata }.count
        let ignored = all.filter { $0.status == .ignorat }.count - detached
        return (deferred > 0 ? "; " + RomanianCount.of(deferred, "fișier amânat", "fișiere amânate") + " pentru rularea următoare" : "")
            + (ignored > 0 ? "; " + RomanianCount.of(ignored, "intrare neluată", "intrări neluate") + " (nu sunt .xml sau fișiere obișnuite)" : "")
            + (detached > 0 ? "; " + RomanianCount.of(detached, "fișier neprocesat", "fișiere neprocesate") + " (luni detașate)" : "")
    }
}
