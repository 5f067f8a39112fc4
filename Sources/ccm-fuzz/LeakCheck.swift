import Foundation

/// LeakSanitizer's `__lsan_disable`/`__lsan_enable`, looked up at run time: present in a
/// fuzzing build (ASan exports them), absent and skipped in a plain one.
///
/// Why the set-up needs it: Swift keeps a `Data`'s case in the spare top bits of its storage
/// pointer (a 1,145-byte certificate's storage 0x7b770c5e0090 is held as 0x40007b770c5e0090),
/// which LSan does not take for a pointer. The trust material, alive for the whole run, was
/// reported as leaked at the first input whose mallocs outnumbered its frees.
enum LeakCheck {
    private typealias Toggle = @convention(c) () -> Void

    static func ignoringAllocations<T>(_ body: () throws -> T) rethrows -> T {
        let disable = symbol("__lsan_disable"), enable = symbol("__lsan_enable")
        disable?()
        defer { enable?() }
        return try body()
    }

    private static func symbol(_ name: String) -> Toggle? {
        // A null handle is RTLD_DEFAULT: the executable and every library loaded.
        guard let p = dlsym(nil, name) else { return nil }
        return unsafeBitCast(p, to: Toggle.self)
    }
}
