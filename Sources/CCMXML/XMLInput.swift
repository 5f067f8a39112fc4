import CCMCore
import CLibXML2
import Foundation

/// The one way a document's bytes reach libxml2, for the submission reader and the signature
/// verifier alike: from our own descriptor or from memory (libxml2's own file input would
/// gunzip), refused before the parse when empty, too large or with a prolog the format has no
/// place for (a DOCTYPE above all), stopped while read at the size and time limits and at
/// oversized markup (`MarkupGuard`), parsed with no network, no entity substitution, no DTD
/// loading or default attributes and no XInclude, while the process's entity loader reads
/// nothing but the schemas (`LibXML`); its readers' nodes are held to a depth, no DOCTYPE
/// and no entity reference (`refusal(node:depth:)`).
public final class XMLInput {
    /// Why a document was refused before or while it was read.
    public enum Refusal: Equatable {
        case empty
        case tooLarge(size: Int, limit: Int)
        case prolog(Prolog.Problem)
        case overLimit(limit: Int)
        case timedOut(seconds: Double)
        case longAttribute
        case tooMuchComment
        case tooDeep(limit: Int)
        case doctype
        case entityReference

        /// What the provider reads, in Romanian.
        public var detail: String {
            switch self {
            case .empty: return "fișierul este gol (0 octeți)"
            case .tooLarge(let size, let limit): return "fișierul are \(size) octeți, peste limita de \(limit)"
            case .prolog(let problem): return problem.detail
            case .overLimit(let limit): return "fișierul depășește limita de \(limit) octeți"
            case .timedOut(let seconds): return "citirea fișierului a depășit \(Int(seconds)) s"
            case .longAttribute: return "o valoare de atribut depășește \(MarkupGuard.maxAttributeBytes / 1024) KiB"
            case .tooMuchComment: return "comentariile și instrucțiunile de procesare depășesc \(MarkupGuard.maxCommentBytes >> 20) MiB"
            case .tooDeep(let limit): return "structura depășește adâncimea maximă de \(limit) niveluri"
            case .doctype: return "declarația DOCTYPE nu este permisă"
            case .entityReference: return "referințele la entități nu sunt permise"
            }
        }
    }

    /// No NOENT, DTDLOAD, DTDATTR, XINCLUDE or HUGE: nothing is substituted, loaded or lifted.
    static let options = Int32(XML_PARSE_NONET.rawValue | XML_PARSE_NOCDATA.rawValue | XML_PARSE_COMPACT.rawValue)

    public let limits: ReadLimits
    let fd: Int32
    private let ownsDescriptor: Bool
    /// In-memory content, read instead of `fd` (then -1).
    let memory: Data?
    /// Bytes handed to libxml2.
    var total = 0
    /// Bytes taken from the source: each is read once, in order.
    private var position = 0
    /// The source's first bytes as read (the prolog's), and those read ahead for it and not handed on yet.
    private var prefix: [UInt8] = []
    private var ahead: ArraySlice<UInt8> = []
    private var sourceEnded = false
    /// Sees every byte of the source once, in order, as it is read (the file's digests).
    public var tap: ((UnsafeRawBufferPointer) -> Void)?
    var overLimit = false
    var guardian = MarkupGuard()
    /// When the read must have ended (`limits.maxSeconds` after the reader was made).
    var deadline = Date.distantFuture
    var timedOut = false

    /// Over a descriptor the caller keeps open and closes, at its start (read in order: a pipe serves too).
    public init(fd: Int32, limits: ReadLimits) { self.fd = fd; self.limits = limits; memory = nil; ownsDescriptor = false }

    /// The file at `path`, opened for reading here; nil when it cannot be opened.
    public init?(path: String, limits: ReadLimits) {
        fd = open(path, O_RDONLY | O_CLOEXEC)
        guard fd >= 0 else { return nil }
        self.limits = limits; memory = nil; ownsDescriptor = true
    }

    public init(bytes: Data, limits: ReadLimits) { fd = -1; self.limits = limits; memory = bytes; ownsDescriptor = false }

    deinit { if ownsDescriptor { close(fd) } }

    /// The refusals due before any parse, in this order: empty, over the size limit, the prolog.
    public func preflight() -> Refusal? {
        let size: Int
        if let memory {
            size = memory.count
        } else {
            var st = stat()
            guard fstat(fd, &st) == 0 else { return .empty }
            // A pipe has no size: its first bytes say whether it is empty; the read limit bounds the rest.
            size = st.st_mode & S_IFMT == S_IFREG ? Int(st.st_size) : head().count
        }
        if size == 0 { return .empty }
        if size > limits.maxBytes { return .tooLarge(size: size, limit: limits.maxBytes) }
        return Prolog.scan(head()).problem.map(Refusal.prolog)
    }

