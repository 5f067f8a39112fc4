import CCMCore
import CLibXML2
import Foundation

/// Streams one submission file through libxml2's reader with the XSD validating as it goes:
/// memory stays flat whatever the size. No DTD, no entities, no network, bounded depth.
public final class SubmissionReader {
    public static let namespace = "urn:ro:cnas:ccm:raportare:1"
    static let dsig = "http://www.w3.org/2000/09/xmldsig#"
    let schema: SubmissionSchema
    let limits: ReadLimits

    public init(schema: SubmissionSchema, limits: ReadLimits = ReadLimits()) {
        self.schema = schema
        self.limits = limits
    }

    static let options = Int32(XML_PARSE_NONET.rawValue | XML_PARSE_NOCDATA.rawValue | XML_PARSE_COMPACT.rawValue)

    public func read(path: String, into sink: SubmissionSink) -> ReadResult {
        guard let fh = FileHandle(forReadingAtPath: path) else {
            var result = ReadResult()
            result.findings.append(F01NotWellFormed.finding("fișierul nu poate fi citit", line: 0))
            return result
        }
        defer { try? fh.close() }
        let size = (try? fh.seekToEnd()).map { Int($0) } ?? 0
        return read(size: size, head: {
            try? fh.seek(toOffset: 0)
            return [UInt8]((try? fh.read(upToCount: Prolog.maxPrologBytes)) ?? Data())
        }, input: {
            try? fh.seek(toOffset: 0)
            return BoundedInput(fd: fh.fileDescriptor, limit: limits.maxBytes)
        }, name: path, sink: sink)
    }

    /// What every input goes through, file or bytes (`read(bytes:)`), in this order: the size
    /// limit, the byte-level prolog, then the streaming parse. `head` and `input` are asked for
    /// only when the step before passed.
    func read(size: Int, head: () -> [UInt8], input: () -> BoundedInput, name: String, sink: SubmissionSink) -> ReadResult {
        var result = ReadResult()
        if size == 0 {
            // Nothing written yet, or nothing at all: a recent one is waited for like any cut file.
            result.truncated = true
            result.findings.append(F01NotWellFormed.finding("fișierul este gol (0 octeți)", line: 0))
            return result
        }
        if size > limits.maxBytes {
            result.findings.append(F01NotWellFormed.finding(
                "fișierul are \(size) octeți, peste limita de \(limits.maxBytes)", line: 0))
            return result
        }
        let prolog = Prolog.scan(head())
        if let problem = prolog.problem {
            result.findings.append(Prolog.finding(problem))
            return result
        }
        return parse(input: input(), name: name, sink: sink)
    }

