/// One duration limit of a dated rule set (`02-validation-rules.md` §4).
public struct DurationLimit: Sendable, Equatable {
    /// What is summed: this certificate, this INITIAL, the chain, or the insured's / child's
    /// days in the calendar year or month of `inceput`.
    public enum Scope: String, Sendable, CaseIterable {
        case certificat, initial, lant
        case asiguratAn = "asigurat_an", asiguratLuna = "asigurat_luna", copilAn = "copil_an"
    }

    public var description: String
    public var codes: Set<String>
    public var place: Int?
    public var scope: Scope
    public var max: Int

    public init(description: String, codes: Set<String>, place: Int?, scope: Scope, max: Int) {
        self.description = description; self.codes = codes; self.place = place; self.scope = scope; self.max = max
    }

    /// Whether a certificate counts for (or is judged by) this limit.
    public func matches(_ b: CertificateBody) -> Bool {
        // The place first, and a handful of codes compared rather than hashed: once per limit and certificate.
        guard place.map({ $0 == b.locPrescriere }) ?? true else { return false }
        return codes.count <= 8 ? codes.contains { $0 == b.codIndemnizatie } : codes.contains(b.codIndemnizatie)
    }
}

/// A dated rule set: in force from `from` until the next set starts.
public struct RuleSet: Sendable, Equatable {
    public var name: String
    public var from: LocalDate
    public var limits: [DurationLimit]
    public init(name: String, from: LocalDate, limits: [DurationLimit]) { self.name = name; self.from = from; self.limits = limits }
}

/// The deployment's rules file: severities per code and the dated rule sets.
public struct RulesConfig: Sendable, Equatable {
    public var severities: [String: Severity]
    public var sets: [RuleSet]

    public init(severities: [String: Severity] = [:], sets: [RuleSet] = []) {
        self.severities = severities
        self.sets = sets.sorted { $0.from < $1.from }
    }

    /// The set in force on a day (the latest that started on or before it).
    public func set(on d: LocalDate) -> RuleSet? { sets.last { $0.from <= d } }
}
