import CCMRuntime
import Foundation

/// The test PKI of `SampleData/pki` (`scripts/make-test-pki.sh`) and the signing of a document
/// with it, as a provider's software would (`scripts/sign-submission.sh`).
public enum TestPKI {
    public static let folder = Paths.sampleData.appendingPathComponent("pki")

    public static func certPath(_ name: String) -> String { folder.appendingPathComponent("certs/\(name).pem").path }

    public struct SigningFailed: Error, CustomStringConvertible { public var description: String }

    /// Signs `plain` with `signer`'s key: `detached` writes `plain.p7s` beside it; `enveloped`
    /// replaces it with its signed form (made first under `scratch`).
    public static func sign(_ plain: URL, mode: String, signer: String, options: [String] = [], scratch: URL) throws {
        let key = folder.appendingPathComponent("keys/\(signer).key.pem").path
        let chain = folder.appendingPathComponent("certs/chain.pem").path
        let out = mode == "detached" ? plain.path + ".p7s" : scratch.appendingPathComponent("signed-\(plain.lastPathComponent)").path
        let r = try Subprocess.run("/bin/bash", [Paths.repo.appendingPathComponent("scripts/sign-submission.sh").path, mode] + options
                                   + [key, certPath(signer), chain, plain.path, out])
        guard r.status == 0 else { throw SigningFailed(description: r.output) }
        if mode != "detached" { try FileManager.default.removeItem(at: plain); try FileManager.default.moveItem(atPath: out, toPath: plain.path) }
    }
}
