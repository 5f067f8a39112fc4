import CCMRuntime
import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif
import XCTest

/// A minimal XLSX reader (unzip + XMLParser), shared by the workbook's tests.
/// Reads the parts of an .xlsx through `/usr/bin/unzip -p` (Debian package `unzip`).
public struct XLSXBook {
    public let path: String
    public let sheetNames: [String]
    private let sheetFiles: [String: String]
    private let shared: [String]
    private let styles: XLSXNode?

    public static let unzip = "/usr/bin/unzip"

    public init(_ path: String) throws {
        guard FileManager.default.isExecutableFile(atPath: Self.unzip) else {
            XCTFail("\(Self.unzip) lipsește: instalați pachetul Debian `unzip` (apt-get install unzip) în scripts/setup.sh")
            throw XLSXReadError("unzip missing")
        }
        self.path = path
        let workbook = try Self.part(path, "xl/workbook.xml")
        let rels = try Self.part(path, "xl/_rels/workbook.xml.rels")
        var targets: [String: String] = [:]
        for r in rels.all("Relationship") {
            if let id = r.attrs["Id"], let t = r.attrs["Target"] { targets[id] = t.hasPrefix("/") ? String(t.dropFirst()) : "xl/" + t }
        }
        var names: [String] = []
        var files: [String: String] = [:]
        for s in workbook.all("sheet") {
            guard let name = s.attrs["name"] else { continue }
            names.append(name)
            if let id = s.attrs["r:id"], let t = targets[id] { files[name] = t }
        }
        sheetNames = names; sheetFiles = files
        shared = (try? Self.part(path, "xl/sharedStrings.xml"))?.all("si").map { $0.all("t").map(\.text).joined() } ?? []
        styles = try? Self.part(path, "xl/styles.xml")
    }

    /// The sheet's own XML, to see how each cell is typed.
    public func sheetXML(_ name: String) throws -> XLSXNode {
        guard let file = sheetFiles[name] else { throw XLSXReadError("no sheet \(name) in \(sheetNames)") }
        return try Self.part(path, file)
    }

    public var sharedStrings: [String] { shared }

    public func sheet(_ name: String) throws -> XLSXSheet {
        guard let file = sheetFiles[name] else { throw XLSXReadError("no sheet \(name) in \(sheetNames)") }
        return XLSXSheet(try Self.part(path, file), shared: shared)
    }

    // Styles: cellXfs[s] → fills / fonts / numFmts.
    private func xf(_ s: Int) -> XLSXNode? {
        let xfs = styles?.first("cellXfs")?.children.filter { $0.name == "xf" } ?? []
        return s < xfs.count ? xfs[s] : nil
    }

    public func fill(ofStyle s: Int) -> String? {
        guard let id = xf(s)?.attrs["fillId"].flatMap(Int.init) else { return nil }
        let fills = styles?.first("fills")?.children.filter { $0.name == "fill" } ?? []
        guard id < fills.count, let rgb = fills[id].first("fgColor")?.attrs["rgb"] else { return nil }
        return String(rgb.suffix(6))
    }

    public func fontColor(ofStyle s: Int) -> String? {
        guard let id = xf(s)?.attrs["fontId"].flatMap(Int.init) else { return nil }
        let fonts = styles?.first("fonts")?.children.filter { $0.name == "font" } ?? []
        guard id < fonts.count else { return nil }
        return fonts[id].first("color")?.attrs["rgb"] ?? "FF000000"
    }

    public func wraps(style s: Int) -> Bool { xf(s)?.first("alignment")?.attrs["wrapText"] == "1" }

    public func numberFormat(ofStyle s: Int) -> String {
        guard let id = xf(s)?.attrs["numFmtId"] else { return "" }
        return styles?.all("numFmt").first { $0.attrs["numFmtId"] == id }?.attrs["formatCode"] ?? "builtin \(id)"
    }

    public static func part(_ path: String, _ member: String) throws -> XLSXNode {
        let r = try Subprocess.run(unzip, ["-p", path, member])
        guard r.status == 0, !r.stdout.isEmpty else { throw XLSXReadError("unzip -p \(member): \(r.output)") }
        return try XLSXNode.parse(r.stdout)
    }
}

