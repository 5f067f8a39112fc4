extension Finding {
    /// What a rule says of one violation, declared beside its rule (`extension Finding.Message`),
    /// so that the words are written once and filled only through typed parameters.
    public struct Message: Sendable, Equatable {
        /// The operator's words (and the provider's, for a rule whose detail the provider reads).
        public let text: String
        /// The public table's words when they must say less (no CNP, diagnosis, condition or
        /// person); nil: the same as `text`.
        public let publicText: String?

        public init(_ text: String, public publicText: String? = nil) {
            self.text = text; self.publicText = publicText
        }
    }

    /// The finding `message` makes for the rule `code`, with the severity in force.
    init(_ message: Message, code: String, severity: Severity, line: Int? = nil, column: Int? = nil) {
        self.init(code: code, severity: severity, message: message.text, line: line, column: column,
                  publicMessage: message.publicText)
    }
}
