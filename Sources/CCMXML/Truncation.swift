import CLibXML2
import Foundation

/// Whether a file that is not well-formed only ends too soon: its bytes are the start of a
/// document (libxml2's push parser, fed everything without the end, finds no error) and the
/// end is what is missing. A file still being written looks so; a broken one does not.
public enum Truncation {
    public static func endsEarly(path: String) -> Bool {
        guard let fh = FileHandle(forReadingAtPath: path) else { return false }
        defer { try? fh.close() }
        // No callbacks: nothing is built, no entity is looked up; only well-formedness is checked.
        var sax = xmlSAXHandler()
        guard let ctxt = xmlCreatePushParserCtxt(&sax, nil, nil, 0, nil) else { return false }
        defer { xmlFreeParserCtxt(ctxt) }
        _ = xmlCtxtUseOptions(ctxt, Int32(XML_PARSE_NONET.rawValue))
        xmlSetStructuredErrorFunc(nil, ignoreError)
        defer { xmlSetStructuredErrorFunc(nil, nil) }
        while true {
            // nil at the end of the file; an error reading it is no sign of an unfinished file.
            let next: Data?
            do { next = try fh.read(upToCount: 1 << 16) } catch { return false }
            guard let chunk = next, !chunk.isEmpty else { break }
            _ = chunk.withUnsafeBytes { xmlParseChunk(ctxt, $0.bindMemory(to: CChar.self).baseAddress, Int32($0.count), 0) }
            if ctxt.pointee.wellFormed == 0 { return false }
        }
        _ = xmlParseChunk(ctxt, nil, 0, 1)
        return ctxt.pointee.wellFormed == 0
    }
}

private let ignoreError: xmlStructuredErrorFunc = { _, _ in }
