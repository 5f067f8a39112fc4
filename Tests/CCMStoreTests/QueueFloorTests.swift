import CCMStore
import CCMTestSupport
import Foundation
import XCTest

/// Claims start after the worker's floor (QueueStore.Floor) and still find what was queued
/// behind it since; the question "is an earlier arrival waiting?" looks after the floor only.
final class QueueFloorTests: DatabaseTestCase {
    let t0 = Date(timeIntervalSince1970: 1_790_000_000)

    func arrival(_ name: String, minutes: Double) -> QueueStore.Arrival {
        QueueStore.Arrival(path: "/inbox/\(name)", size: 1, mtime: t0, receivedAt: t0.addingTimeInterval(minutes * 60))
    }

    func testAnArrivalQueuedBehindTheFloorIsStillClaimed() throws {
        let queue = QueueStore(try Connection(database.url))
        let other = QueueStore(try Connection(database.url))
        try other.enqueue([arrival("a.xml", minutes: 10), arrival("b.xml", minutes: 20)], runStarted: t0)
        let a = try XCTUnwrap(try queue.claimNext())
        XCTAssertEqual(a.path, "/inbox/a.xml")
        XCTAssertFalse(a.afterOthers)
        XCTAssertEqual(try queue.turn(of: a), .mine)
        let b = try XCTUnwrap(try queue.claimNext(finishing: a, after: a.key))
        XCTAssertEqual(b.path, "/inbox/b.xml")
        XCTAssertFalse(b.afterOthers, "a is done: nothing waits before b")
        // Another run queues a file received before both, while b is claimed.
        try other.enqueue([arrival("c.xml", minutes: 5)], runStarted: t0)
        let c = try XCTUnwrap(try queue.claimNext(finishing: b, after: b.key), "found by the look from the start")
        XCTAssertEqual(c.path, "/inbox/c.xml")
        XCTAssertNil(try queue.claimNext(finishing: c, after: b.key))
        XCTAssertEqual(try queue.waitingLoad().files, 0)
    }

    func testAnEarlierArrivalHeldByAnotherWorkerIsSeenAfterTheFloor() throws {
        let one = QueueStore(try Connection(database.url))
        let two = QueueStore(try Connection(database.url))
        try one.enqueue([arrival("a.xml", minutes: 10), arrival("b.xml", minutes: 20), arrival("c.xml", minutes: 30)],
                        runStarted: t0)
        let a = try XCTUnwrap(try one.claimNext())
        XCTAssertEqual(try one.turn(of: a), .mine)
        let b = try XCTUnwrap(try one.claimNext(finishing: a, after: a.key))
        // The second worker's floor is a (its own turn came there); b is held by the first.
        let c = try XCTUnwrap(try two.claimNext(after: a.key))
        XCTAssertEqual(c.path, "/inbox/c.xml")
        XCTAssertTrue(c.afterOthers, "b, after the floor, still waits")
        try one.finish(b)
        XCTAssertEqual(try two.turn(of: c, after: a.key), .mine, "b is done")
        // Released without finishing: an earlier arrival free again sends a worker back to it.
        try two.release()
        let again = try XCTUnwrap(try two.claimNext(after: a.key))
        XCTAssertEqual(again.path, "/inbox/c.xml")
        XCTAssertFalse(again.afterOthers)
    }

    func testTheTurnQuestionFindsAFreeEarlierArrival() throws {
        let one = QueueStore(try Connection(database.url))
        let two = QueueStore(try Connection(database.url))
        try one.enqueue([arrival("a.xml", minutes: 10), arrival("b.xml", minutes: 20)], runStarted: t0)
        let a = try XCTUnwrap(try one.claimNext())
        let b = try XCTUnwrap(try two.claimNext())
        XCTAssertTrue(b.afterOthers)
        try one.release()   // a's worker lets it go (or dies)
        XCTAssertEqual(try two.turn(of: b), .earlierFree)
        XCTAssertEqual(a.path, "/inbox/a.xml")
    }
}
