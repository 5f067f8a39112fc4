import CCMCore
import CCMFormats
import Foundation

/// `ccm.toml`, read by TOMLDocument: `key = "value"` lines (strings, numbers, booleans).
/// A section's keys are named `section.key` and, as every key outside `knownKeys`, refused.
public struct ConfigFile: Equatable {
    public var values: [String: String] = [:]

    public static let knownKeys: Set<String> = [
        "database_url", "database_url_citire", "casa", "mediu", "signatures", "rules", "archive", "quarantine", "inbox",
        "schemas", "max_file_mb", "max_file_seconds", "max_signature_mb", "settle_seconds", "smtp", "from", "from_name", "contact", "publish",
    ]

    public init(values: [String: String] = [:]) { self.values = values }

    public static func load(_ path: String) throws -> ConfigFile {
        guard let text = try? String(contentsOfFile: path, encoding: .utf8) else {
            throw AppError.usage("fișierul de configurare \(path) nu poate fi citit")
        }
        return try parse(text, name: path)
    }

    public static func parse(_ text: String, name: String) throws -> ConfigFile {
        let root: [String: ConfigValue]
        do { root = try TOMLDocument.parse(text) } catch let f as TOMLDocument.Failure {
            throw AppError.usage("\(name):\(f.line): nu este TOML valid (un text se scrie între ghilimele: cheie = \"valoare\"); \(f.detail)")
        }
        var out = ConfigFile()
        for (key, value) in flattened(root, prefix: "") {
            let at = "\(name)\(line(of: key, in: text).map { ":\($0)" } ?? "")"
            guard knownKeys.contains(key) else {
                throw AppError.usage("\(at): cheie necunoscută „\(key)” (cunoscute: \(knownKeys.sorted().joined(separator: ", ")))")
            }
            switch value {
            case .string(let s): out.values[key] = s
            case .int(let i): out.values[key] = String(i)
            case .double(let d): out.values[key] = String(d)
            case .bool(let b): out.values[key] = String(b)
            default: throw AppError.usage("\(at): „\(key)” se scrie ca text între ghilimele sau ca număr")
            }
        }
        return out
    }

    /// A section's keys as `section.key`, so that none is silently dropped.
    static func flattened(_ table: [String: ConfigValue], prefix: String) -> [(String, ConfigValue)] {
        table.sorted { $0.key < $1.key }.flatMap { key, value -> [(String, ConfigValue)] in
            if case .table(let sub) = value { return flattened(sub, prefix: prefix + key + ".") }
            return [(prefix + key, value)]
        }
    }

    /// The line that sets `key` (its last part), for the message: TOMLKit keeps no positions.
    static func line(of key: String, in text: String) -> Int? {
        let last = key.split(separator: ".").last.map(String.init) ?? key
        for (i, raw) in text.split(omittingEmptySubsequences: false, whereSeparator: \.isNewline).enumerated() {
            let line = raw.drop { $0 == " " || $0 == "\t" }
            guard line.hasPrefix(last) else { continue }
            if line.dropFirst(last.count).drop(while: { $0 == " " || $0 == "\t" }).first == "=" { return i + 1 }
        }
        return nil
    }
}
