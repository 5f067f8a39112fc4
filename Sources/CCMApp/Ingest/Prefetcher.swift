import CCMFiles
import Dispatch
import Foundation

/// Prepares, on a thread of its own, the file this worker is likely to claim next while the
/// current one waits for its turn and is judged: with one worker the reading, the schema and
/// the signatures of a file overlap the judging of the one before, on the second core.
///
/// Only a guess: the next claim takes what it prepared when it is the same arrival (path and
/// receipt time) and the file has not changed since (size, times, inode);
/// anything else is prepared again where it is claimed. The guess follows the stride of the
/// last two claims in the scan's order (1 alone; about N among N workers sharing the inbox).
final class Prefetcher: @unchecked Sendable {
    private let order: [String: Int]
    private let files: [InboxFile]
    private let prepare: (InboxFile) -> Result<PreparedFile?, Error>
    private let thread = DispatchQueue(label: "ccm.prepare")
    private let lock = NSLock()
    private var pending: Pending?
    private var lastIndex: Int?
    private var stride = 1
    private(set) var hits = 0, misses = 0
    /// Seconds the claimer waited for a preparation still running.
    private(set) var waited = 0.0

    private final class Pending: @unchecked Sendable {
        let file: InboxFile
        /// What says that the file is still the one prepared.
        let stamp: FileStamp?
        let done = DispatchSemaphore(value: 0)
        var result: Result<PreparedFile?, Error>?
        init(_ file: InboxFile) { self.file = file; stamp = FileStamp(path: file.path) }
    }

    /// `files`: the scan, in receipt order.
    init(files: [InboxFile], prepare: @escaping (InboxFile) -> Result<PreparedFile?, Error>) {
        self.files = files
        self.prepare = prepare
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
        return prepare(file)
    }

    private func take(_ file: InboxFile) -> Result<PreparedFile?, Error>? {
        lock.lock()
        let p = pending
        pending = nil
        lock.unlock()
        guard let p else { return nil }
        let start = DispatchTime.now().uptimeNanoseconds
        p.done.wait()
        waited += Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9
        guard p.file.path == file.path, p.file.receivedAt == file.receivedAt, let stamp = p.stamp, FileStamp(path: file.path) == stamp,
              let result = p.result else { return nil }
        return result.map { $0.map { var same = $0; same.file = file; return same } }
    }

    private func guess(after file: InboxFile) {
        guard let i = order[file.path] else { lastIndex = nil; return }
        if let last = lastIndex, i > last { stride = min(i - last, 8) }
        lastIndex = i
        let next = i + stride
        guard next < files.count else { return }
        let p = Pending(files[next])
        lock.lock()
        pending = p
        lock.unlock()
        thread.async { [prepare] in
            p.result = prepare(p.file)
            p.done.signal()
        }
    }

    /// Waits for a preparation still running (the run ends only when its thread is idle).
    func finish() {
        lock.lock()
        let p = pending
        pending = nil
        lock.unlock()
        p?.done.wait()
    }
}
