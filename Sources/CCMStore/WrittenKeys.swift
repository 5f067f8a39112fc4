import CCMCore
import Foundation

/// What one document's closing statements write that another document's lookups
/// (`DocumentFacts`) find rows by: its bytes, its IdDocument, its provider and month, and the
/// numbers (its own and its initial's), insured and children of its certificate rows. A
/// document whose lookups share none of these gets the same answers whether they run before
/// or after those statements (`IngestUnitOfWork.begin` sends them first then). Conservative:
/// a key more than the lookups use only costs the overlap, never a wrong answer.
public struct WrittenKeys {
    /// A certificate row as the history's lookups find it (`HistoryStore.batchNeighbourhood`).
    public enum Key: Hashable {
        case number(String, String), insured(String), child(String)
    }

    var sha256: String
    var idDocument: UUID?
    var month: ProviderMonth?
    var certificates: Set<Key>
    /// It ends other documents' versions (a rectificative), or its writes are not all known:
    /// any lookup may change.
    var anything: Bool

    struct ProviderMonth: Hashable { var cui: String, luna: YearMonth }

    public init(sha256: String, header: DocumentHeader?, certificates: Set<Key>, anything: Bool) {
        self.sha256 = sha256
        idDocument = header?.idDocument
        month = header.map { ProviderMonth(cui: $0.cui, luna: $0.luna) }
        self.certificates = certificates
        self.anything = anything
    }

    /// The keys a certificate with this body is found by, each handed to `body` (no list built:
    /// once per certificate).
    public static func eachKey(serie: String, numar: String, body: CertificateBody?, _ each: (Key) -> Void) {
        each(.number(serie, numar))
        guard let b = body else { return }
        each(.insured(b.cnp))
        if let i = b.certificatInitial { each(.number(i.serie, i.numar)) }
        if let c = b.cnpCopil { each(.child(c)) }
    }

    /// Whether a lookup of these certificates reads by one of `keys`: each one's number and
    /// chain, insured and child.
    static func reads(_ k: HistoryStore.Keys, anyOf keys: Set<Key>) -> Bool {
        keys.contains(.number(k.serie, k.numar)) || keys.contains(.number(k.chain.serie, k.chain.numar))
            || keys.contains(.insured(k.cnp)) || (k.cnpCopil.map { keys.contains(.child($0)) } ?? false)
    }

    /// Whether these writes may change what `request`'s lookups answer.
    public func mayChange(_ request: DocumentFacts.Request) -> Bool {
        if anything || request.sha256 == sha256 { return true }
        if let h = request.header {
            if h.idDocument == idDocument || ProviderMonth(cui: h.cui, luna: h.luna) == month { return true }
        }
        guard !certificates.isEmpty else { return false }
        return request.firstBatch.contains { WrittenKeys.reads($0, anyOf: certificates) }
    }
}
