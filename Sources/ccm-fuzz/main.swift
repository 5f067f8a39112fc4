import Foundation

// SwiftPM links every executable with `main` aliased to this module's entry point, which hides
// libFuzzer's own `main`: so this one loads the set-up and hands over to libFuzzer's driver
// (built by scripts/fuzz.sh with -sanitize=fuzzer -DCCM_FUZZ). In a plain build the same
// binary replays the inputs named on its command line (files or folders) and prints the codes.

do {
    FuzzTarget.inspection = try LeakCheck.ignoringAllocations { try FuzzSetup.load() }
} catch {
    FileHandle.standardError.write(Data("ccm-fuzz: \(error)\n".utf8))
    exit(1)
}

#if CCM_FUZZ
typealias FuzzCallback = @convention(c) (UnsafePointer<UInt8>?, Int) -> Int32
@_extern(c, "LLVMFuzzerRunDriver")
func llvmFuzzerRunDriver(_ argc: UnsafeMutablePointer<Int32>,
                         _ argv: UnsafeMutablePointer<UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?>,
                         _ callback: FuzzCallback) -> Int32

var argc = CommandLine.argc
var argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>? = CommandLine.unsafeArgv
// A closure, not the @_cdecl function itself: referring to it here would emit its C symbol twice.
exit(llvmFuzzerRunDriver(&argc, &argv) { data, size in fuzzTestOneInput(data, size) })
#else
exit(Replay.run(Array(CommandLine.arguments.dropFirst())))
#endif
