import CCMApp
import CCMCore
import Foundation

/// A value ArgumentParser refused through its type (`The value 'X' is invalid for '--luna <luna>'`),
/// said in the one Romanian line each command has always said for it.
enum ArgumentRefusal {
    /// `message`: ArgumentParser's; `args`: the command line (a comparison names its formats).
    static func line(for message: String, args: [String]) -> String? {
        let lead = "The value '"
        guard message.hasPrefix(lead), let end = message.range(of: "' is invalid for '", options: .backwards) else { return nil }
        let value = String(message[message.index(message.startIndex, offsetBy: lead.count)..<end.lowerBound])
        let option = String(message[end.upperBound...].prefix { $0 != " " && $0 != "'" })
        let typed = args.prefix { $0 != "--" }
        switch option {
        case "--luna":
            // status quotes what it was given (a CNP in the wrong option is masked).
            return "--luna \(RomanianHelp.commandLine(args) == "ccm status" ? ReflectedText.quoted(value) : value): se așteaptă AAAA-LL"
        case "--format":
            return typed.contains { $0 == "--compare-to" || $0.hasPrefix("--compare-to=") }
                ? ComparisonReport.unsupported(value).description : "--format \(value): disponibile html, xlsx, csv, json și text"
        case "--cui":
            return RomanianHelp.commandLine(args) == "ccm status" ? Status.notACUI(value).description : "--cui \(value) invalid"
        case "--as-of", "--at", "--compare-to", "--received-at": return Moment.refusal(value, option: option)
        case "--mediu": return "--mediu trebuie să fie PRODUCTIE sau TEST"
        case "--signatures": return "--signatures trebuie să fie required sau off"
        case "--rol": return "--rol: REPREZENTANT_LEGAL sau UTILIZATOR"
        default: return nil
        }
    }
}
