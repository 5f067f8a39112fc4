import Foundation

/// `ccm.toml`: flat `key = "value"` lines (TOML's basic strings, integers and booleans,
/// `#` comments). Sections are accepted and flattened as `section.key`.
public struct ConfigFile: Equatable {
    public var values: [String: String] = [:]

    public static let knownKeys: Set<String> = [
        "database_url", "casa", "mediu", "signatures", "rules", "archive", "quarantine", "inbox",
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
        var out = ConfigFile()
        var section = ""
        for (i, raw) in text.components(separatedBy: "\n").enumerated() {
            let line = raw.trimmingCharacters(in: .whitespacesAndNewlines)
            if line.isEmpty || line.hasPrefix("#") { continue }
            if line.hasPrefix("[") && line.hasSuffix("]") {
                section = String(line.dropFirst().dropLast()).trimmingCharacters(in: .whitespaces) + "."
                continue
            }
            guard let eq = line.firstIndex(of: "=") else {
                throw AppError.usage("\(name):\(i + 1): se aștepta cheie = valoare")
            }
            let key = section + line[..<eq].trimmingCharacters(in: .whitespaces)
            var value = line[line.index(after: eq)...].trimmingCharacters(in: .whitespaces)
            if value.hasPrefix("\"") {
                guard let close = value.dropFirst().firstIndex(of: "\"") else {
                    throw AppError.usage("\(name):\(i + 1): ghilimele neînchise")
                }
                value = String(value[value.index(after: value.startIndex)..<close])
            } else if let hash = value.firstIndex(of: "#") {
                value = value[..<hash].trimmingCharacters(in: .whitespaces)
            }
            guard knownKeys.contains(key) else {
                throw AppError.usage("\(name):\(i + 1): cheie necunoscută „\(key)” (cunoscute: \(knownKeys.sorted().joined(separator: ", ")))")
            }
            out.values[key] = value
        }
        return out
    }
}
