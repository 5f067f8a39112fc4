import CCMCore
import TOMLKit

/// A TOML file read with TOMLKit into the core's `ConfigValue`s; a syntax error names its line.
public enum TOMLDocument {
    public struct Failure: Error, Equatable, CustomStringConvertible {
        public var line: Int
        /// toml++'s English text, shown to the operator after the Romanian words.
        public var detail: String
        public var description: String { "linia \(line): nu este TOML valid (\(detail))" }
    }

    public static func parse(_ text: String) throws -> [String: ConfigValue] {
        do {
            return values(try TOMLTable(string: text))
        } catch let e as TOMLParseError {
            throw Failure(line: max(1, e.source.begin.line), detail: e.description)
        }
    }

    static func values(_ table: TOMLTable) -> [String: ConfigValue] {
        var out: [String: ConfigValue] = [:]
        for (key, value) in table { out[key] = self.value(value) }
        return out
    }

    static func value(_ v: TOMLValueConvertible) -> ConfigValue {
        if let s = v.string { return .string(s) }
        if let i = v.int { return .int(i) }
        if let d = v.double { return .double(d) }
        if let b = v.bool { return .bool(b) }
        if let t = v.table { return .table(values(t)) }
        if let d = v.date { return LocalDate(year: d.year, month: d.month, day: d.day).map(ConfigValue.date) ?? .other("date") }
        if let a = v.array {
            // `[[set]]` and `set = [{…}]` are the same array of tables in TOML.
            let tables = a.compactMap(\.table)
            if !tables.isEmpty && tables.count == a.count { return .tables(tables.map(values)) }
            return .array(a.map(value))
        }
        return .other(v.type.description)
    }
}