    /// The first bytes, for the prolog: those already handed on and, read ahead, the rest —
    /// kept to be handed on in turn, so that the source is read once (a pipe serves too).
    private func head() -> [UInt8] {
        if let memory { return [UInt8](memory.prefix(Prolog.maxPrologBytes)) }
        while prefix.count < Prolog.maxPrologBytes, !sourceEnded {
            var chunk = [UInt8](repeating: 0, count: Prolog.maxPrologBytes - prefix.count)
            let got = chunk.withUnsafeMutableBytes { raw in raw.baseAddress.map { Foundation.read(fd, $0, raw.count) } ?? 0 }
            if got < 0 && errno == EINTR { continue }
            guard got > 0 else { sourceEnded = true; break }
            prefix += chunk[..<got]
            ahead += chunk[..<got]
        }
        return prefix
    }

    /// A streaming reader over the bytes with the options above (the caller frees it with
    /// `xmlFreeTextReader`); the time limit starts now. The input must outlive the reader.
    public func reader() -> OpaquePointer? {
        LibXML.installLoader()
        deadline = Date().addingTimeInterval(limits.maxSeconds)
        return xmlReaderForIO(boundedRead, noClose, Unmanaged.passUnretained(self).toOpaque(), nil, nil, XMLInput.options)
    }

    /// What stopped the bytes on their way to libxml2, if anything did.
    public var refusal: Refusal? {
        if overLimit { return .overLimit(limit: limits.maxBytes) }
        if timedOut { return .timedOut(seconds: limits.maxSeconds) }
        switch guardian.problem {
        case .longAttribute?: return .longAttribute
        case .tooMuchComment?: return .tooMuchComment
        case nil: return nil
        }
    }

    /// A reader's node the format has no place for: deeper than the limit, a DOCTYPE, an entity reference.
    public func refusal(node type: Int32, depth: Int) -> Refusal? {
        if depth > limits.maxDepth { return .tooDeep(limit: limits.maxDepth) }
        if type == 10 { return .doctype }
        if type == 5 { return .entityReference }
        return nil
    }

    /// Like read(2): up to `count` bytes from where the last read ended, 0 at the end, -1 on
    /// error; what was read ahead for the prolog first, then the descriptor (or the memory).
    func read(into buffer: UnsafeMutableRawPointer, count: Int) -> Int {
        var n: Int
        if let memory {
            n = max(0, min(count, memory.count - position))
            if n > 0 { memory.withUnsafeBytes { raw in if let base = raw.baseAddress { buffer.copyMemory(from: base + position, byteCount: n) } } }
        } else if !ahead.isEmpty {
            n = min(count, ahead.count)
            ahead.prefix(n).withUnsafeBytes { raw in if let base = raw.baseAddress { buffer.copyMemory(from: base, byteCount: n) } }
            ahead = ahead.dropFirst(n)
        } else {
            repeat { n = Foundation.read(fd, buffer, count) } while n < 0 && errno == EINTR
            if n > 0, prefix.count < Prolog.maxPrologBytes {
                prefix += UnsafeRawBufferPointer(start: buffer, count: min(n, Prolog.maxPrologBytes - prefix.count))
            }
        }
        guard n > 0 else { return n }
        position += n
        tap?(UnsafeRawBufferPointer(start: buffer, count: n))
        return n
    }

    /// The bytes no parse asked for (it stopped, or never began), read to the end for the tap
    /// alone; false on a read error.
    public func drain() -> Bool {
        guard tap != nil else { return true }
        let chunk = 1 << 20
        let buffer = UnsafeMutableRawPointer.allocate(byteCount: chunk, alignment: 16)
        defer { buffer.deallocate() }
        while true {
            let n = read(into: buffer, count: chunk)
            if n == 0 { return true }
            if n < 0 { return false }
        }
    }

    /// Bytes read from the source so far (by the parse and by `drain`).
    public var bytesRead: Int { position }
}

private let boundedRead: xmlInputReadCallback = { ctx, buffer, len in
    guard let ctx, let buffer else { return -1 }
    let input = Unmanaged<XMLInput>.fromOpaque(ctx).takeUnretainedValue()
    let n = input.read(into: buffer, count: Int(len))
    if n < 0 { return -1 }
    input.total += n
    if input.total > input.limits.maxBytes { input.overLimit = true; return -1 }
    if !input.guardian.scan(UnsafeRawBufferPointer(start: buffer, count: n)) { return -1 }
    if Date() > input.deadline { input.timedOut = true; return -1 }
    return Int32(n)
}

private let noClose: xmlInputCloseCallback = { _ in 0 }
