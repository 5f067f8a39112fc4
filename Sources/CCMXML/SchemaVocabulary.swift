import CLibXML2
import Foundation

/// The names and fixed values the submission XSD declares, and each field's type: what a
/// libxml2 message may repeat. A name a document made up is not in it, so a message never
/// quotes a document's text, whatever libxml2 put between its quotes.
public struct SchemaVocabulary: Sendable {
    /// Element and attribute names declared by the schema files (local names).
    public private(set) var names: Set<String> = []
    /// Values of every `xs:enumeration` and `fixed` attribute.
    public private(set) var values: Set<String> = []
    /// Element name → its type's local name.
    var elementTypes: [String: String] = [:]
    /// Complex type name → attribute name → type's local name.
    var attributeTypes: [String: [String: String]] = [:]

    public init() {}

    /// Reads `path` and the schema files it imports or includes from its own folder.
    init(schemaPath path: String) {
        var pending = [URL(fileURLWithPath: path).standardizedFileURL]
        var seen: Set<String> = []
        let folder = pending[0].deletingLastPathComponent().path + "/"
        while let url = pending.popLast() {
            guard url.path.hasPrefix(folder), seen.insert(url.path).inserted,
                  let doc = xmlReadFile(url.path, nil, Int32(XML_PARSE_NONET.rawValue)) else { continue }
            defer { xmlFreeDoc(doc) }
            for location in collect(xmlDocGetRootElement(doc), complexType: nil) {
                pending.append(url.deletingLastPathComponent().appendingPathComponent(location).standardizedFileURL)
            }
        }
    }

    /// The type of an element's text, or of one of its attributes.
    public func typeName(element: String, attribute: String?) -> String? {
        guard let attribute else { return elementTypes[element] }
        guard let complex = elementTypes[element] else { return nil }
        return attributeTypes[complex]?[attribute]
    }

    /// Walks the schema's tree; returns the files it imports or includes.
    private mutating func collect(_ node: xmlNodePtr?, complexType: String?) -> [String] {
        var locations: [String] = []
        var child = node
        while let n = child {
            defer { child = n.pointee.next }
            guard n.pointee.type == XML_ELEMENT_NODE, let raw = n.pointee.name else { continue }
            let kind = String(cString: raw)
            let name = attribute(n, "name")
            var inner = complexType
            switch kind {
            case "element":
                if let name {
                    names.insert(name)
                    if let type = attribute(n, "type") { elementTypes[name] = local(type) }
                }
            case "attribute":
                if let name {
                    names.insert(name)
                    if let owner = complexType, let type = attribute(n, "type") {
                        attributeTypes[owner, default: [:]][name] = local(type)
                    }
                }
            case "complexType":
                if let name { inner = name }
            case "enumeration":
                if let v = attribute(n, "value") { values.insert(v) }
            case "import", "include":
                if let l = attribute(n, "schemaLocation") { locations.append(l) }
            default: break
            }
            if let fixed = attribute(n, "fixed") { values.insert(fixed) }
            locations += collect(n.pointee.children, complexType: inner)
        }
        return locations
    }

    private func attribute(_ n: xmlNodePtr, _ name: String) -> String? {
        guard let v = xmlGetProp(n, name) else { return nil }
        defer { LibXML.free(v) }
        return String(cString: v)
    }

    private func local(_ qname: String) -> String { qname.split(separator: ":").last.map(String.init) ?? qname }
}
