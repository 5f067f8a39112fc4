import CCMXML
import CXMLSec
import Foundation

/// libxml2's reader over a document through the submission reader's own input (`XMLInput`: the
/// same refusals before a parse, size, time and markup limits, options and entity loader), with
/// the parser's errors collected instead of printed.
final class StreamedXML {
    let reader: xmlTextReaderPtr
    let input: XMLInput
    private(set) var firstError: String?

    private init?(input: XMLInput) {
        self.input = input
        guard let reader = input.reader() else { return nil }
        self.reader = reader
        xmlTextReaderSetStructuredErrorHandler(reader, streamedError, Unmanaged.passUnretained(self).toOpaque())
    }

    convenience init?(path: String, limits: ReadLimits) {
        guard let input = XMLInput(path: path, limits: limits) else { return nil }
        self.init(input: input)
    }

    convenience init?(data: Data, limits: ReadLimits) {
        self.init(input: XMLInput(bytes: data, limits: limits))
    }

    deinit { xmlFreeTextReader(reader) }

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

private let streamedError: xmlStructuredErrorFunc = { ctx, err in
    guard let ctx, let err else { return }
    Unmanaged<StreamedXML>.fromOpaque(ctx).takeUnretainedValue().record(err)
}
