import CCMCore
import CLibXML2
import Foundation

/// Streams one submission file through libxml2's reader with the XSD validating as it goes:
/// memory stays flat whatever the size. No DTD, no entities, no network, bounded depth.
public final class SubmissionReader {
    public static let namespace = "urn:ro:cnas:ccm:raportare:1"
    static let dsig = "http://www.w3.org/2000/09/xmldsig#"
    let schema: SubmissionSchema
    public let limits: ReadLimits

    public init(schema: SubmissionSchema, limits: ReadLimits = ReadLimits()) {
        self.schema = schema
        self.limits = limits
    }

    /// What another thread needs to make the same reader (`Recipe.reader`).
    public var recipe: Recipe { Recipe(path: schema.path, vocabulary: schema.vocabulary, limits: limits) }

    /// A reader's schema file, its vocabulary and limits, sent to another thread, which parses
    /// the schema again there: libxml2's objects stay with one thread.
    public struct Recipe: Sendable {
        let path: String
        let vocabulary: SchemaVocabulary
        let limits: ReadLimits

        public func reader() throws -> SubmissionReader {
            SubmissionReader(schema: try SubmissionSchema(path: path, vocabulary: vocabulary), limits: limits)
        }
    }

    public func read(path: String, into sink: SubmissionSink) -> ReadResult {
        guard let input = XMLInput(path: path, limits: limits) else {
            var result = ReadResult()
            result.findings.append(F01NotWellFormed.finding("fișierul nu poate fi citit", line: 0))
            return result
        }
        return read(input, name: path, sink: sink)
    }

    /// What every input goes through, file or bytes (`read(bytes:)`): the refusals due before a
    /// parse (empty, the size limit, the byte-level prolog), then the streaming parse; `observer`
    /// sees each node of the same parse (what else is computed in the one pass over the bytes).
    public func read(_ input: XMLInput, name: String, sink: SubmissionSink, observer: ReaderObserver? = nil) -> ReadResult {
        guard let refusal = input.preflight() else { return parse(input: input, name: name, sink: sink, observer: observer) }
        var result = ReadResult()
        switch refusal {
        case .prolog(let problem):
            result.findings.append(Prolog.finding(problem))
        default:
            // Nothing written yet, or nothing at all: a recent empty file is waited for like any cut file.
            result.truncated = refusal == .empty
            result.findings.append(F01NotWellFormed.finding(refusal.detail, line: 0))
        }
        return result
    }

    func parse(input: XMLInput, name: String, sink: SubmissionSink, observer: ReaderObserver? = nil) -> ReadResult {
        var result = ReadResult()
        let collector = ErrorCollector(limit: limits.maxFindings)
        // Created before the reader so that it is freed after it: the reader unplugs from it when freed.
        guard let vctxt = xmlSchemaNewValidCtxt(schema.schema) else {
            result.findings.append(F01NotWellFormed.finding("validatorul nu poate fi creat", line: 0))
            return result
        }
        defer { xmlSchemaFreeValidCtxt(vctxt) }
        guard let reader = input.reader() else {
            result.findings.append(F01NotWellFormed.finding("fișierul nu poate fi deschis", line: 0))
            return result
        }
        defer { xmlFreeTextReader(reader) }
        let collectorRef = Unmanaged.passUnretained(collector).toOpaque()
        collector.position = { (Int(xmlTextReaderGetParserLineNumber(reader)), Int(xmlTextReaderGetParserColumnNumber(reader))) }
        xmlSetStructuredErrorFunc(collectorRef, collectStructuredError)
        defer { xmlSetStructuredErrorFunc(nil, nil) }
        xmlTextReaderSetStructuredErrorHandler(reader, collectStructuredError, collectorRef)
        xmlSchemaSetValidStructuredErrors(vctxt, collectStructuredError, collectorRef)
        if xmlTextReaderSchemaValidateCtxt(reader, vctxt, 0) != 0 {
            result.findings.append(F01NotWellFormed.finding("validarea nu poate porni", line: 0))
            return result
        }

        var builder = DocumentBuilder(reader: reader, sink: sink)
        var status = xmlTextReaderRead(reader)
        var sawElement = false
        while status == 1 {
            let depth = Int(xmlTextReaderDepth(reader)), type = xmlTextReaderNodeType(reader)
            if let refusal = input.refusal(node: type, depth: depth) {
                builder.structural.append(F01NotWellFormed.finding(refusal.detail, line: builder.line))
                break
            }
            observer?.node(reader, type: type, depth: depth)
            switch type {
            case 1: sawElement = true; builder.startElement(depth: depth)
            case 3, 4: builder.appendText()
            case 15: builder.endElement(depth: depth)
            default: break
            }
            if builder.stop || builder.structural.contains(where: { $0.code == F01NotWellFormed.code }) { break }
            if builder.tally.certificates % 64 == 0 && Date() > input.deadline { input.timedOut = true; break }
            status = xmlTextReaderRead(reader)
        }
        if let refusal = input.refusal {
            // Over the size limit no position means anything: libxml2 never saw the rest.
            if case .overLimit = refusal {
                result.findings.append(F01NotWellFormed.finding(refusal.detail, line: 0))
            } else {
                result.findings.append(F01NotWellFormed.finding(refusal.detail, line: builder.line))
            }
            return result
        }

        observer?.end(complete: status == 0 && !builder.stop && collector.items.allSatisfy { $0.report.domain == Int32(XML_FROM_SCHEMASV.rawValue) })
        result.tally = builder.tally
        result.signed = builder.sawSignature
        let parserErrors = collector.items.filter { $0.report.domain != Int32(XML_FROM_SCHEMASV.rawValue) }
        let schemaErrors = collector.items.filter { $0.report.domain == Int32(XML_FROM_SCHEMASV.rawValue) }
        let structuralF01 = builder.structural.filter { $0.code == F01NotWellFormed.code }
        if !structuralF01.isEmpty || !parserErrors.isEmpty || (status == -1 && !builder.stop) {
            // Not XML: only F01 can be said (the first fatal error is the one that matters).
            if let first = structuralF01.first {
                result.findings = [first]
            } else if let e = parserErrors.first {
                // The parse stops at its first fatal error: stopped where the bytes ran out, inside the
                // document, the file was cut (or is still being written). Asked here, never from the error
                // callback, where libxml2 may be growing the very buffer this reads.
                result.truncated = sawElement && parserErrors.contains(where: \.fatal)
                    && Int(xmlTextReaderByteConsumed(reader)) >= input.total
                let detail = XMLErrorText.parser(e.report, vocabulary: schema.vocabulary, sawElement: sawElement, cut: result.truncated)
                result.findings = [F01NotWellFormed.finding(detail, line: e.line, column: e.column)]
            } else {
                result.findings = [F01NotWellFormed.finding("documentul nu poate fi citit", line: builder.line)]
            }
            return result
        }
        result.findings = schemaErrors.map {
            F02Schema.finding(XMLErrorText.schema($0.report, vocabulary: schema.vocabulary), line: $0.line, column: $0.column)
        }
        result.findings += builder.structural
        if collector.dropped > 0 {
            result.findings.append(F02Schema.finding("încă \(collector.dropped) erori de schemă nu sunt afișate",
                                                     line: builder.line, column: 0))
        }
        return result
    }
}
