import CCMApp
import CCMSignature
import CCMXML
import Foundation

/// What every input is judged with, loaded once: the XSD of `Schemas/`, the test PKI's anchor
/// and CRL (`SampleData/pki/trust`, what `ccm trust add` would load) and a fixed receipt time.
enum FuzzSetup {
    /// SampleData's on-time receipt (2026-11-10T10:00:00+02:00): inside the validity of the
    /// test PKI's good signers (2025-01-01 → 2028-01-01), so their signatures reach the end.
    static let receipt = "2026-11-10T08:00:00Z"

    struct Failure: Error, CustomStringConvertible { var description: String }

    /// The repository: `CCM_FUZZ_ROOT` (scripts/fuzz.sh sets it), else where this source was built.
    static var root: URL {
        if let r = ProcessInfo.processInfo.environment["CCM_FUZZ_ROOT"], !r.isEmpty { return URL(fileURLWithPath: r) }
        return URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    }

    static func load() throws -> Inspection {
        let schemaPath = root.appendingPathComponent("Schemas/ccm-raportare-v1.xsd").path
        let schema: SubmissionSchema
        do { schema = try SubmissionSchema(path: schemaPath) } catch { throw Failure(description: "\(error)") }
        var items: [TrustFile.Item] = []
        for name in ["root-ca.pem", "intermediate-ca.crl.pem"] {
            let path = root.appendingPathComponent("SampleData/pki/trust/\(name)").path
            guard let data = FileManager.default.contents(atPath: path) else { throw Failure(description: "cannot read \(path)") }
            items += TrustFile.read(data)
        }
        let trust = TrustMaterial(anchors: items.filter { !$0.isCRL }.map(\.der), crls: items.filter(\.isCRL).map(\.der))
        guard !trust.anchors.isEmpty, !trust.crls.isEmpty else { throw Failure(description: "no anchor or no CRL in SampleData/pki/trust") }
        guard let at = ISO8601DateFormatter().date(from: receipt) else { throw Failure(description: "bad receipt time \(receipt)") }
        return Inspection(schema: schema, trust: trust, receivedAt: at)
    }
}
