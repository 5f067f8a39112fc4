import Foundation

/// What the file-level rules know about a document once its header is read.
public struct FileContext: Sendable {
    public var header: DocumentHeader
    public var receivedAt: Date
    public var deployment: Deployment
    /// The registry's record of `header.cui`, if any.
    public var provider: Provider?
    /// Whether (CUI, luna) already has a registered INITIALA.
    public var hasRegisteredInitial: Bool

    public init(header: DocumentHeader, receivedAt: Date, deployment: Deployment, provider: Provider?,
                hasRegisteredInitial: Bool) {
        self.header = header; self.receivedAt = receivedAt; self.deployment = deployment
        self.provider = provider; self.hasRegisteredInitial = hasRegisteredInitial
    }
}

/// What a whole document added up to, for the rules that look at the end.
public struct DocumentTally: Sendable, Equatable {
    public var certificates = 0
    public var days = 0
    public var declared: DeclaredTotals?
    public init() {}

    public mutating func add(_ c: ReportedCertificate) {
        certificates += 1
        days += c.body?.perioada.zile ?? 0
    }
}

/// A file-level rule of `02-validation-rules.md` §2: one type per code. A check returns the
/// message of each violation; the rule book turns them into findings.
public protocol FileRule: Rule {
    init()
    func checkHeader(_ ctx: FileContext) -> [Finding.Message]
    func checkCertificate(_ c: ReportedCertificate, _ ctx: FileContext) -> [Finding.Message]
    func checkEnd(_ tally: DocumentTally, _ ctx: FileContext) -> [Finding.Message]
}

extension FileRule {
    public static var role: RuleRole { .file(Self()) }
    public func checkHeader(_ ctx: FileContext) -> [Finding.Message] { [] }
    public func checkCertificate(_ c: ReportedCertificate, _ ctx: FileContext) -> [Finding.Message] { [] }
    public func checkEnd(_ tally: DocumentTally, _ ctx: FileContext) -> [Finding.Message] { [] }
}
