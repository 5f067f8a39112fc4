import CXMLSec
import Foundation

/// Canonical XML 1.0, inclusive or exclusive (`REC-xml-c14n-20010315`, `xml-exc-c14n`), written
/// node by node as libxml2's reader meets them, for the whole document: the node-set of a
/// reference URI="" (comments left out) minus what the caller skips (the enveloped signature).
/// It reproduces libxml2's own `xmlC14NExecute` byte for byte — that is what xmlsec digests —
/// including its namespace bookkeeping; `CanonicalWriterTests` compare the two.
///
/// Memory is the reader's: one element's namespaces and attributes at a time, plus the
/// namespace scopes of the open elements.
final class CanonicalWriter {
    enum Mode: Equatable {
        case inclusive
        /// The InclusiveNamespaces PrefixList; "#default" (or "") stands for the default namespace.
        case exclusive(inclusivePrefixes: [String])
    }

    private let exclusive: Bool
    private let listed: [String]
    private let listsDefault: Bool
    private let sink: (UnsafeRawBufferPointer) -> Void
    // The writer's state is touched per node by its one owner and never while a call into the
    // sink is running (the sink only digests): the runtime's exclusivity checks on each access
    // were a tenth of an enveloped file's canonicalization.
    @exclusivity(unchecked) private var out: [UInt8] = []
    private let flushAt = 1 << 16

    /// prefix ("" for the default) → URI in scope, and (exclusive) → URI rendered by the
    /// output ancestors; each element's changes are undone when it ends.
    @exclusivity(unchecked) private var inScope: [String: String] = [:]
    @exclusivity(unchecked) private var rendered: [String: String] = [:]
    @exclusivity(unchecked) private var undo: [[(inScope: Bool, prefix: String, previous: String?)]] = []

    private enum Position { case beforeRoot, inRoot, afterRoot }
    @exclusivity(unchecked) private var position = Position.beforeRoot

    init(mode: Mode, sink: @escaping (UnsafeRawBufferPointer) -> Void) {
        switch mode {
        case .inclusive:
            exclusive = false; listed = []; listsDefault = false
        case .exclusive(let prefixes):
            exclusive = true
            listsDefault = prefixes.contains("#default") || prefixes.contains("")
            listed = prefixes.filter { $0 != "#default" && !$0.isEmpty }
        }
        self.sink = sink
        out.reserveCapacity(flushAt + 4096)
    }

    /// Everything written so far reaches the sink.
    func finish() {
        flush()
    }

    // MARK: - nodes

    func startElement(_ node: xmlNodePtr, isEmpty: Bool) {
        if undo.isEmpty { position = .inRoot }
        undo.append([])
        append("<")
        appendQName(node.pointee.ns, node.pointee.name)
        exclusive ? exclusiveNamespaces(node) : inclusiveNamespaces(node)
        attributes(node)
        append(">")
        if isEmpty { endElement(node) }
    }

    func endElement(_ node: xmlNodePtr) {
        append("</")
        appendQName(node.pointee.ns, node.pointee.name)
        append(">")
        for change in (undo.popLast() ?? []).reversed() {
            if change.inScope { inScope[change.prefix] = change.previous } else { rendered[change.prefix] = change.previous }
        }
        if undo.isEmpty { position = .afterRoot }
    }

    /// Text, CDATA and white space inside the root element (outside it there is none to write).
    func text(_ value: UnsafePointer<xmlChar>?) {
        guard position == .inRoot, let value else { return }
        escape(value, attribute: false)
    }

    func processingInstruction(target: UnsafePointer<xmlChar>?, data: UnsafePointer<xmlChar>?) {
        if position == .afterRoot { append("\n") }
        append("<?")
        if let target { appendRaw(target) }
        if let data, data.pointee != 0 {
            append(" ")
            escapePI(data)
        }
        append("?>")
        if position == .beforeRoot { append("\n") }
    }

    // MARK: - namespaces

    /// Inclusive: every namespace in scope that the parent's scope does not have with the same
    /// URI — that is, the element's own declarations that change something.
    private func inclusiveNamespaces(_ node: xmlNodePtr) {
        var printed: [(String, String)] = []
        var ns = node.pointee.nsDef
        while let n = ns {
            ns = n.pointee.next
            let prefix = Self.string(n.pointee.prefix), uri = Self.string(n.pointee.href)
            if Self.isXMLNamespace(prefix, uri) { continue }
            if !alreadyRendered(prefix, uri, in: inScope) { printed.append((prefix, uri)) }
            set(prefix, uri, inScope: true)
        }
        writeNamespaces(printed)
    }

