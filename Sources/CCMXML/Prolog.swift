import Foundation
import CCMCore

/// A byte-level look at the start of a file, before libxml2 sees it: which encoding it
/// declares, and whether a DOCTYPE comes before the root (the format has none, and refusing
/// it up front keeps every entity trick out of the parser).
public struct Prolog: Equatable {
    public enum Problem: Equatable {
        case doctype(line: Int)
        case encodingNotAllowed(String, line: Int)
        case utf16
        case bomDisagrees(String)
        case tooLong
    }

    public static let allowedEncodings: Set<String> = ["UTF-8", "ISO-8859-2", "WINDOWS-1250"]
    /// How far the prolog (declaration, comments, PIs) may run before the root element.
    public static let maxPrologBytes = 64 * 1024

    public var declaredEncoding: String?
    public var problem: Problem?

    public static func scan(_ bytes: [UInt8]) -> Prolog {
        var p = Prolog(declaredEncoding: nil, problem: nil)
        var i = 0
        var line = 1
        let hasUTF8BOM = bytes.starts(with: [0xEF, 0xBB, 0xBF])
        if bytes.starts(with: [0xFE, 0xFF]) || bytes.starts(with: [0xFF, 0xFE]) || bytes.starts(with: [0x00, 0x3C]) || bytes.starts(with: [0x3C, 0x00]) {
            p.problem = .utf16
            return p
        }
        if hasUTF8BOM { i = 3 }

        func starts(_ s: String, at j: Int) -> Bool {
            let u = Array(s.utf8)
            return j + u.count <= bytes.count && bytes[j..<(j + u.count)].elementsEqual(u)
        }
        func skipPast(_ terminator: String, from j: Int) -> Int? {
            let t = Array(terminator.utf8)
            var k = j
            while k + t.count <= bytes.count {
                if bytes[k] == 0x0A { line += 1 }
                if bytes[k..<(k + t.count)].elementsEqual(t) { return k + t.count }
                k += 1
            }
            return nil
        }

        if starts("<?xml", at: i), i + 5 < bytes.count, [0x20, 0x09, 0x0A, 0x0D].contains(bytes[i + 5]) {
            guard let end = skipPast("?>", from: i) else { p.problem = .tooLong; return p }
            let decl = String(decoding: bytes[i..<end], as: UTF8.self)
            p.declaredEncoding = encodingPseudoAttribute(decl)
            i = end
        }
        let enc = (p.declaredEncoding ?? "UTF-8").uppercased()
        if !allowedEncodings.contains(enc) {
            p.problem = .encodingNotAllowed(p.declaredEncoding ?? "", line: 1)
            return p
        }
        if hasUTF8BOM && enc != "UTF-8" {
            p.problem = .bomDisagrees(p.declaredEncoding ?? "")
            return p
        }
        // Misc* then the root: white space, comments and PIs may come first; a DOCTYPE may not.
        while i < bytes.count {
            let b = bytes[i]
            if b == 0x0A { line += 1; i += 1; continue }
            if b == 0x20 || b == 0x09 || b == 0x0D { i += 1; continue }
            if starts("<!--", at: i) {
                guard let e = skipPast("-->", from: i + 4) else { break }
                i = e; continue
            }
            if starts("<?", at: i) {
                guard let e = skipPast("?>", from: i + 2) else { break }
                i = e; continue
            }
            if starts("<!DOCTYPE", at: i) || starts("<!doctype", at: i) { p.problem = .doctype(line: line) }
            return p
        }
        if bytes.count >= maxPrologBytes { p.problem = .tooLong }
        return p
    }

    static func encodingPseudoAttribute(_ decl: String) -> String? {
        guard let r = decl.range(of: "encoding") else { return nil }
        var rest = decl[r.upperBound...].drop { $0 == " " || $0 == "\t" || $0 == "\n" || $0 == "\r" }
        guard rest.first == "=" else { return nil }
        rest = rest.dropFirst().drop { $0 == " " || $0 == "\t" || $0 == "\n" || $0 == "\r" }
        guard let quote = rest.first, quote == "\"" || quote == "'" else { return nil }
        let value = rest.dropFirst().prefix { $0 != quote }
        return String(value)
    }

    /// The F01 finding for a problem, in the provider's language.
    public static func finding(_ problem: Problem) -> Finding {
        F01NotWellFormed.finding(problem.detail, line: problem.line)
    }
}

extension Prolog.Problem {
    /// What the provider reads, in Romanian.
    public var detail: String {
        switch self {
        case .doctype: return "declarația DOCTYPE nu este permisă"
        case .encodingNotAllowed(let e, _): return "codificarea \"\(e)\" nu este permisă (UTF-8, ISO-8859-2 sau windows-1250)"
        case .utf16: return "codificarea UTF-16 nu este permisă (UTF-8, ISO-8859-2 sau windows-1250)"
        case .bomDisagrees(let e): return "marcajul BOM UTF-8 contrazice codificarea declarată \"\(e)\""
        case .tooLong: return "prologul documentului este prea lung sau neterminat"
        }
    }

    public var line: Int {
        switch self {
        case .doctype(let line), .encodingNotAllowed(_, let line): return line
        case .utf16, .bomDisagrees, .tooLong: return 1
        }
    }
}
