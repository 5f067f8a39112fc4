import CCMCore
import CCMStore
import Foundation

/// What the database says of a prepared file before it is judged — its bytes' earlier
/// records, its header's provider and month, the provider's doctors and pads, whether its
/// signers are enrolled — in one round trip instead of four. Read under the ingest and
/// registry locks, so it is what the lookups one by one would have read.
struct FileFacts {
    var earlier: DocumentStore.Earlier
    /// For the prepared header (nil: no header was read, or the file is read again when judged).
    var header: RegistryStore.HeaderFacts?
    var practitioners: ProviderFacts?
    /// The prepared signers' certificates (SHA-256) enrolled for the header's CUI at receipt.
    var enrolledSigners: Set<String>?

    static func load(_ db: Connection, _ p: PreparedFile) throws -> FileFacts {
        let earlier = DocumentStore.earlier(sha256: p.sha256)
        guard let h = p.content?.header else { return FileFacts(earlier: try db.run(earlier)) }
        let header = RegistryStore.headerFacts(cui: h.cui, luna: h.luna, idDocument: h.idDocument)
        let practitioners = PractitionerStore.facts(cui: h.cui)
        let signers = (p.signature?.signers ?? []).map { SignerStore.isActive(cui: h.cui, sha: $0.sha256, at: p.file.receivedAt) }
        let rows = try db.pipeline([earlier.statement, header.statement, practitioners.statement] + signers.map(\.statement))
        var facts = FileFacts(earlier: earlier.decode(rows[0]), header: header.decode(rows[1]), practitioners: practitioners.decode(rows[2]))
        if let accepted = p.signature?.signers {
            facts.enrolledSigners = Set(zip(accepted, signers.indices).filter { signers[$0.1].decode(rows[3 + $0.1]) }.map(\.0.sha256))
        }
        return facts
    }
}
