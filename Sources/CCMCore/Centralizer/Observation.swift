import Foundation

/// A refused file's reason as the public table may show it (code and message, no value quoted),
/// and where in the file it was found (the e-mail to the provider says so).
public struct FileReason: Sendable, Equatable {
    public var code: String
    public var message: String
    public var line: Int?
    public var column: Int?
    public init(code: String, message: String, line: Int? = nil, column: Int? = nil) {
        self.code = code; self.message = message; self.line = line; self.column = column
    }
}

/// A file of the month the CAS refused (RESPINS), with its public reasons.
public struct RefusedFile: Sendable, Equatable {
    public var fileName: String
    public var receivedAt: Date?
    /// The report's declared type, nil when it could not be read.
    public var tip: String?
    public var reasons: [FileReason]
    /// The provider had a later report of the month registered since: this refusal no longer decides anything.
    public var superseded: Bool

    public init(fileName: String, receivedAt: Date?, tip: String? = nil, reasons: [FileReason], superseded: Bool) {
        self.fileName = fileName; self.receivedAt = receivedAt; self.tip = tip; self.reasons = reasons; self.superseded = superseded
    }

    /// `Fișier respins NAME (dd.mm.yyyy hh:mm): COD mesaj`, the first reason (the others are in the error lists).
    public var note: String {
        let at = receivedAt.map(Bucharest.wallClock) ?? ""
        let first = reasons.first.map { "\($0.code) \($0.message)" } ?? ""
        return "Fișier respins \(fileName) (\(at)): \(first)"
    }
}

/// One line of the Observații column: a note (warning, late report) or the last refusal, which
/// says so once a later report replaced it.
public struct Observation: Sendable, Equatable {
    public enum Kind: String, Sendable { case note, refusal }
    public var kind: Kind
    public var text: String
    public var superseded: Bool

    public init(kind: Kind, text: String, superseded: Bool = false) {
        self.kind = kind; self.text = text; self.superseded = superseded
    }

    public static let supersededMark = "înlocuit de o raportare înregistrată ulterior"

    /// The line as every plain-text format writes it (CSV, XLSX, JSON, text).
    public var written: String { superseded ? "\(text) (\(Observation.supersededMark))" : text }
}
