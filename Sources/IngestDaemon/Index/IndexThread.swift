import Foundation
import Glibc
import Synchronization

/// The one thread the search index writes on, at nice 10: in a burst the parsing workers
/// keep the cores and the index catches up in the gaps (it is derived and may lag). A
/// thread of our own, not a dispatch queue, because a pooled thread once reniced would stay
/// so for whatever it runs next (an unprivileged process cannot lower its nice again).
final class IndexThread: Sendable {
    private let jobs = Mutex<[@Sendable () -> Void]>([])
    private let wake = DispatchSemaphore(value: 0)

    init(niceness: Int32 = 10) {
        let thread = Thread { [self] in
            // on Linux the nice value is per thread, and PRIO_PROCESS with 0 names the calling thread
            _ = setpriority(__priority_which_t(PRIO_PROCESS.rawValue), 0, niceness)
            while true {
                wake.wait()
                guard let job = jobs.withLock({ $0.isEmpty ? nil : $0.removeFirst() }) else { continue }
                job()
            }
        }
        thread.name = "index"
        thread.start()
    }

    /// Runs `work` on the index thread and returns its result.
    func run<T: Sendable>(_ work: @escaping @Sendable () throws -> T) async -> Result<T, Error> {
        await withCheckedContinuation { c in
            jobs.withLock { $0.append { c.resume(returning: Result { try work() }) } }
            wake.signal()
        }
    }
}
