import CCMApp
import Foundation

/// One fuzzer input: a submission's bytes, optionally followed by `separator` and the bytes of
/// its detached `.p7s`, so that both signature paths are reachable from one input. The separator
/// starts with a NUL, which no XML document contains.
enum FuzzInput {
    static let separator = Data("\u{0}CCM-P7S\u{0}".utf8)

    static func split(_ bytes: Data) -> (xml: Data, p7s: Data?) {
        guard let r = bytes.range(of: separator) else { return (bytes, nil) }
        // Copies, so that the code under test sees Data indexed from 0, as when reading a file.
        return (Data(bytes[bytes.startIndex..<r.lowerBound]), Data(bytes[r.upperBound...]))
    }
}

enum FuzzTarget {
    /// Set by main before the first input; libFuzzer calls back on the main thread only.
    @MainActor static var inspection: Inspection?

    @MainActor static func run(_ bytes: Data) -> Inspection.Report? {
        guard let inspection else { return nil }
        let input = FuzzInput.split(bytes)
        return inspection.inspect(xml: input.xml, p7s: input.p7s)
    }
}

/// libFuzzer's entry: parse → validate → verify one input. Any crash, sanitizer report or leak
/// is the finding; the report itself is discarded. Called on the main thread (checked: a call
/// from another thread stops the run rather than race with the set-up).
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzTestOneInput(_ data: UnsafePointer<UInt8>?, _ size: Int) -> Int32 {
    let bytes = data.map { Data(bytes: $0, count: size) } ?? Data()
    MainActor.assumeIsolated { _ = FuzzTarget.run(bytes) }
    return 0
}
