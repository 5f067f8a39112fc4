import Dispatch
import Foundation
import Synchronization

/// The thread that prepares files ahead (`Prefetcher`), below the claiming thread's priority.
///
/// Its work is a guess made early; the claiming thread and the database's backend are the chain
/// each file waits for. On two cores the three otherwise share them evenly and the chain runs
/// at two thirds of a core; lowered, the preparation takes what the chain leaves, and when the
/// chain waits for it the chain's own core is free. A thread of its own (not a pool's) so that
/// no other work inherits the lowered priority.
final class PreparingThread: Sendable {
    /// Added to the nice value the thread starts with (its creator's: Linux's `nice` is per
    /// thread): 10 more gives it about a tenth of the weight of the threads it yields to.
    static let niceness: Int32 = 10

    private let jobs = Mutex<[(@Sendable () -> Void)?]>([])
    private let ready = DispatchSemaphore(value: 0)
    private let ended = DispatchSemaphore(value: 0)

    /// `name`: the thread's, as the system shows it (at most 15 bytes).
    init(name: String) {
        // The thread holds this object until `stop`, which its owner calls (`Prefetcher`, at its end at the latest).
        let thread = Thread { [self] in
            // who = 0: the calling thread alone on Linux. Relative, so that a ccm already run under
            // `nice` keeps its preparation below its chain; a failure leaves the creator's priority.
            errno = 0
            let own = getpriority(__priority_which_t(PRIO_PROCESS.rawValue), 0)
            if errno == 0 { _ = setpriority(__priority_which_t(PRIO_PROCESS.rawValue), 0, min(own + Self.niceness, 19)) }
            // The name `top -H`, `perf` and scripts/thread-time.sh show (15 bytes at most).
            Thread.current.name = name
            while true {
                ready.wait()
                guard let job = jobs.withLock({ $0.removeFirst() }) else { break }
                job()
            }
            ended.signal()
        }
        // libxml2's parser and validator recurse with the document's depth: the usual 8 MiB, as the main thread's.
        thread.stackSize = 8 << 20
        thread.start()
    }

    /// Runs `job` after those sent before it.
    func async(_ job: @escaping @Sendable () -> Void) {
        jobs.withLock { $0.append(job) }
        ready.signal()
    }

    /// Ends the thread once the jobs sent before have run; waits for that.
    func stop() {
        jobs.withLock { $0.append(nil) }
        ready.signal()
        ended.wait()
    }
}
