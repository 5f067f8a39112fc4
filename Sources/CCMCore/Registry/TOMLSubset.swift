/// The part of TOML the rules file uses: `[table]`, `[[array.of.tables]]`, `key = value` with
/// strings, integers and arrays of them, `#` comments. Errors name the line.
public enum TOMLSubset {
    public indirect enum Value: Equatable, Sendable {
        case string(String), int(Int), array([Value]), table([String: Value]), tables([[String: Value]])
    }
    public struct Failure: Error, Equatable, CustomStringConvertible {
        public var line: Int
        public var message: String
        public var description: String { "linia \(line): \(message)" }
    }

    public static func parse(_ text: String) throws -> [String: Value] {
        var root: [String: Value] = [:]
        var path: [String] = []        // current table path
        // "\r\n" is one Character in Swift: split on both, a file edited on Windows is the same file.
        for (i, raw) in text.split(omittingEmptySubsequences: false, whereSeparator: { $0 == "\n" || $0 == "\r\n" }).enumerated() {
            let line = stripComment(String(raw)).trimmingSpaces
            let n = i + 1
            if line.isEmpty { continue }
            if line.hasPrefix("[[") {
                guard line.hasSuffix("]]") else { throw Failure(line: n, message: "se aștepta ]]") }
                path = line.dropFirst(2).dropLast(2).split(separator: ".").map { String($0).trimmingSpaces }
                try appendTable(&root, path, line: n)
            } else if line.hasPrefix("[") {
                guard line.hasSuffix("]") else { throw Failure(line: n, message: "se aștepta ]") }
                path = line.dropFirst().dropLast().split(separator: ".").map { String($0).trimmingSpaces }
                try setValue(&root, path, nil, .table([:]), line: n, createOnly: true)
            } else {
                guard let eq = line.firstIndex(of: "=") else { throw Failure(line: n, message: "se aștepta cheie = valoare") }
                let key = String(line[..<eq]).trimmingSpaces
                let valueText = String(line[line.index(after: eq)...]).trimmingSpaces
                guard !key.isEmpty else { throw Failure(line: n, message: "cheie lipsă") }
                var rest = Substring(valueText)
                let value = try parseValue(&rest, line: n)
                guard String(rest).trimmingSpaces.isEmpty else { throw Failure(line: n, message: "text după valoare") }
                try setValue(&root, path, key, value, line: n, createOnly: false)
            }
        }
        return root
    }

    static func stripComment(_ s: String) -> String {
        var inString = false
        for (i, c) in s.enumerated() {
            if c == "\"" { inString.toggle() }
            if c == "#" && !inString { return String(s.prefix(i)) }
        }
        return s
    }

    static func parseValue(_ s: inout Substring, line: Int) throws -> Value {
        s = Substring(String(s).trimmingSpaces)
        guard let first = s.first else { throw Failure(line: line, message: "valoare lipsă") }
        if first == "\"" {
            s = s.dropFirst()
            guard let end = s.firstIndex(of: "\"") else { throw Failure(line: line, message: "ghilimele neînchise") }
            let v = String(s[..<end]); s = s[s.index(after: end)...]
            return .string(v)
        }
        if first == "[" {
            s = s.dropFirst()
            var items: [Value] = []
            while true {
                s = Substring(String(s).trimmingSpaces)
                if s.first == "]" { s = s.dropFirst(); return .array(items) }
                items.append(try parseValue(&s, line: line))
                s = Substring(String(s).trimmingSpaces)
                if s.first == "," { s = s.dropFirst() } else if s.first != "]" { throw Failure(line: line, message: "se aștepta , sau ]") }
            }
        }
        let token = s.prefix { $0 != "," && $0 != "]" && $0 != " " }
        s = s.dropFirst(token.count)
        guard let v = Int(token) else { throw Failure(line: line, message: "valoare neînțeleasă „\(token)”") }
        return .int(v)
    }

    static func setValue(_ table: inout [String: Value], _ path: [String], _ key: String?, _ value: Value,
                         line: Int, createOnly: Bool) throws {
        guard let head = path.first else {
            guard let key else { return }
            guard table[key] == nil else { throw Failure(line: line, message: "cheia „\(key)” apare de două ori") }
            table[key] = value
            return
        }
        switch table[head] {
        case .none:
            var sub: [String: Value] = [:]
            try setValue(&sub, Array(path.dropFirst()), key, value, line: line, createOnly: createOnly)
            table[head] = .table(sub)
        case .table(var sub):
            try setValue(&sub, Array(path.dropFirst()), key, value, line: line, createOnly: createOnly)
            table[head] = .table(sub)
        case .tables(var list):
            var last = list.popLast() ?? [:]
            try setValue(&last, Array(path.dropFirst()), key, value, line: line, createOnly: createOnly)
            list.append(last)
            table[head] = .tables(list)
        default:
            throw Failure(line: line, message: "„\(head)” nu este un tabel")
        }
    }

    static func appendTable(_ table: inout [String: Value], _ path: [String], line: Int) throws {
        guard let head = path.first else { return }
        if path.count == 1 {
            switch table[head] {
            case .none: table[head] = .tables([[:]])
            case .tables(var list): list.append([:]); table[head] = .tables(list)
            default: throw Failure(line: line, message: "„\(head)” nu este o listă de tabele")
            }
            return
        }
        switch table[head] {
        case .tables(var list):
            var last = list.popLast() ?? [:]
            try appendTable(&last, Array(path.dropFirst()), line: line)
            list.append(last)
            table[head] = .tables(list)
        case .table(var sub):
            try appendTable(&sub, Array(path.dropFirst()), line: line)
            table[head] = .table(sub)
        case .none:
            var sub: [String: Value] = [:]
            try appendTable(&sub, Array(path.dropFirst()), line: line)
            table[head] = .table(sub)
        default:
            throw Failure(line: line, message: "„\(head)” nu este un tabel")
        }
    }
}