public struct XLSXSheet {
    public enum Value: Equatable, Sendable { case string(String), number(Double) }
    public private(set) var cells: [String: Value] = [:]
    public private(set) var styles: [String: Int] = [:]
    public private(set) var lastRow = 0
    public let pane: [String: String]?
    public let autoFilter: String?
    public private(set) var columnWidths: [Int: Double] = [:]

    public init(_ root: XLSXNode, shared: [String]) {
        pane = root.first("pane")?.attrs
        autoFilter = root.first("autoFilter")?.attrs["ref"]
        for col in root.all("col") {
            guard let lo = col.attrs["min"].flatMap(Int.init), let hi = col.attrs["max"].flatMap(Int.init),
                  let w = col.attrs["width"].flatMap(Double.init) else { continue }
            for i in lo...hi { columnWidths[i - 1] = w }
        }
        for row in root.all("row") {
            if let r = row.attrs["r"].flatMap(Int.init), !row.children.filter({ $0.name == "c" }).isEmpty { lastRow = max(lastRow, r) }
        }
        for c in root.all("c") {
            guard let ref = c.attrs["r"] else { continue }
            styles[ref] = c.attrs["s"].flatMap(Int.init) ?? 0
            let v = c.first("v")?.text
            switch c.attrs["t"] {
            case "s": if let i = v.flatMap(Int.init), i < shared.count { cells[ref] = .string(shared[i]) }
            case "inlineStr": cells[ref] = .string(c.all("t").map(\.text).joined())
            case "str", "b", "e": if let v { cells[ref] = .string(v) }
            default: if let v, let d = Double(v) { cells[ref] = .number(d) }
            }
        }
    }

    public func string(_ ref: String) -> String {
        switch cells[ref] {
        case .string(let s): return s
        case .number(let d): return "\(d)"
        case nil: return ""
        }
    }

    public func number(_ ref: String) -> Double? {
        if case .number(let d) = cells[ref] { return d }
        return nil
    }

    public func style(_ ref: String) -> Int { styles[ref] ?? 0 }

    public func rowStrings(_ row: Int, columns: Int) -> [String] {
        (0..<columns).map { string(Self.column($0) + "\(row)") }
    }

    public static func column(_ i: Int) -> String {
        var n = i + 1, s = ""
        while n > 0 { let m = (n - 1) % 26; s = String(UnicodeScalar(UInt8(65 + m))) + s; n = (n - 1) / 26 }
        return s
    }
}

public struct XLSXReadError: Error, CustomStringConvertible {
    public let description: String
    public init(_ d: String) { description = d }
}

/// A tiny DOM over Foundation's XMLParser.
public final class XLSXNode {
    public let name: String
    public let attrs: [String: String]
    public var children: [XLSXNode] = []
    public var text = ""

    public init(name: String, attrs: [String: String]) { self.name = name; self.attrs = attrs }

    public func all(_ n: String) -> [XLSXNode] { children.flatMap { ($0.name == n ? [$0] : []) + $0.all(n) } }
    public func first(_ n: String) -> XLSXNode? {
        for c in children {
            if c.name == n { return c }
            if let f = c.first(n) { return f }
        }
        return nil
    }

    public static func parse(_ data: Data) throws -> XLSXNode {
        let builder = Builder()
        let parser = XMLParser(data: data)
        parser.delegate = builder
        guard parser.parse() else { throw XLSXReadError("XML invalid: \(parser.parserError.map { "\($0)" } ?? "?")") }
        return builder.root
    }

    private final class Builder: NSObject, XMLParserDelegate {
        let root = XLSXNode(name: "#document", attrs: [:])
        lazy var stack: [XLSXNode] = [root]

        func parser(_ parser: XMLParser, didStartElement name: String, namespaceURI: String?, qualifiedName: String?,
                    attributes: [String: String] = [:]) {
            let node = XLSXNode(name: name, attrs: attributes)
            stack.last?.children.append(node)
            stack.append(node)
        }

        func parser(_ parser: XMLParser, didEndElement name: String, namespaceURI: String?, qualifiedName: String?) {
            stack.removeLast()
        }

        func parser(_ parser: XMLParser, foundCharacters string: String) { stack.last?.text += string }
    }
}
