/// C04: `sfarsit` before `inceput`, or `zile` ≠ `sfarsit − inceput + 1`.
public struct C04PeriodCoherence: ContentRule {
    public static let code = "C04"
    public static let defaultSeverity = Severity.eroare
    public init() {}
    public func check(content ctx: ContentContext) -> [Finding.Message] {
        let p = ctx.body.perioada
        let ok = p.sfarsit >= p.inceput && p.zile == p.sfarsit.dayNumber - p.inceput.dayNumber + 1
        return ok ? [] : [.incoherentPeriod(p)]
    }
}

extension Finding.Message {
    static func incoherentPeriod(_ p: Period) -> Self {
        Self("Perioada concediului este incoerentă (\(p.inceput.romanian) – \(p.sfarsit.romanian), \(p.zile) zile)")
    }
}
