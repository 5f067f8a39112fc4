import Foundation

/// Watches the bytes on their way to libxml2 for what costs memory before the reader returns
/// a node: a very long attribute value (the XSD validation holds many copies of it) and
/// comments or processing instructions (libxml2's reader keeps them), both far more than the
/// file's size (docs/performance.md). The schema allows no attribute anywhere near the limit and
/// a report needs no comments, so over either limit the read stops and the file is refused (F01).
struct MarkupGuard {
    static let maxAttributeBytes = 64 << 10
    static let maxCommentBytes = 1 << 20

    enum Problem: Equatable { case longAttribute, tooMuchComment }

    private enum State { case text, open, bang(Int), tag, value(UInt8, Int), comment(Int), pi(Bool), cdata(Int), declaration }
    private var state = State.text
    private(set) var commentBytes = 0
    private(set) var problem: Problem?

    private static let cdataOpen = Array("[CDATA[".utf8)

    /// Scans one chunk; false once a limit is passed. Text, tags and attribute values (nearly
    /// every byte of a report) are skipped in runs; the rest goes byte by byte through `step`.
    mutating func scan(_ bytes: UnsafeRawBufferPointer) -> Bool {
        guard let base = bytes.baseAddress?.assumingMemoryBound(to: UInt8.self) else { return true }
        let n = bytes.count
        var i = 0
        while i < n {
            switch state {
            case .text:
                guard let lt = memchr(base + i, Int32(UInt8(ascii: "<")), n - i) else { return true }
                i = base.distance(to: lt.assumingMemoryBound(to: UInt8.self)) + 1
                state = .open
            case .tag:
                // Eight bytes at a time up to the next quote or `>`, then byte by byte to the chunk's end.
                while i + 8 <= n {
                    let stops = MarkupGuard.tagStops(UInt64(littleEndian: UnsafeRawPointer(base + i).loadUnaligned(as: UInt64.self)))
                    if stops != 0 { i += stops.trailingZeroBitCount / 8; break }
                    i += 8
                }
                while i < n {
                    let b = base[i]
                    i += 1
                    if b == UInt8(ascii: "\"") || b == UInt8(ascii: "'") || b == UInt8(ascii: ">") { step(tag: b); break }
                }
            case .value(let quote, let length):
                // The closing quote within the bytes the limit still allows, or the limit is passed.
                let allowed = MarkupGuard.maxAttributeBytes - length + 1
                let look = min(n - i, allowed)
                if let q = memchr(base + i, Int32(quote), look) {
                    i = base.distance(to: q.assumingMemoryBound(to: UInt8.self)) + 1
                    state = .tag
                } else if look == allowed {
                    problem = .longAttribute
                    return false
                } else {
                    state = .value(quote, length + look)
                    i = n
                }
            default:
                if !step(base[i]) { return false }
                i += 1
            }
        }
        return true
    }

    /// The high bit of each byte of `w` that is `"`, `'` or `>`: the lowest one set is the first
    /// such byte (a byte flagged above it may be a false one, never one below).
    private static func tagStops(_ w: UInt64) -> UInt64 {
        func zeroBytes(_ v: UInt64) -> UInt64 { (v &- 0x0101_0101_0101_0101) & ~v & 0x8080_8080_8080_8080 }
        return zeroBytes(w ^ 0x2222_2222_2222_2222) | zeroBytes(w ^ 0x2727_2727_2727_2727) | zeroBytes(w ^ 0x3E3E_3E3E_3E3E_3E3E)
    }

    /// One byte in any state but those `scan` skips in runs, as the XML grammar has it.
    private mutating func step(_ b: UInt8) -> Bool {
        switch state {
        case .text, .tag, .value:
            break   // `scan` reads these itself
        case .open:
            if b == UInt8(ascii: "!") { state = .bang(0) }
            else if b == UInt8(ascii: "?") { state = .pi(false) }
            else { state = .tag; step(tag: b) }
        case .bang(let n):
            // "<!--" comment, "<![CDATA[" text, anything else a declaration (refused later).
            if n == 0 && b == UInt8(ascii: "-") { state = .bang(-1) }
            else if n == -1 { state = b == UInt8(ascii: "-") ? .comment(0) : .declaration }
            else if n >= 0 && n < MarkupGuard.cdataOpen.count && b == MarkupGuard.cdataOpen[n] {
                state = n + 1 == MarkupGuard.cdataOpen.count ? .cdata(0) : .bang(n + 1)
            } else { state = .declaration; step(declaration: b) }
        case .comment(let dashes):
            commentBytes += 1
            if commentBytes > MarkupGuard.maxCommentBytes { problem = .tooMuchComment; return false }
            if b == UInt8(ascii: ">") && dashes >= 2 { state = .text }
            else { state = .comment(b == UInt8(ascii: "-") ? dashes + 1 : 0) }
        case .pi(let question):
            commentBytes += 1
            if commentBytes > MarkupGuard.maxCommentBytes { problem = .tooMuchComment; return false }
            if question && b == UInt8(ascii: ">") { state = .text } else { state = .pi(b == UInt8(ascii: "?")) }
        case .cdata(let brackets):
            if b == UInt8(ascii: ">") && brackets >= 2 { state = .text }
            else { state = .cdata(b == UInt8(ascii: "]") ? brackets + 1 : 0) }
        case .declaration:
            step(declaration: b)
        }
        return true
    }

    private mutating func step(tag b: UInt8) {
        if b == UInt8(ascii: "\"") || b == UInt8(ascii: "'") { state = .value(b, 0) }
        else if b == UInt8(ascii: ">") { state = .text }
    }

    private mutating func step(declaration b: UInt8) {
        if b == UInt8(ascii: ">") { state = .text }
    }
}
