import CCMCore
import CCMFiles
import CCMSignature
import CCMXML
import Foundation

/// What can be known of a file without the database: its digest, its content as read and
/// validated, its signatures. A worker prepares the file it claimed while another worker
/// judges an earlier one; judging then replays the content in the order the reader gave it.
struct PreparedFile: Sendable {
    var file: InboxFile
    var sha256: String
    var size: Int
    /// What the read found; nil when the file is too large to hold: it is read once, streaming,
    /// when judged (and its digest known only then: `sha256` is empty until then).
    var content: Content?
    /// Checked only when the content is XML (hostile files never reach a DOM).
    var signature: SignatureGate.Outcome?
    /// The file as it was when it was read (the same before and after, or `unsettled` says why not).
    var stamp: FileStamp?
    /// Not complete yet: left where it is, unjudged, for a later run.
    var unsettled: FileNotice.Reason?

    struct Content: Sendable {
        var header: DocumentHeader?
        var certificates: [ReportedCertificate]
        /// The content rules' findings on each certificate (nil: a STERGERE, or no header).
        var verdicts: [CertificateRuleBook.ContentVerdict?] = []
        var read: ReadResult
    }

    /// Files up to this size are held in memory between their preparation and their judgement.
    static let holdLimit = 16 << 20

    /// nil when the file vanished (another run took it) or is no longer a regular file. Its
    /// stamp is taken on one descriptor before and after everything is read: a change between
    /// the two, or a process holding it open for writing, leaves it for a later run.
    static func prepare(_ file: InboxFile, reader: SubmissionReader, gate: SignatureGate?, rules: RuleEngine,
                        holdLimit: Int = PreparedFile.holdLimit) throws -> PreparedFile? {
        let fd = open(file.path, O_RDONLY | O_NOFOLLOW | O_NONBLOCK | O_CLOEXEC)
        guard fd >= 0 else {
            if errno == ENOENT || errno == ELOOP { return nil }
            throw POSIXError(POSIXErrorCode(rawValue: errno) ?? .EIO)
        }
        defer { close(fd) }
        guard let before = FileStamp(descriptor: fd) else { throw POSIXError(POSIXErrorCode(rawValue: errno) ?? .EIO) }
        // The file opened (not a link: O_NOFOLLOW), not whatever the path names by now.
        guard before.isRegular else { return nil }
        // Its detached signature, read by the signature check, must not change meanwhile either.
        let signatureBefore = FileStamp(path: file.path + ".p7s")
        var prepared = PreparedFile(file: file, sha256: "", size: Int(before.size))
        prepared.stamp = before
        if WriterCheck.heldForWriting(fd, before) { prepared.unsettled = .deschisPentruScriere; return prepared }
        let sha: String, size: Int
        if before.size <= Int64(holdLimit) {
            // Read once, on the descriptor opened: digested, parsed and its signatures checked
            // from the same bytes.
            let bytes = try readAll(fd, expected: Int(before.size), atMost: holdLimit + 1)
            sha = Digest.sha256Hex(bytes)
            size = bytes.count
            let recorder = SubmissionRecorder()
            // Without a `.p7s`, the enveloped signature follows the parse, as a large file's does:
            // its digest needs no read of its own. With one (seldom signed both ways) the parse
            // carries nothing more, and an enveloped signature there is read on its own.
            let pass = gate != nil && signatureBefore == nil ? EnvelopedSignaturePass(eager: true) : nil
            let read = reader.read(bytes: bytes, name: file.path, into: recorder, observer: pass)
            prepared.content = Content(header: recorder.header, certificates: recorder.certificates,
                                       verdicts: judgedContent(recorder.certificates, recorder.header, file, rules), read: read)
            if let gate, !read.notXML { prepared.signature = gate.check(file, xml: bytes, enveloped: read.signed, pass: pass) }
        } else {
            // Too large to hold: read once, streaming, when judged (`readOnce`).
            (sha, size) = ("", Int(before.size))
        }
        prepared.sha256 = sha
        prepared.size = size
        if changed(fd, file.path, since: before, signature: signatureBefore, read: size) { prepared.unsettled = .inScriere }
        return prepared
    }

    /// What the one read of a file too large to hold gives, besides what its sink received.
    struct Pass {
        var sha256: String
        var size: Int
        var read: ReadResult
        /// What the read gave the signature checks (nil: signatures off).
        var signatures: SignatureGate.Streamed?

