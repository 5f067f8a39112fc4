import CXMLSec
import Foundation

/// libxml2's reader over a file (our own descriptor: libxml2's file input would gunzip) or over
/// bytes in memory, with the parser's errors collected instead of printed. No DTD is loaded,
/// no entity substituted, nothing fetched (XML_PARSE_NONET); libxml2's default limits on depth
/// and on the size of one text node stay on.
final class StreamedXML {
    let reader: xmlTextReaderPtr
    private let input: StreamedInput
    private(set) var firstError: String?

    private init?(input: StreamedInput) {
        self.input = input
        let ref = Unmanaged.passUnretained(input).toOpaque()
        guard let reader = xmlReaderForIO(streamedRead, streamedNoClose, ref, nil, nil, Int32(XML_PARSE_NONET.rawValue)) else { return nil }
        self.reader = reader
        xmlTextReaderSetStructuredErrorHandler(reader, streamedError, Unmanaged.passUnretained(self).toOpaque())
    }

    convenience init?(path: String) {
        let fd = open(path, O_RDONLY | O_CLOEXEC)
        guard fd >= 0 else { return nil }
        self.init(input: StreamedInput(fd: fd, memory: nil))
    }

    convenience init?(data: Data) {
        self.init(input: StreamedInput(fd: -1, memory: data))
    }

    /// The reader's document (its partial tree), for libxml2's C14N of SignedInfo. Once asked
    /// for, the reader no longer frees it: this object does, after the reader (found by the
    /// fuzzer's leak check).
    private var keptDoc: xmlDocPtr?

    func currentDoc() -> xmlDocPtr? {
        if keptDoc == nil { keptDoc = xmlTextReaderCurrentDoc(reader) }
        return keptDoc
    }

    deinit {
        xmlFreeTextReader(reader)
        if let keptDoc { xmlFreeDoc(keptDoc) }
    }

    fileprivate func record(_ error: UnsafePointer<xmlError>) {
        let e = error.pointee
        guard firstError == nil, e.level.rawValue >= XML_ERR_ERROR.rawValue else { return }
        var message = e.message.map { String(cString: $0) } ?? ""
        while message.last == "\n" || message.last == " " { message.removeLast() }
        let at = e.line > 0 ? " (linia \(e.line))" : ""
        firstError = "documentul XML nu este corect format" + (message.isEmpty ? "" : ": \(message)") + at
    }

    /// Whether the bytes name the XML-DSig namespace anywhere (read again in pieces, for the
    /// documents that cannot be parsed: only a document that looks signed is refused as such).
    static func bytesNameDSig(path: String?, data: Data?) -> Bool {
        let needle = Data(EnvelopedSignatureAlgorithms.dsigNamespace.utf8)
        if let data { return data.range(of: needle) != nil }
        guard let path, let handle = FileHandle(forReadingAtPath: path) else { return false }
        defer { try? handle.close() }
        var tail = Data()
        while let chunk = try? handle.read(upToCount: 1 << 20), !chunk.isEmpty {
            let window = tail + chunk
            if window.range(of: needle) != nil { return true }
            tail = window.suffix(needle.count - 1)
        }
        return false
    }
}

fileprivate final class StreamedInput {
    let fd: Int32
    let memory: Data?
    var position = 0
    init(fd: Int32, memory: Data?) { self.fd = fd; self.memory = memory }
    deinit { if fd >= 0 { close(fd) } }

    func read(into buffer: UnsafeMutableRawPointer, count: Int) -> Int {
        guard let memory else { return Foundation.read(fd, buffer, count) }
        let n = min(count, memory.count - position)
        guard n > 0 else { return 0 }
        memory.withUnsafeBytes { raw in
            if let base = raw.baseAddress { buffer.copyMemory(from: base + position, byteCount: n) }
        }
        position += n
        return n
    }
}

private let streamedRead: xmlInputReadCallback = { ctx, buffer, len in
    guard let ctx, let buffer else { return -1 }
    let input = Unmanaged<StreamedInput>.fromOpaque(ctx).takeUnretainedValue()
    return Int32(input.read(into: buffer, count: Int(len)))
}

private let streamedNoClose: xmlInputCloseCallback = { _ in 0 }

private let streamedError: xmlStructuredErrorFunc = { ctx, err in
    guard let ctx, let err else { return }
    Unmanaged<StreamedXML>.fromOpaque(ctx).takeUnretainedValue().record(err)
}
