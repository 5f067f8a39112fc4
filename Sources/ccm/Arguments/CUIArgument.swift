import ArgumentParser
import CCMCore

/// `--cui`: a fiscal code by its syntax (2–10 digits, `RO` prefix allowed); the text is kept for
/// the messages. Whether its control digit must hold is the command's to say.
struct CUIArgument: ExpressibleByArgument {
    let text: String
    let cui: CUI

    init?(argument: String) {
        guard let c = CUI(argument) else { return nil }
        text = argument; cui = c
    }
}