        /// The signatures' outcome, asked only when it matters (nil: signatures off, or not XML).
        func signature() -> SignatureGate.Outcome? { read.notXML ? nil : signatures?.outcome(read) }
    }

    /// The one read of a prepared file too large to hold, into `sink` (`Judging`), on a descriptor
    /// of its own: the file must still be the one prepared (its stamp, and its `.p7s`'s) before and
    /// after, or it is left for a later run (`Unsettled`).
    static func readOnce(_ prepared: PreparedFile, reader: SubmissionReader, gate: SignatureGate?, into sink: SubmissionSink) throws -> Pass {
        let path = prepared.file.path
        let fd = open(path, O_RDONLY | O_NOFOLLOW | O_NONBLOCK | O_CLOEXEC)
        guard fd >= 0 else { throw POSIXError(POSIXErrorCode(rawValue: errno) ?? .EIO) }
        defer { close(fd) }
        let signatureBefore = FileStamp(path: path + ".p7s")
        guard let before = FileStamp(descriptor: fd), before == prepared.stamp else { throw Unsettled(reason: .inScriere) }
        let pass = try stream(fd, prepared.file, reader: reader, gate: gate, into: sink)
        if changed(fd, path, since: before, signature: signatureBefore, read: pass.size) { throw Unsettled(reason: .inScriere) }
        return pass
    }

    /// Whether the file changed while it was read: not the same inode at the path, not unchanged
    /// on the descriptor, not all its bytes read, or its `.p7s` changed.
    static func changed(_ fd: Int32, _ path: String, since before: FileStamp, signature: FileStamp?, read size: Int) -> Bool {
        FileStamp(descriptor: fd) != before || FileStamp(path: path) != before || Int64(size) != before.size
            || FileStamp(path: path + ".p7s") != signature
    }

    /// One read of the file on `fd`, from its start, streaming: each byte digested (and given to
    /// the detached signature) as libxml2 takes it, the rest once the parse stops; the enveloped
    /// signature follows the parse itself (`SignatureGate.Streamed`).
    static func stream(_ fd: Int32, _ file: InboxFile, reader: SubmissionReader, gate: SignatureGate?,
                       into sink: SubmissionSink) throws -> Pass {
        guard let digest = Digest.Stream() else { throw POSIXError(.ENOMEM) }
        let signatures = gate.map { SignatureGate.Streamed($0, file) }
        let input = XMLInput(fd: fd, limits: reader.limits)
        input.tap = { bytes in
            digest.update(bytes)
            signatures?.update(bytes)
        }
        let read = reader.read(input, name: file.path, sink: sink, observer: signatures?.enveloped)
        guard input.drain() else { throw POSIXError(POSIXErrorCode(rawValue: errno) ?? .EIO) }
        return Pass(sha256: digest.finalHex(), size: digest.size, read: read, signatures: signatures)
    }

    /// Every byte of `fd` from its start, at most `limit` (more: the file grew, and is left);
    /// `expected` bytes (and one to see its end) are allocated at once.
    static func readAll(_ fd: Int32, expected: Int, atMost limit: Int) throws -> Data {
        var data = Data(count: min(max(expected + 1, 1 << 12), limit))
        var done = 0
        while done < limit {
            if done == data.count { data.count = min(data.count * 2, limit) }
            let n = data.withUnsafeMutableBytes { buf in buf.baseAddress.map { pread(fd, $0 + done, buf.count - done, off_t(done)) } ?? -1 }
            if n == 0 { break }
            if n < 0 {
                if errno == EINTR { continue }
                throw POSIXError(POSIXErrorCode(rawValue: errno) ?? .EIO)
            }
            done += n
        }
        data.count = done
        return data
    }

    /// The rules that need neither history nor registry, judged here, off the judging thread.
    static func judgedContent(_ certificates: [ReportedCertificate], _ header: DocumentHeader?, _ file: InboxFile,
                              _ rules: RuleEngine) -> [CertificateRuleBook.ContentVerdict?] {
        guard let header else { return [] }
        let day = Bucharest.localDate(of: file.receivedAt)
        return certificates.map { rules.judge.content(of: $0, in: header, receiptDay: day) }
    }
}
