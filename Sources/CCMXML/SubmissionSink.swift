import CCMCore

/// Receives a submission as it streams by; nothing of the document is kept by the reader.
public protocol SubmissionSink: AnyObject {
    /// The root and `Furnizor` are read. Return false to stop reading (nothing more is needed).
    func header(_ header: DocumentHeader) -> Bool
    /// A `Certificat` that was read whole and schema-valid so far.
    func certificate(_ certificate: ReportedCertificate)
}

/// Sees every node of the submission reader's parse as it passes (the reader is at that node),
/// and the parse's end: `complete` when the document was read to its end without a parser error.
public protocol ReaderObserver: AnyObject {
    func node(_ reader: OpaquePointer, type: Int32, depth: Int)
    func end(complete: Bool)
}

/// Keeps what the reader delivers: the header and every certificate (the sink of every read
/// but the ingest's own, which judges as it goes).
public final class SubmissionRecorder: SubmissionSink {
    public private(set) var header: DocumentHeader?
    public private(set) var certificates: [ReportedCertificate] = []
    public init() {}
    public func header(_ h: DocumentHeader) -> Bool { header = h; return true }
    public func certificate(_ c: ReportedCertificate) { certificates.append(c) }
}

public struct ReadLimits: Sendable {
    public var maxBytes: Int
    public var maxDepth: Int
    public var maxFindings: Int
    /// Wall-clock time one read may take (checked as the bytes are handed to libxml2).
    public var maxSeconds: Double
    public init(maxBytes: Int = 256 * 1024 * 1024, maxDepth: Int = 32, maxFindings: Int = 100, maxSeconds: Double = 300) {
        self.maxBytes = maxBytes; self.maxDepth = maxDepth; self.maxFindings = maxFindings; self.maxSeconds = maxSeconds
    }
}

/// What reading a file found at the XML level (F01, F02) and what it counted (for F08).
public struct ReadResult: Sendable {
    public var findings: [Finding] = []
    public var tally = DocumentTally()
    /// An enveloped signature element was seen: a document without one is never built as a DOM.
    public var signed = false
    /// The bytes ended inside the document (F01 at the end): a cut file, or one still being written.
    public var truncated = false
    /// True when the file is not XML (F01): nothing else can be said of it.
    public var notXML: Bool { findings.contains { $0.code == F01NotWellFormed.code } }
}
