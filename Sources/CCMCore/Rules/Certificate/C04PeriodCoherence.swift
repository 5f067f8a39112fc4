/// C04: `sfarsit` before `inceput`, or `zile` ≠ `sfarsit − inceput + 1`.
public struct C04PeriodCoherence: ContentRule {
    public let code = "C04"
    public let defaultSeverity = Severity.eroare
    public let template = MessageTemplate("Perioada concediului este incoerentă ({inceput} – {sfarsit}, {zile} zile)")
    public init() {}
    public func check(content ctx: ContentContext) -> [[String: String]] {
        let p = ctx.body.perioada
        let ok = p.sfarsit >= p.inceput && p.zile == p.sfarsit.dayNumber - p.inceput.dayNumber + 1
        return ok ? [] : [["inceput": p.inceput.romanian, "sfarsit": p.sfarsit.romanian, "zile": "\(p.zile)"]]
    }
}