    /// Exclusive (libxml2's `xmlExcC14NProcessNamespacesAxis`): the listed prefixes in scope,
    /// then the element's namespace, then its attributes' — each unless an output ancestor
    /// already rendered the same URI for it; `xmlns=""` where the empty default is used.
    private func exclusiveNamespaces(_ node: xmlNodePtr) {
        // The common case, cheaply: no declarations, no list, no qualified attribute, and the
        // parent's namespace — which the parent, still open, has already rendered.
        if node.pointee.nsDef == nil, listed.isEmpty, !listsDefault, let ns = node.pointee.ns,
           let parent = node.pointee.parent, parent.pointee.type == XML_ELEMENT_NODE, parent.pointee.ns == ns {
            var attr = node.pointee.properties
            while let a = attr, a.pointee.ns == nil { attr = a.pointee.next }
            if attr == nil { return }
        }
        // The element's own declarations first enter the scope (they are what lookups see).
        var ns = node.pointee.nsDef
        while let n = ns {
            ns = n.pointee.next
            set(Self.string(n.pointee.prefix), Self.string(n.pointee.href), inScope: true)
        }
        var printed: [(String, String)] = []
        var hasEmptyNs = false, utilisesEmptyDefault = false
        func consider(_ prefix: String, _ uri: String) {
            if !alreadyRendered(prefix, uri, in: rendered) { printed.append((prefix, uri)) }
            set(prefix, uri, inScope: false)
            if prefix.isEmpty { hasEmptyNs = true }
        }
        for prefix in listed {
            if let uri = inScope[prefix], !Self.isXMLNamespace(prefix, uri) { consider(prefix, uri) }
        }
        if listsDefault, let uri = inScope[""] { consider("", uri) }

        if let own = node.pointee.ns {
            let prefix = Self.string(own.pointee.prefix), uri = Self.string(own.pointee.href)
            if !Self.isXMLNamespace(prefix, uri) { consider(prefix, uri) }
        } else {
            utilisesEmptyDefault = true
            if let uri = inScope[""] { consider("", uri) }
        }
        var attr = node.pointee.properties
        while let a = attr {
            attr = a.pointee.next
            guard let ans = a.pointee.ns else { continue }
            let prefix = Self.string(ans.pointee.prefix), uri = Self.string(ans.pointee.href)
            if Self.isXMLNamespace(prefix, uri) { continue }
            consider(prefix, uri)
        }
        if !hasEmptyNs, utilisesEmptyDefault || listsDefault, let current = rendered[""], !current.isEmpty {
            // libxml2 prints this xmlns="" without recording it as rendered.
            printed.append(("", ""))
        }
        writeNamespaces(printed)
    }

    /// libxml2's `xmlC14NVisibleNsStackFind`: the same URI for the prefix is already there; a
    /// prefix never seen counts as rendered only for the empty default.
    private func alreadyRendered(_ prefix: String, _ uri: String, in map: [String: String]) -> Bool {
        if let current = map[prefix] { return current == uri }
        return prefix.isEmpty && uri.isEmpty
    }

    private func set(_ prefix: String, _ uri: String, inScope scope: Bool) {
        let previous = scope ? inScope.updateValue(uri, forKey: prefix) : rendered.updateValue(uri, forKey: prefix)
        undo[undo.count - 1].append((scope, prefix, previous))
    }

    private func writeNamespaces(_ list: [(String, String)]) {
        // Sorted by prefix (the default, "", first); a prefix printed twice is printed once.
        var seen = Set<String>()
        for (prefix, uri) in list.sorted(by: { Array($0.0.utf8).lexicographicallyPrecedes(Array($1.0.utf8)) })
        where seen.insert(prefix).inserted {
            append(prefix.isEmpty ? " xmlns=\"" : " xmlns:")
            if !prefix.isEmpty { append(prefix); append("=\"") }
            append(uri)
            append("\"")
        }
    }

    // MARK: - attributes