    func parse(input: BoundedInput, name: String, sink: SubmissionSink) -> ReadResult {
        var result = ReadResult()
        input.deadline = Date().addingTimeInterval(limits.maxSeconds)
        let collector = ErrorCollector(limit: limits.maxFindings)
        let inputRef = Unmanaged.passUnretained(input).toOpaque()
        // Created before the reader so that it is freed after it: the reader unplugs from it when freed.
        guard let vctxt = xmlSchemaNewValidCtxt(schema.schema) else {
            result.findings.append(F01NotWellFormed.finding("validatorul nu poate fi creat", line: 0))
            return result
        }
        defer { xmlSchemaFreeValidCtxt(vctxt) }
        guard let reader = xmlReaderForIO(boundedRead, noClose, inputRef, nil, nil, SubmissionReader.options) else {
            result.findings.append(F01NotWellFormed.finding("fișierul nu poate fi deschis", line: 0))
            return result
        }
        defer { xmlFreeTextReader(reader) }
        let collectorRef = Unmanaged.passUnretained(collector).toOpaque()
        collector.position = { (Int(xmlTextReaderGetParserLineNumber(reader)), Int(xmlTextReaderGetParserColumnNumber(reader))) }
        xmlSetStructuredErrorFunc(collectorRef, collectStructuredError)
        defer { xmlSetStructuredErrorFunc(nil, nil) }
        xmlTextReaderSetStructuredErrorHandler(reader, collectStructuredError, collectorRef)
        xmlSchemaSetValidStructuredErrors(vctxt, collectStructuredError, collectorRef)
        if xmlTextReaderSchemaValidateCtxt(reader, vctxt, 0) != 0 {
            result.findings.append(F01NotWellFormed.finding("validarea nu poate porni", line: 0))
            return result
        }

        let builder = DocumentBuilder(reader: reader, sink: sink)
        var status = xmlTextReaderRead(reader)
        var sawElement = false
        while status == 1 {
            let depth = Int(xmlTextReaderDepth(reader))
            if depth > limits.maxDepth {
                builder.structural.append(F01NotWellFormed.finding(
                    "structura depășește adâncimea maximă de \(limits.maxDepth) niveluri", line: builder.line))
                break
            }
            switch xmlTextReaderNodeType(reader) {
            case 1: sawElement = true; builder.startElement(depth: depth)
            case 3, 4: builder.appendText()
            case 15: builder.endElement()
            case 10:
                builder.structural.append(F01NotWellFormed.finding("declarația DOCTYPE nu este permisă", line: builder.line))
            case 5:
                builder.structural.append(F01NotWellFormed.finding("referințele la entități nu sunt permise", line: builder.line))
            default: break
            }
            if builder.stop || builder.structural.contains(where: { $0.code == F01NotWellFormed.code }) { break }
            if builder.tally.certificates % 64 == 0 && Date() > input.deadline { input.timedOut = true; break }
            status = xmlTextReaderRead(reader)
        }
        if input.overLimit {
            collector.items.removeAll()
            result.findings.append(F01NotWellFormed.finding("fișierul depășește limita de \(limits.maxBytes) octeți", line: 0))
            return result
        }
        if input.timedOut {
            result.findings.append(F01NotWellFormed.finding(
                "citirea fișierului a depășit \(Int(limits.maxSeconds)) s", line: builder.line))
            return result
        }
        if let problem = input.guardian.problem {
            let detail = problem == .longAttribute
                ? "o valoare de atribut depășește \(MarkupGuard.maxAttributeBytes / 1024) KiB"
                : "comentariile și instrucțiunile de procesare depășesc \(MarkupGuard.maxCommentBytes >> 20) MiB"
            result.findings.append(F01NotWellFormed.finding(detail, line: builder.line))
            return result
        }

        result.tally = builder.tally
        result.signed = builder.sawSignature
        let parserErrors = collector.items.filter { $0.report.domain != Int32(XML_FROM_SCHEMASV.rawValue) }
        let schemaErrors = collector.items.filter { $0.report.domain == Int32(XML_FROM_SCHEMASV.rawValue) }
        let structuralF01 = builder.structural.filter { $0.code == F01NotWellFormed.code }
        if !structuralF01.isEmpty || !parserErrors.isEmpty || (status == -1 && !builder.stop) {
            // Not XML: only F01 can be said (the first fatal error is the one that matters).
            if let first = structuralF01.first {
                result.findings = [first]
            } else if let e = parserErrors.first {
                // The parse stops at its first fatal error: stopped where the bytes ran out, inside the
                // document, the file was cut (or is still being written). Asked here, never from the error
                // callback, where libxml2 may be growing the very buffer this reads.
                result.truncated = sawElement && parserErrors.contains(where: \.fatal)
                    && Int(xmlTextReaderByteConsumed(reader)) >= input.total
                let detail = XMLErrorText.parser(e.report, vocabulary: schema.vocabulary, sawElement: sawElement, cut: result.truncated)
                result.findings = [F01NotWellFormed.finding(detail, line: e.line, column: e.column)]
            } else {
                result.findings = [F01NotWellFormed.finding("documentul nu poate fi citit", line: builder.line)]
            }
            return result
        }
        result.findings = schemaErrors.map {
            F02Schema.finding(XMLErrorText.schema($0.report, vocabulary: schema.vocabulary), line: $0.line, column: $0.column)
        }
        result.findings += builder.structural
        if collector.dropped > 0 {
            result.findings.append(F02Schema.finding("încă \(collector.dropped) erori de schemă nu sunt afișate",
                                                     line: builder.line, column: 0))
        }
        return result
    }
}

/// The file as libxml2 reads it: plain bytes from our own descriptor (libxml2's own file
/// input would transparently gunzip), stopped at the size limit. Or the same bytes already in
/// memory (`read(bytes:)`), served the same way.
final class BoundedInput {
    let fd: Int32
    let limit: Int
    var total = 0
    var overLimit = false
    var guardian = MarkupGuard()
    /// When the read must have ended (ReadLimits.maxSeconds); set by `parse`.
    var deadline = Date.distantFuture
    var timedOut = false
    /// In-memory content, read instead of `fd` (then -1); `total` is the position in it.
    let memory: Data?
    init(fd: Int32, limit: Int) { self.fd = fd; self.limit = limit; memory = nil }
    init(bytes: Data, limit: Int) { fd = -1; self.limit = limit; memory = bytes }

    /// Like read(2) on the descriptor: up to `count` bytes, 0 at the end, -1 on error.
    func read(into buffer: UnsafeMutableRawPointer, count: Int) -> Int {
        guard let memory else { return Foundation.read(fd, buffer, count) }
        let n = min(count, memory.count - total)
        guard n > 0 else { return 0 }
        memory.withUnsafeBytes { raw in
            if let base = raw.baseAddress { buffer.copyMemory(from: base + total, byteCount: n) }
        }
        return n
    }
}

private let boundedRead: xmlInputReadCallback = { ctx, buffer, len in
    guard let ctx, let buffer else { return -1 }
    let input = Unmanaged<BoundedInput>.fromOpaque(ctx).takeUnretainedValue()
    let n = input.read(into: buffer, count: Int(len))
    if n < 0 { return -1 }
    input.total += n
    if input.total > input.limit { input.overLimit = true; return -1 }
    if !input.guardian.scan(UnsafeRawBufferPointer(start: buffer, count: n)) { return -1 }
    if Date() > input.deadline { input.timedOut = true; return -1 }
    return Int32(n)
}

private let noClose: xmlInputCloseCallback = { _ in 0 }
