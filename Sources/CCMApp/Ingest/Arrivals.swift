import CCMStore
import Foundation

/// The first stage: which file this worker takes next. Arrivals are claimed from the queue one at
/// a time (FOR UPDATE SKIP LOCKED: one worker each), and judged in receipt order across all
/// workers (`QueueStore.turn`). While a group of documents is open, its claims stay open with it
/// (a worker that dies mid-group hands every one back), and the next claim is sent ahead while
/// the current file is judged.
final class Arrivals {
    let queue: QueueStore
    init(_ queue: QueueStore) { self.queue = queue }

    /// The claim sent ahead, its answer not read yet (`QueueStore.sendClaim`).
    private var ahead: Connection.InFlight?
    /// The last file judged, whose arrival the next claim finishes.
    private var done: QueueStore.Claim?
    /// Where this worker's turn stands (see `QueueStore.Floor`).
    private var floor: QueueStore.Floor?
    /// A claim is held: a run that stops lets it go, as its end would.
    private var claiming = false

    /// The next arrival claimed (nil: none left). `holding`: a group is open, and its claims stay.
    func next(holding: Bool) throws -> QueueStore.Claim? {
        let next: QueueStore.Claim?
        if let f = ahead {
            ahead = nil
            next = try queue.receiveClaim(f) ?? queue.claimNext(after: floor, holding: true)
        } else {
            next = try queue.claimNext(finishing: done, after: floor, holding: holding)
        }
        if next != nil { claiming = true; done = nil }
        return next
    }

    /// No arrival is left and the group's claims ended with it.
    func ended() { claiming = false }

    /// Whether it is this claim's turn now (otherwise it is let go, for its turn to come).
    func turn(_ claim: QueueStore.Claim) throws -> Bool {
        guard try queue.turn(of: claim, after: floor) == .mine else { try queue.release(); return false }
        // Its turn: nothing before it waits any more.
        floor = claim.key
        return true
    }

    /// In a group, the next claim is sent while this file is judged.
    func sendAhead(after claim: QueueStore.Claim) throws { ahead = try queue.sendClaim(after: claim) }

    /// The file of `claim` went through (judged, deferred or left).
    func passed(_ claim: QueueStore.Claim) { if ahead == nil { done = claim } }

    var hasAhead: Bool { ahead != nil }

    /// The claim sent ahead ends with the group's (it is made again after).
    func dropAhead() throws {
        guard let f = ahead else { return }
        ahead = nil
        _ = try queue.receiveClaim(f)
    }

    /// The group's claims end (its documents are committed and moved).
    func commit() throws { try queue.commit() }

    /// The run stops: what is in flight is read, and a claim held is let go.
    func stop() {
        if let f = ahead { _ = try? queue.receiveClaim(f) }
        if claiming { try? queue.release() }
    }
}
