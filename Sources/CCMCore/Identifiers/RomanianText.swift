import Foundation

/// Romanian letters arrive with cedilla (ş ţ) or comma below (ș ț); names are stored and
/// compared in the comma-below form, the correct one.
public enum RomanianText {
    public static func commaBelow(_ s: String) -> String {
        // Ş ş Ţ ţ are C5 9E–A3 in UTF-8 and the combining cedilla CC A7: without those lead bytes there is nothing to do.
        // The bytes in place (iterating the UTF-8 view cost more than the test).
        var bytes = s
        guard bytes.withUTF8({ $0.contains { $0 == 0xC5 || $0 == 0xCC } }) else { return s }
        guard s.unicodeScalars.contains(where: { (0x15E...0x163).contains($0.value) || $0.value == 0x327 }) else { return s }
        // Decomposed forms (s + U+0327) are composed first so one mapping covers both.
        let composed = s.precomposedStringWithCanonicalMapping
        var out = String.UnicodeScalarView()
        for u in composed.unicodeScalars {
            switch u.value {
            case 0x15E: out.append(Unicode.Scalar(0x218)!) // Ş → Ș
            case 0x15F: out.append(Unicode.Scalar(0x219)!) // ş → ș
            case 0x162: out.append(Unicode.Scalar(0x21A)!) // Ţ → Ț
            case 0x163: out.append(Unicode.Scalar(0x21B)!) // ţ → ț
            default: out.append(u)
            }
        }
        return String(out)
    }
}
