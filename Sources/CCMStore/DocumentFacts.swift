import CCMCore
import Foundation

/// What the database says of a file before it is judged: its bytes' earlier records, its
/// header's provider and month, the provider's doctors and pads, whether its signers are
/// enrolled, the history of its first certificates and the id its record will have. Asked in
/// one round trip by `IngestUnitOfWork.facts`, each lookup declared with where its answer goes.
public struct DocumentFacts {
    public var earlier: DocumentStore.Earlier = (nil, nil)
    /// For the request's header (nil: no header was known when asked).
    public var header: RegistryStore.HeaderFacts?
    public var practitioners: ProviderFacts?
    /// The request's signers (SHA-256) enrolled for the header's CUI at receipt (nil: none asked).
    public var enrolledSigners: Set<String>?
    /// The history of the request's first certificates.
    public var firstBatch: Neighbourhoods?
    /// The id its document record will have (taken from the sequence under the locks).
    public var documentId: Int?

    public init() {}

    /// What to ask about one file.
    public struct Request {
        /// Empty when not known yet (a file read only while it is judged): its bytes' records are
        /// then asked at its end (`askAtEnd`).
        public var sha256: String
        public var header: DocumentHeader?
        /// Its accepted signers' certificates (SHA-256); nil: not checked yet.
        public var signers: [String]?
        public var receivedAt: Date
        /// The keys of its first certificates, in document order (empty: none asked).
        public var firstBatch: [HistoryStore.Keys]

        public init(sha256: String, header: DocumentHeader?, signers: [String]?, receivedAt: Date, firstBatch: [HistoryStore.Keys] = []) {
            self.sha256 = sha256; self.header = header; self.signers = signers; self.receivedAt = receivedAt; self.firstBatch = firstBatch
        }
    }

    /// One lookup: its statement and what its rows say, written into the facts.
    struct Lookup {
        let statement: Statement
        let answer: (Rows, inout DocumentFacts) -> Void

        init<T>(_ q: Query<T>, into field: WritableKeyPath<DocumentFacts, T?>) {
            statement = q.statement
            answer = { rows, facts in facts[keyPath: field] = q.decode(rows) }
        }

        init<T>(_ q: Query<T>, _ answer: @escaping (T, inout DocumentFacts) -> Void) {
            statement = q.statement
            self.answer = { rows, facts in answer(q.decode(rows), &facts) }
        }
    }

    /// The lookups of one request, and the facts before any answer.
    struct Asked {
        var lookups: [Lookup]
        var blank = DocumentFacts()

        var statements: [Statement] { lookups.map(\.statement) }

        /// The facts the rows of `lookups` give, one rows per lookup.
        func answered(_ rows: [Rows]) -> DocumentFacts {
            var facts = blank
            for (lookup, r) in zip(lookups, rows) { lookup.answer(r, &facts) }
            return facts
        }
    }

    /// `moving`: records of the open unit of work, not moved yet (not a stopped run's to finish).
    static func ask(_ r: Request, moving: Set<Int>) -> Asked {
        var asked = Asked(lookups: r.sha256.isEmpty ? [] : [Lookup(DocumentStore.earlier(sha256: r.sha256, moving: moving)) { $1.earlier = $0 }])
        asked.lookups += lookups(r)
        if r.header != nil, r.signers != nil { asked.blank.enrolledSigners = [] }
        return asked
    }

    /// For a file read while it is judged, at its end: its bytes' earlier records and its signers'
    /// enrolment for `cui` (nil: no header, none asked).
    static func askAtEnd(sha256: String, signers: [String], cui: String?, receivedAt: Date, moving: Set<Int>) -> Asked {
        var asked = Asked(lookups: [Lookup(DocumentStore.earlier(sha256: sha256, moving: moving)) { $1.earlier = $0 }])
        guard let cui else { return asked }
        asked.blank.enrolledSigners = []
        asked.lookups += signers.map(enrolment(cui: cui, at: receivedAt))
        return asked
    }

    private static func enrolment(cui: String, at: Date) -> (String) -> Lookup {
        { sha in Lookup(SignerStore.isActive(cui: cui, sha: sha, at: at)) { active, facts in if active { facts.enrolledSigners?.insert(sha) } } }
    }

    private static func lookups(_ r: Request) -> [Lookup] {
        var all: [Lookup] = []
        guard let h = r.header else { return all }
        all.append(Lookup(RegistryStore.headerFacts(cui: h.cui, luna: h.luna, idDocument: h.idDocument, takingId: true)) {
            $1.header = $0.facts; $1.documentId = $0.id
        })
        all.append(Lookup(PractitionerStore.facts(cui: h.cui), into: \.practitioners))
        if !r.firstBatch.isEmpty {
            all.append(Lookup(HistoryStore.neighbours(batch: r.firstBatch, documentId: nil), into: \.firstBatch))
        }
        if let signers = r.signers { all += signers.map(enrolment(cui: h.cui, at: r.receivedAt)) }
        return all
    }
}
