import CCMFiles
import Dispatch
import Foundation
import Synchronization

/// Prepares, on a thread of its own, the files this worker is likely to claim next while the
/// current one waits for its turn and is judged: with one worker the reading, the schema and
/// the signatures of the next files overlap the judging of this one, on the second core. Up to
/// `depth` files or `maxBytes` ahead (one file always): a file that takes long to prepare is
/// begun while the smaller ones before it are judged; what waits ahead is at most `maxBytes` of
/// files (or one file), what one held file was before.
///
/// Only a guess: the next claim takes what it prepared when it is the same arrival (path and
/// receipt time) and the file has not changed since (size, times, inode);
/// anything else is prepared again where it is claimed. The guess follows the stride of the
/// last two claims in the scan's order (1 alone; about N among N workers sharing the inbox).
///
/// Used by the claiming thread alone; what crosses to the preparing thread is Sendable: its own
/// preparation (a schema and a trust store no other thread uses) and each `Pending`.
final class Prefetcher {
    typealias Preparation = (InboxFile) -> Result<PreparedFile?, Error>
    private let order: [String: Int]
    private let files: [InboxFile]
    private let ahead: Preparer
    private let here: Preparation
    private let thread = PreparingThread(name: "ccm-prepare")
    private var stopped = false
    /// The guesses sent to the thread, in the order it prepares them.
    private var queue: [Pending] = []
    /// Guesses ahead at most, and bytes of their files at most (each counted up to the hold limit;
    /// one file always): no more memory waits ahead than one held file took before.
    static let depth = 32
    static let maxBytes = 16 << 20
    private var lastIndex: Int?
    private var stride = 1
    private(set) var hits = 0, misses = 0
    /// Seconds the claimer waited for a preparation still running.
    private(set) var waited = 0.0

    private final class Pending: Sendable {
        let file: InboxFile
        let index: Int
        /// What says that the file is still the one prepared.
        let stamp: FileStamp?
        let done = DispatchSemaphore(value: 0)
        let result = Mutex<Result<PreparedFile?, Error>?>(nil)
        /// Dropped before its turn: the thread skips it.
        let cancelled = Mutex(false)
        init(_ file: InboxFile, index: Int) { self.file = file; self.index = index; stamp = FileStamp(path: file.path) }
    }

    /// The preparing thread's own preparation; the lock is never waited for (one thread, one
    /// preparation at a time), and lets the compiler see that it stays with that thread.
    private final class Preparer: Sendable {
        private let prepare: Mutex<Preparation>
        init(_ prepare: sending @escaping Preparation) { self.prepare = Mutex(prepare) }
        func callAsFunction(_ file: InboxFile) -> Result<PreparedFile?, Error> { prepare.withLock { $0(file) } }
    }

    /// `files`: the scan, in receipt order. `ahead`: the preparing thread's from now on (what it
    /// holds, a schema and a trust store, is used by no other); `here`: the claiming thread's, for a miss.
    init(files: [InboxFile], ahead: sending @escaping Preparation, here: @escaping Preparation) {
        self.files = files
        self.ahead = Preparer(ahead)
        self.here = here
        var order: [String: Int] = [:]
        for (i, f) in files.enumerated() { order[f.path] = i }
        self.order = order
    }

    /// The preparation of `file`, just claimed: the one made ahead when it fits, otherwise made
    /// now; then the next guess is started.
    func prepared(_ file: InboxFile) -> Result<PreparedFile?, Error> {
        let ahead = take(file)
        guess(after: file)
        if let ahead { hits += 1; return ahead }
        misses += 1
        return here(file)
    }

    private func take(_ file: InboxFile) -> Result<PreparedFile?, Error>? {
        // The guesses before this file's are not claimed by this worker (another took them): dropped.
        guard let k = queue.firstIndex(where: { $0.file.path == file.path && $0.file.receivedAt == file.receivedAt }) else {
            drop(queue.count)
            return nil
        }
        drop(k)
        let p = queue.removeFirst()
        let start = DispatchTime.now().uptimeNanoseconds
        p.done.wait()
        waited += Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9
        guard let stamp = p.stamp, FileStamp(path: file.path) == stamp, let result = p.result.withLock({ $0 }) else { return nil }
        return result.map { $0.map { var same = $0; same.file = file; return same } }
    }

    /// The first `n` guesses dropped: the thread skips those not begun.
    private func drop(_ n: Int) {
        for p in queue.prefix(n) { p.cancelled.withLock { $0 = true } }
        queue.removeFirst(n)
    }

    /// The next files this worker will likely claim, after `file`, sent to the thread until
    /// `depth` guesses or `maxBytes` of files are ahead: a file that takes long to prepare is
    /// begun while the smaller ones before it are judged.
    private func guess(after file: InboxFile) {
        guard let i = order[file.path] else { lastIndex = nil; drop(queue.count); return }
        if let last = lastIndex, i > last {
            let s = min(i - last, 8)
            // Guesses made with another stride are not this worker's files.
            if s != stride { drop(queue.count) }
            stride = s
        }
        lastIndex = i
        guard !stopped else { return }
        var next = (queue.last?.index ?? i) + stride
        // A file past the hold limit is read while it is judged: its preparation holds no more than the limit.
        var bytes = queue.reduce(0) { $0 + min($1.file.size, PreparedFile.holdLimit) }
        while queue.count < Self.depth, next < files.count {
            let size = min(files[next].size, PreparedFile.holdLimit)
            guard queue.isEmpty || bytes + size <= Self.maxBytes else { break }
            let p = Pending(files[next], index: next)
            queue.append(p)
            bytes += size
            next += stride
            thread.async { [ahead] in
                if !p.cancelled.withLock({ $0 }) { p.result.withLock { $0 = ahead(p.file) } }
                p.done.signal()
            }
        }
    }

    /// Waits for a preparation still running (the run ends only when its thread is idle), and
    /// ends the thread; a claim after it is prepared where it is made.
    func finish() {
        drop(queue.count)
        guard !stopped else { return }
        stopped = true
        thread.stop()
    }

    deinit { if !stopped { thread.stop() } }
}
