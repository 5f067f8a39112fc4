@testable import CCMApp
import CCMTestSupport
import Foundation
import XCTest

/// The preparation made ahead is used only for the arrival it was made for, unchanged since.
final class PrefetcherTests: XCTestCase {
    private var dir: URL!

    override func setUpWithError() throws {
        dir = FileManager.default.temporaryDirectory.appendingPathComponent("ccm-prefetch-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
    }
    override func tearDown() { try? FileManager.default.removeItem(at: dir) }

    private func files(_ n: Int) throws -> [InboxFile] {
        try (0..<n).map { i in
            let path = dir.appendingPathComponent("\(i).xml").path
            try Data("<a>\(i)</a>".utf8).write(to: URL(fileURLWithPath: path))
            return InboxFile(path: path, receivedAt: Date(timeIntervalSince1970: Double(1_800_000_000 + i)))
        }
    }

    /// One preparation for both threads (the pipeline gives the preparing thread a copy of its own).
    private func prefetcher(_ inbox: [InboxFile],
                            _ prepare: @escaping @Sendable (InboxFile) -> Result<PreparedFile?, Error>) -> Prefetcher {
        Prefetcher(files: inbox, ahead: prepare, here: prepare)
    }

    /// Counts the preparations per path.
    func testOneWorkerInOrderFindsEachFileButTheFirstPreparedAhead() throws {
        let inbox = try files(5)
        let calls = Locked([String]())
        let prefetcher = prefetcher(inbox) { f in calls.update { $0.append(f.path) }; return .success(nil) }
        for f in inbox { _ = prefetcher.prepared(f) }
        prefetcher.finish()
        XCTAssertEqual(prefetcher.hits, 4)
        XCTAssertEqual(prefetcher.misses, 1)
        XCTAssertEqual(calls.current.sorted(), inbox.map(\.path).sorted(), "each file prepared once")
    }

    /// The thread ahead prepares with what it was given alone (its own schema and trust in the
    /// pipeline); a miss is prepared by the claiming thread with its own.
    func testEachThreadPreparesWithItsOwnPreparation() throws {
        let inbox = try files(4)
        let ahead = Locked([String]()), here = Locked([String]())
        let prefetcher = Prefetcher(files: inbox, ahead: { f in ahead.update { $0.append(f.path) }; return .success(nil) },
                                    here: { f in here.update { $0.append(f.path) }; return .success(nil) })
        for f in inbox { _ = prefetcher.prepared(f) }
        prefetcher.finish()
        XCTAssertEqual(here.current, [inbox[0].path], "the first claim, before any guess")
        XCTAssertEqual(ahead.current, inbox.dropFirst().map(\.path))
    }

    func testAFileChangedAfterItsPreparationIsPreparedAgain() throws {
        let inbox = try files(2)
        let calls = Locked([String]())
        let prefetcher = prefetcher(inbox) { f in calls.update { $0.append(f.path) }; return .success(nil) }
        _ = prefetcher.prepared(inbox[0])   // starts preparing file 1 ahead
        try Data("<a>changed, and longer</a>".utf8).write(to: URL(fileURLWithPath: inbox[1].path))
        _ = prefetcher.prepared(inbox[1])
        prefetcher.finish()
        XCTAssertEqual(prefetcher.hits, 0, "what was prepared before the change is not used")
        XCTAssertEqual(prefetcher.misses, 2)
        XCTAssertEqual(calls.current.filter { $0 == inbox[1].path }.count, 2, "prepared ahead, then again when claimed")
    }

    func testAnotherArrivalThanTheGuessIsPreparedWhereClaimed() throws {
        let inbox = try files(6)
        let prefetcher = prefetcher(inbox) { _ in .success(nil) }
        _ = prefetcher.prepared(inbox[0])   // guesses 1 to 5
        _ = prefetcher.prepared(inbox[2])   // another worker took 1: 2 was guessed too; the stride becomes 2, the guess 4
        // The path of 4 with another receipt time (queued by an earlier run): not the arrival prepared.
        let other = InboxFile(path: inbox[4].path, receivedAt: inbox[4].receivedAt.addingTimeInterval(60))
        _ = prefetcher.prepared(other)
        // A file the guesses passed (another worker's, and this one's stride now 2): prepared where claimed.
        _ = prefetcher.prepared(inbox[3])
        prefetcher.finish()
        XCTAssertEqual(prefetcher.hits, 1)
        XCTAssertEqual(prefetcher.misses, 3)
    }

    func testTwoWorkersAlternatingFindTheirFilesPreparedAhead() throws {
        let inbox = try files(10)
        let prefetcher = prefetcher(inbox) { _ in .success(nil) }
        for i in Swift.stride(from: 0, to: 10, by: 2) { _ = prefetcher.prepared(inbox[i]) }
        prefetcher.finish()
        XCTAssertEqual(prefetcher.hits, 4, "2 was among the first guesses; then the stride is 2, and 4, 6 and 8 were prepared ahead")
    }

    /// The preparations ahead yield to the claiming thread and the database (`PreparingThread`):
    /// a thread of their own, lowered, and the claiming thread left as it was.
    func testPreparationsAheadRunOnAThreadOfTheirOwnBelowTheClaimingThread() throws {
        let inbox = try files(3)
        let seen = Locked([(name: String?, nice: Int32)]())
        errno = 0
        let claiming = getpriority(__priority_which_t(PRIO_PROCESS.rawValue), 0)
        try XCTSkipIf(claiming >= 19, "the tests run at the lowest priority already: nothing lower to see")
        let prefetcher = Prefetcher(files: inbox, ahead: { _ in
            seen.update { $0.append((Thread.current.name, getpriority(__priority_which_t(PRIO_PROCESS.rawValue), 0))) }
            return .success(nil)
        }, here: { _ in .success(nil) })
        for f in inbox { _ = prefetcher.prepared(f) }
        prefetcher.finish()
        XCTAssertEqual(seen.current.map(\.name), ["ccm-prepare", "ccm-prepare"])
        XCTAssertEqual(seen.current.map(\.nice), [min(claiming + PreparingThread.niceness, 19), min(claiming + PreparingThread.niceness, 19)])
        XCTAssert(seen.current.allSatisfy { $0.nice > claiming }, "lower than the claiming thread")
        XCTAssertEqual(getpriority(__priority_which_t(PRIO_PROCESS.rawValue), 0), claiming, "the claiming thread keeps its priority")
    }

    /// A ccm already run under `nice` keeps its preparations below its chain: the lowering adds
    /// to the priority of the thread that made the prefetcher.
    func testThePreparationsStayBelowAnAlreadyLoweredClaimingThread() throws {
        let inbox = try files(2)
        let seen = Locked([Int32]())
        let claiming = Locked<Int32?>(nil)
        let done = DispatchSemaphore(value: 0)
        let which = __priority_which_t(PRIO_PROCESS.rawValue)
        let thread = Thread {
            errno = 0
            let base = getpriority(which, 0)
            _ = setpriority(which, 0, min(base + 3, 19))
            claiming.update { $0 = getpriority(which, 0) }
            let prefetcher = Prefetcher(files: inbox, ahead: { _ in seen.update { $0.append(getpriority(which, 0)) }; return .success(nil) },
                                        here: { _ in .success(nil) })
            for f in inbox { _ = prefetcher.prepared(f) }
            prefetcher.finish()
            done.signal()
        }
        thread.start()
        done.wait()
        let c = try XCTUnwrap(claiming.current)
        try XCTSkipIf(c >= 19, "the tests run at the lowest priority already: nothing lower to see")
        XCTAssertEqual(seen.current, [min(c + PreparingThread.niceness, 19)])
    }

    /// After `finish` the thread is gone: a later claim is prepared where it is made, and a second `finish` is harmless.
    func testAClaimAfterTheEndIsPreparedWhereItIsMade() throws {
        let inbox = try files(3)
        let here = Locked([String]())
        let prefetcher = Prefetcher(files: inbox, ahead: { _ in .success(nil) },
                                    here: { f in here.update { $0.append(f.path) }; return .success(nil) })
        _ = prefetcher.prepared(inbox[0])
        prefetcher.finish()
        _ = prefetcher.prepared(inbox[1])
        _ = prefetcher.prepared(inbox[2])
        prefetcher.finish()
        XCTAssertEqual(here.current, inbox.map(\.path), "nothing prepared ahead after the end")
    }

    /// Several files are prepared ahead, so that one that takes long is begun while the smaller
    /// ones before it are judged.
    func testTheFilesAfterAClaimArePreparedAheadWithoutWaitingForTheNextClaims() throws {
        let inbox = try files(6)
        let calls = Locked([String]())
        let prefetcher = prefetcher(inbox) { f in calls.update { $0.append(f.path) }; return .success(nil) }
        _ = prefetcher.prepared(inbox[0])
        let deadline = Date().addingTimeInterval(10)
        while calls.current.count < 6 && Date() < deadline { usleep(1000) }
        // The claimed file is prepared here, once the guesses are sent: the thread may begin before it.
        XCTAssertEqual(calls.current.filter { $0 != inbox[0].path }, inbox.dropFirst().map(\.path), "the five after it, ahead and in order")
        XCTAssertTrue(calls.current.contains(inbox[0].path))
        for f in inbox.dropFirst() { _ = prefetcher.prepared(f) }
        prefetcher.finish()
        XCTAssertEqual(prefetcher.hits, 5)
        XCTAssertEqual(calls.current.count, 6, "each file prepared once")
    }

    /// What is prepared ahead is bounded by its files' bytes (each counted up to the hold limit):
    /// at most 16 MB of files ahead, and one file always.
    func testTheFilesPreparedAheadAreBoundedByTheirBytes() throws {
        for (megabytes, ahead) in [(20, 1), (6, 2)] {
            var inbox = try files(6)
            for i in inbox.indices { inbox[i].size = megabytes << 20 }
            let calls = Locked([String]())
            let prefetcher = prefetcher(inbox) { f in calls.update { $0.append(f.path) }; return .success(nil) }
            _ = prefetcher.prepared(inbox[0])
            let deadline = Date().addingTimeInterval(10)
            while calls.current.count < 1 + ahead && Date() < deadline { usleep(1000) }
            Thread.sleep(forTimeInterval: 0.2)   // time for any preparation beyond the bound to show
            XCTAssertEqual(calls.current.sorted(), Array(inbox.prefix(1 + ahead).map(\.path)).sorted(), "files of \(megabytes) MB")
            prefetcher.finish()
        }
    }
}