    private func attributes(_ node: xmlNodePtr) {
        guard let first = node.pointee.properties else { return }
        if first.pointee.next == nil { return attribute(first) }
        var all: [xmlAttrPtr] = []
        var attr: xmlAttrPtr? = first
        while let a = attr { all.append(a); attr = a.pointee.next }
        all.sort(by: Self.precedes)
        all.forEach(attribute)
    }

    /// libxml2's `xmlC14NAttrsCompare`: no namespace first, then by namespace URI, then local name.
    private static func precedes(_ a: xmlAttrPtr, _ b: xmlAttrPtr) -> Bool {
        func cmp(_ x: UnsafePointer<xmlChar>?, _ y: UnsafePointer<xmlChar>?) -> Int32 { xmlStrcmp(x, y) }
        if a.pointee.ns == b.pointee.ns { return cmp(a.pointee.name, b.pointee.name) < 0 }
        guard let an = a.pointee.ns else { return true }
        guard let bn = b.pointee.ns else { return false }
        if an.pointee.prefix == nil { return true }
        if bn.pointee.prefix == nil { return false }
        let byURI = cmp(an.pointee.href, bn.pointee.href)
        return byURI != 0 ? byURI < 0 : cmp(a.pointee.name, b.pointee.name) < 0
    }

    private func attribute(_ a: xmlAttrPtr) {
        append(" ")
        if let ns = a.pointee.ns, let prefix = ns.pointee.prefix, prefix.pointee != 0 {
            appendRaw(prefix)
            append(":")
        }
        if let name = a.pointee.name { appendRaw(name) }
        append("=\"")
        var child = a.pointee.children
        while let c = child {
            if let content = c.pointee.content { escape(content, attribute: true) }
            child = c.pointee.next
        }
        append("\"")
    }

    // MARK: - bytes

    private func appendQName(_ ns: xmlNsPtr?, _ name: UnsafePointer<xmlChar>?) {
        if let ns, let prefix = ns.pointee.prefix, prefix.pointee != 0 {
            appendRaw(prefix)
            append(":")
        }
        if let name { appendRaw(name) }
    }

    private func append(_ s: String) {
        out.append(contentsOf: s.utf8)
        if out.count >= flushAt { flush() }
    }

    private func appendRaw(_ p: UnsafePointer<xmlChar>) {
        out.append(contentsOf: UnsafeBufferPointer(start: p, count: strlen(p)))
        if out.count >= flushAt { flush() }
    }

    /// Text: & < > and CR escaped; attribute values: & < " TAB LF CR.
    private func escape(_ p: UnsafePointer<xmlChar>, attribute: Bool) {
        var start = p, cur = p
        while cur.pointee != 0 {
            let replacement: StaticString?
            switch cur.pointee {
            case UInt8(ascii: "&"): replacement = "&amp;"
            case UInt8(ascii: "<"): replacement = "&lt;"
            case UInt8(ascii: ">"): replacement = attribute ? nil : "&gt;"
            case UInt8(ascii: "\""): replacement = attribute ? "&quot;" : nil
            case 0x09: replacement = attribute ? "&#x9;" : nil
            case 0x0A: replacement = attribute ? "&#xA;" : nil
            case 0x0D: replacement = "&#xD;"
            default: replacement = nil
            }
            if let replacement {
                out.append(contentsOf: UnsafeBufferPointer(start: start, count: cur - start))
                out.append(contentsOf: UnsafeBufferPointer(start: replacement.utf8Start, count: replacement.utf8CodeUnitCount))
                start = cur + 1
            }
            cur += 1
        }
        out.append(contentsOf: UnsafeBufferPointer(start: start, count: cur - start))
        if out.count >= flushAt { flush() }
    }

    /// Processing-instruction data: only CR is escaped.
    private func escapePI(_ p: UnsafePointer<xmlChar>) {
        var cur = p
        while cur.pointee != 0 {
            if cur.pointee == 0x0D { append("&#xD;") } else { out.append(cur.pointee) }
            cur += 1
        }
    }

    private func flush() {
        guard !out.isEmpty else { return }
        out.withUnsafeBytes { sink($0) }
        out.removeAll(keepingCapacity: true)
    }

    private static func string(_ p: UnsafePointer<xmlChar>?) -> String {
        guard let p else { return "" }
        return String(cString: p)
    }

    private static func isXMLNamespace(_ prefix: String, _ uri: String) -> Bool {
        prefix == "xml" && uri == "http://www.w3.org/XML/1998/namespace"
    }
}
