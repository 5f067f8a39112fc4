@testable import CCMSignature
import Foundation
import XCTest

/// The streaming verifier (`EnvelopedSignature.verify`, what ccm runs) held to xmlsec over a DOM
/// (`verifyWithXMLSec`): the same verdict — no signature, the same signer and carried
/// certificates, or a refusal; a refusal's words too, except where xmlsec appends its own log.
enum SignatureOracle {
    static func assertSameVerdict(_ url: URL, file: StaticString = #filePath, line: UInt = #line) {
        let streamed = EnvelopedSignature.verify(path: url.path)
        let oracle = EnvelopedSignature.verifyWithXMLSec(path: url.path)
        let name = url.lastPathComponent
        switch (streamed, oracle) {
        case (nil, nil):
            break
        case (.verified?, .verified?):
            XCTAssertEqual(streamed, oracle, "\(name): another signer than xmlsec's", file: file, line: line)
        case (.refused(let ours, _)?, .refused(let theirs, _)?):
            if !theirs.contains("(xmlsec:") {
                XCTAssertEqual(ours, theirs, "\(name): refused for another reason than xmlsec's", file: file, line: line)
            }
        default:
            XCTFail("\(name): streaming \(String(describing: streamed)) but xmlsec \(String(describing: oracle))", file: file, line: line)
        }
    }

    /// Every `.xml` under `folder` (recursively) that names the XML-DSig namespace.
    static func signedDocuments(under folder: URL) -> [URL] {
        let needle = Data(EnvelopedSignatureAlgorithms.dsigNamespace.utf8)
        let all = FileManager.default.enumerator(at: folder, includingPropertiesForKeys: [.isRegularFileKey])?
            .compactMap { $0 as? URL } ?? []
        return all.filter { url in
            guard url.pathExtension == "xml",
                  (try? url.resourceValues(forKeys: [.isRegularFileKey]).isRegularFile) == true,
                  let data = try? Data(contentsOf: url) else { return false }
            return data.range(of: needle) != nil
        }.sorted { $0.path < $1.path }
    }
}
