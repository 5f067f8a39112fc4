import Foundation

public enum Severity: String, Sendable, Comparable {
    case eroare = "EROARE", avertisment = "AVERTISMENT", off = "OFF"

    public static func < (a: Severity, b: Severity) -> Bool { a.rank < b.rank }
    var rank: Int { switch self { case .off: 0; case .avertisment: 1; case .eroare: 2 } }
}

/// One reason the processor gives about a file or a certificate: a value, never a crash.
public struct Finding: Sendable, Equatable {
    public var code: String
    public var severity: Severity
    public var message: String
    public var line: Int?
    public var column: Int?
    /// The message as the public centralizer may show it, when it must say less than the
    /// provider's (C11 names the diagnosis code written on the certificate).
    public var publicMessage: String?

    public init(code: String, severity: Severity, message: String, line: Int? = nil, column: Int? = nil,
                publicMessage: String? = nil) {
        self.code = code; self.severity = severity; self.message = message; self.line = line; self.column = column
        self.publicMessage = publicMessage
    }
}

public enum DocumentStatus: String, Sendable { case inregistrat = "INREGISTRAT", respins = "RESPINS", duplicat = "DUPLICAT" }
public enum CertificateStatus: String, Sendable { case valid = "VALID", cuErori = "CU_ERORI" }
