import CCMStore
import Foundation

extension IngestPipeline.Summary {
    /// The database waits by what they were for, as `ingest --verbose` prints them.
    public var waitsText: String {
        let w = documentsWaits
        let parts: [(String, Double)] = [
            ("căutările documentelor", w[.lookups]), ("scrierile documentului anterior", w[.earlierStatements]),
            ("commit", w[.commit]), ("deschiderea grupurilor", w[.opening]), ("altele", w[.other]), ("coada", queueWait),
        ]
        return parts.map { "\($0.0) " + String(format: "%.2f s", $0.1) }.joined(separator: ", ")
    }
}
