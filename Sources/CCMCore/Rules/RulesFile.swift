/// Checks the rules file (`Schemas/reguli.toml`): severities and dated rule sets, checked on load.
/// CCMFormats reads the file's TOML into `ConfigValue`s (`RulesFile.parse(_:knownCodes:)`).
public enum RulesFile {
    public struct Invalid: Error, CustomStringConvertible {
        public var description: String
        public init(description: String) { self.description = description }
    }

    public static func read(_ root: [String: ConfigValue], knownCodes: Set<String>) throws -> RulesConfig {
        var severities: [String: Severity] = [:]
        if case .table(let t)? = root["severitati"] {
            for (code, v) in t {
                guard knownCodes.contains(code) else { throw Invalid(description: "[severitati]: cod necunoscut „\(code)”") }
                guard case .string(let s) = v, let sev = Severity(rawValue: s) else {
                    throw Invalid(description: "[severitati] \(code): se așteaptă \"EROARE\", \"AVERTISMENT\" sau \"OFF\"")
                }
                severities[code] = sev
            }
        }
        guard case .tables(let sets)? = root["set"], !sets.isEmpty else { throw Invalid(description: "lipsește cel puțin un [[set]]") }
        var out: [RuleSet] = []
        for (i, s) in sets.enumerated() {
            let label = "[[set]] nr. \(i + 1)"
            guard case .string(let name)? = s["nume"] else { throw Invalid(description: "\(label): lipsește nume") }
            guard let from = date(s["de_la"]) else { throw Invalid(description: "\(name): de_la trebuie să fie o dată AAAA-LL-ZZ") }
            var limits: [DurationLimit] = []
            if case .tables(let ls)? = s["limita"] {
                for (j, l) in ls.enumerated() {
                    let where_ = "\(name), limita nr. \(j + 1)"
                    guard case .array(let cs)? = l["coduri"], !cs.isEmpty else { throw Invalid(description: "\(where_): lipsește coduri = [\"01\", …]") }
                    let codes = try cs.map { v -> String in
                        guard case .string(let c) = v else { throw Invalid(description: "\(where_): codurile sunt șiruri (\"01\")") }
                        return c
                    }
                    guard case .string(let scopeText)? = l["domeniu"], let scope = DurationLimit.Scope(rawValue: scopeText) else {
                        throw Invalid(description: "\(where_): domeniu trebuie să fie unul din " +
                                      DurationLimit.Scope.allCases.map(\.rawValue).joined(separator: ", "))
                    }
                    guard case .int(let max)? = l["max"], max > 0 else { throw Invalid(description: "\(where_): max trebuie să fie un număr pozitiv") }
                    var place: Int?
                    if let p = l["loc"] {
                        guard case .int(let pv) = p, (1...4).contains(pv) else { throw Invalid(description: "\(where_): loc este 1–4") }
                        place = pv
                    }
                    var desc = ""
                    if case .string(let d)? = l["descriere"] { desc = d }
                    limits.append(DurationLimit(description: desc, codes: Set(codes), place: place, scope: scope, max: max))
                }
            }
            out.append(RuleSet(name: name, from: from, limits: limits))
        }
        if Set(out.map(\.from)).count != out.count { throw Invalid(description: "două seturi încep la aceeași dată") }
        return RulesConfig(severities: severities, sets: out)
    }

    /// `de_la = "2024-05-14"` as the shipped file writes it, or TOML's own date `de_la = 2024-05-14`.
    static func date(_ value: ConfigValue?) -> LocalDate? {
        switch value {
        case .string(let text)?: return LocalDate(text)
        case .date(let d)?: return d
        default: return nil
        }
    }
}
