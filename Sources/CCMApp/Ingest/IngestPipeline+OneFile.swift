import CCMCore
import CCMStore
import Foundation

/// One file of the corridor after its preparation: its facts (the document's savepoint begun with
/// them), its verdict (`Judging`), its place (`Placement`), its end in the unit of work.
extension IngestPipeline {
    /// A file of the group: its outcome, and where it goes once the group is committed.
    struct Pending {
        var outcome: FileOutcome
        var plan: Placement.Plan?
    }

    /// One prepared file through its stages: its facts (the document's savepoint begun with
    /// them), its verdict, its place, and its end in the unit of work (committed with its group).
    func judged(_ prepared: PreparedFile, keepCertificateLines: Bool) throws {
        guard FileManager.default.fileExists(atPath: prepared.file.path) else { return }
        let h = prepared.content?.header
        let request = DocumentFacts.Request(
            sha256: prepared.sha256, header: h, signers: h == nil ? nil : prepared.signature?.signers.map(\.sha256),
            receivedAt: prepared.file.receivedAt,
            firstBatch: h == nil ? [] : (prepared.content?.certificates.prefix(Judging.batch).map(Judging.keys) ?? []))
        let facts = try unit.begin(request)
        do {
            try end(prepared, facts: facts, keepCertificateLines: keepCertificateLines)
        } catch {
            // This document alone is undone; the group goes on without it.
            unit.undo()
            throw error
        }
    }

    /// The verdict and place of one file, ended in the unit of work.
    func end(_ prepared: PreparedFile, facts: DocumentFacts, keepCertificateLines: Bool) throws {
        let owned = inbox.owns(prepared.file.path)
        if try endedEarlier(prepared, facts.earlier, owned: owned) { return }
        let judging = Judging(prepared, facts: facts, unit: unit, judge: rules.judge, deployment: deployment, settings: settings,
                              gate: gate, keepCertificateLines: keepCertificateLines)
        let judged = try judging.run(reader: reader)
        // A file read only now (too large to hold): its bytes' records were asked at its end.
        if let earlier = judged.earlier, try endedEarlier(judging.prepared, earlier, owned: owned) { return }
        let file = judging.prepared.file
        var closing = judged.closing
        let o = judged.outcome
        // The place is recorded with the document, in its transaction: the next run finishes a
        // move that did not happen.
        let target = closing == nil ? nil : placement.reserve(file.name, o.status, o.luna)
        closing?.record.movingTo = target
        // A DUPLICAT of a registered IdDocument is not recorded: its place is chosen when it moves.
        let plan = Placement.Plan(file: file, status: o.status, luna: o.luna, recordId: judged.recordId, target: target,
                                  recorded: target != nil, owned: owned)
        unit.end(Pending(outcome: o, plan: plan), recordId: judged.recordId, certificates: o.certificateCount, closing: closing)
    }

    /// A file whose bytes were recorded already: its move left to finish (a run stopped between its
    /// commit and the move), or a DUPLICAT of bytes kept; ended in the unit of work. false: neither.
    func endedEarlier(_ prepared: PreparedFile, _ records: DocumentStore.Earlier, owned: Bool) throws -> Bool {
        let file = prepared.file, sha = prepared.sha256
        // A run stopped between its commit and the move: only the move is left to do.
        let (earlier, registered) = records
        if let earlier {
            // Its verdict stands (INREGISTRAT or RESPINS, with its reasons), marked as a move
            // completed rather than a new verdict or a duplicate of another file.
            let status: DocumentStatus = earlier.status == .inregistrat ? .inregistrat : .respins
            var o = FileOutcome(file: file.name, sha256: sha, status: status, cui: earlier.cui, luna: earlier.luna,
                                tip: earlier.tip, idDocument: earlier.idDocument, errors: try unit.reasons(of: earlier.id), certificates: [])
            o.judgedEarlier = true
            // The place recorded before the move, unless something else took it meanwhile.
            let plan = placement.plan(file, status: earlier.status, luna: earlier.luna, recordId: earlier.id,
                                      target: placement.retake(earlier.movingTo), owned: owned)
            unit.end(Pending(outcome: o, plan: plan))
            return true
        }
        if let dup = registered {
            let o = FileOutcome(file: file.name, sha256: sha, status: .duplicat, cui: dup.cui, luna: dup.luna,
                                tip: dup.tip, idDocument: dup.idDocument, errors: [], certificates: [])
            // A copy of bytes already kept is not kept again: the file named stays where it is
            // (where the group's commit will have put it, when that is the one kept).
            let kept = dup.storedAs ?? (unit.holds(record: dup.id) ? dup.movingTo : nil)
            if !owned, let kept, placement.taken(kept) {
                let plan = Placement.Plan(file: file, status: .duplicat, luna: dup.luna, recordId: nil, owned: false, kept: kept)
                unit.end(Pending(outcome: o, plan: plan))
            } else {
                unit.end(Pending(outcome: o, plan: placement.plan(file, status: .duplicat, luna: dup.luna, recordId: nil, owned: owned)))
            }
            return true
        }
        return false
    }
}
