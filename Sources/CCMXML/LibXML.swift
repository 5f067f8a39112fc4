import CLibXML2
import Foundation
import Synchronization

/// Process-wide libxml2 set-up: initialised once, and an external-entity loader that reads
/// nothing but the schema files themselves. Documents never load DTDs or entities (no
/// option enables it); this loader is the second lock on the same door.
enum LibXML {
    struct LoaderState {
        var allowedDirectory = "/nonexistent/"
        /// Loads asked for outside the schema folder, all refused (tests check no document asks).
        var refusedLoads = 0
    }

    /// Read and written by whichever thread libxml2 calls the loader on.
    static let loader = Mutex(LoaderState())
    private static let once: Void = {
        xmlInitParser()
        xmlSetExternalEntityLoader(schemaOnlyLoader)
    }()

    /// The loader above, for a document read before any schema was loaded (it then refuses every load).
    static func installLoader() { _ = once }

    static var refusedLoads: Int { loader.withLock { $0.refusedLoads } }

    /// What libxml2 allocated for us, freed by its own deallocator: asked of `xmlMemGet`, since
    /// Swift 6 does not read the C global `xmlFree` (mutable, as far as it can tell).
    static func free(_ p: UnsafeMutableRawPointer) {
        var release: xmlFreeFunc?
        xmlMemGet(&release, nil, nil, nil)
        release?(p)
    }

    static func initialise(allowing directory: String) {
        // Resolved as each load is: a schema folder reached through a link (an installed copy) is still its own.
        let allowed = URL(fileURLWithPath: directory).standardizedFileURL.resolvingSymlinksInPath().path + "/"
        loader.withLock { $0.allowedDirectory = allowed }
        _ = once
    }
}

private func schemaOnlyLoader(_ url: UnsafePointer<CChar>?, _ id: UnsafePointer<CChar>?,
                              _ ctxt: xmlParserCtxtPtr?) -> xmlParserInputPtr? {
    guard let url else { return nil }
    var path = String(cString: url)
    if path.hasPrefix("file://") { path = String(path.dropFirst(7)) }
    let resolved = URL(fileURLWithPath: path).standardizedFileURL.resolvingSymlinksInPath().path
    let allowed = LibXML.loader.withLock { state in
        guard resolved.hasPrefix(state.allowedDirectory), resolved.hasSuffix(".xsd") else {
            state.refusedLoads += 1
            return false
        }
        return true
    }
    guard allowed else { return nil }
    return xmlNewInputFromFile(ctxt, resolved)
}

/// Collects libxml2's structured errors for one parse.
final class ErrorCollector {
    struct Item { var report: XMLErrorReport; var line: Int; var column: Int; var fatal: Bool }
    var items: [Item] = []
    var dropped = 0
    let limit: Int
    /// Where the parser is, for errors that carry no position (streaming schema errors).
    var position: () -> (Int, Int) = { (0, 0) }

    init(limit: Int) { self.limit = limit }

    func add(_ e: UnsafePointer<xmlError>) {
        let err = e.pointee
        guard err.level.rawValue >= XML_ERR_ERROR.rawValue else { return }
        guard items.count < limit else { dropped += 1; return }
        var message = err.message.map { String(cString: $0) } ?? "eroare necunoscută"
        while message.last == "\n" || message.last == " " { message.removeLast() }
        let (pl, pc) = position()
        let line = err.line > 0 ? Int(err.line) : pl
        let column = err.domain == Int32(XML_FROM_PARSER.rawValue) && err.int2 > 0 ? Int(err.int2) : pc
        let report = XMLErrorReport(domain: err.domain, code: err.code, message: message,
                                    str1: err.str1.map { String(cString: $0) }, int1: err.int1)
        items.append(Item(report: report, line: line, column: column, fatal: err.level == XML_ERR_FATAL))
    }
}

let collectStructuredError: xmlStructuredErrorFunc = { ctx, err in
    guard let ctx, let err else { return }
    Unmanaged<ErrorCollector>.fromOpaque(ctx).takeUnretainedValue().add(err)
}
