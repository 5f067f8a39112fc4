import CCMCore

/// The stage colours of every format (HTML badges and card edges, XLSX stage cells): one palette,
/// a light fill with dark text (contrast above 7:1) and a stronger accent for edges.
public enum StagePalette {
    public struct Colours: Sendable { public let fill: UInt32; public let text: UInt32; public let accent: UInt32 }

    public static func colours(_ s: Stage) -> Colours {
        switch s {
        case .validat: Colours(fill: 0xD1E7DD, text: 0x0F5132, accent: 0x198754)
        case .cuErori: Colours(fill: 0xF8D7DA, text: 0x842029, accent: 0xB02A37)
        case .faraRaportare: Colours(fill: 0xFFF3CD, text: 0x5C4503, accent: 0xB58105)
        }
    }

    /// `#d1e7dd`.
    public static func css(_ rgb: UInt32) -> String {
        let hex = String(rgb & 0xFFFFFF, radix: 16)
        return "#" + String(repeating: "0", count: 6 - hex.count) + hex
    }
}
