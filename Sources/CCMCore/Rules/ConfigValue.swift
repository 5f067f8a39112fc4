/// A value of a configuration or rules file as the core checks it, whatever parser read the file's syntax
/// (CCMFormats reads TOML into it).
public indirect enum ConfigValue: Equatable, Sendable {
    case string(String), int(Int), double(Double), bool(Bool), date(LocalDate), array([ConfigValue])
    case table([String: ConfigValue]), tables([[String: ConfigValue]])
    /// A value of a type no key takes (a time, a date-time), named by its type.
    case other(String)
}
