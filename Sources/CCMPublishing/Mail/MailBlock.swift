/// A piece of an e-mail's body, written once and rendered as plain text and as HTML, so that the
/// two parts always say the same.
enum MailBlock {
    /// A line of a list: a certificate or a file (`head`) and what is wrong with it (`details`).
    /// `inline`: the details follow the head on its line in the text part (`CCMAM 1: C01 …; C05 …`).
    struct Item { var head: String; var details: [String]; var inline: Bool }

    /// A paragraph; a "\n" in it is a line break.
    case paragraph(String)
    case list([Item])

    static func text(_ blocks: [MailBlock]) -> String {
        blocks.map { block -> String in
            switch block {
            case .paragraph(let p): return p + "\n"
            case .list(let items):
                return items.map { i in
                    i.inline ? "  \(i.head): \(i.details.joined(separator: "; "))\n"
                             : "  \(i.head):\n" + i.details.map { "    \($0)\n" }.joined()
                }.joined()
            }
        }.joined(separator: "\n")
    }

    /// Every value escaped: names, file names and messages come from documents and registries.
    static func html(_ blocks: [MailBlock]) -> String {
        let esc = CentralizerHTML.esc
        return blocks.map { block -> String in
            switch block {
            case .paragraph(let p):
                return "<p>" + p.split(separator: "\n", omittingEmptySubsequences: false).map { esc(String($0)) }.joined(separator: "<br>") + "</p>"
            case .list(let items):
                return "<ul>" + items.map { i in
                    "<li>" + esc(i.head) + (i.details.isEmpty ? "" : "<ul>" + i.details.map { "<li>\(esc($0))</li>" }.joined() + "</ul>") + "</li>"
                }.joined() + "</ul>"
            }
        }.joined(separator: "\n")
    }
}
