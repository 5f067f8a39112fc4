import ArgumentParser
import CCMApp
import CCMCore
import Foundation

struct Revalidate: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "revalidate", abstract: "Reverifică certificatele cu erori ale unei luni; un verdict schimbat devine o versiune nouă.")
    @OptionGroup var common: RevalidateOptions
    @Option(help: "Luna raportată, AAAA-LL.") var luna: YearMonth

    func run() throws {
        try execute {
            let month = luna
            let settings = try common.settings()
            let rules = try RuleEngine.load(settings)
            let db = try App.connect(settings, as: .batch)
            let s = try Revalidation.run(db: db, rules: rules, luna: month)
            OperatorLog.info(s.line(month))
        }
    }
}
