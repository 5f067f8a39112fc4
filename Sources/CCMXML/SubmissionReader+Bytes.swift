import Foundation

extension SubmissionReader {
    /// `read(path:into:)` for a file already in memory (the fuzzer, `Inspection`): the same size
    /// limit, prolog check and streaming parse, the bytes served to libxml2 as the file's would be.
    public func read(bytes: Data, name: String = "<memorie>", into sink: SubmissionSink, observer: ReaderObserver? = nil) -> ReadResult {
        read(XMLInput(bytes: bytes, limits: limits), name: name, sink: sink, observer: observer)
    }
}
