/// A range of certificate numbers of one series handed to a provider (carnete.csv).
public struct Pad: Sendable, Equatable {
    public var cui: String
    public var serie: String
    public var from: Int
    public var to: Int
    public var distributed: LocalDate
    public init(cui: String, serie: String, from: Int, to: Int, distributed: LocalDate) {
        self.cui = cui; self.serie = serie; self.from = from; self.to = to; self.distributed = distributed
    }
    public func contains(serie s: String, numar: String) -> Bool {
        guard s == serie, let n = Int(numar) else { return false }
        return (from...to).contains(n)
    }
}

/// A doctor of a provider, active over a period (medici.csv).
public struct Doctor: Sendable, Equatable {
    public var cui: String
    public var parafa: String
    public var nume: String
    public var from: LocalDate
    public var until: LocalDate?
    public init(cui: String, parafa: String, nume: String, from: LocalDate, until: LocalDate?) {
        self.cui = cui; self.parafa = parafa; self.nume = nume; self.from = from; self.until = until
    }
    public func isActive(on d: LocalDate) -> Bool { from <= d && (until.map { d <= $0 } ?? true) }
}
