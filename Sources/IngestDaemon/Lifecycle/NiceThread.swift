import Foundation
import Glibc
import Synchronization

/// A thread of its own at the lowest priority, for work that may lag behind ingesting (the
/// search index's writes, the shipper's reading and segmenting): in a burst the parsing
/// workers keep the cores and this work catches up in the gaps. A thread of our own, not a
/// dispatch queue, because a pooled thread once demoted would stay so for whatever it runs
/// next (an unprivileged process cannot raise a thread's priority again).
///
/// The thread runs under `SCHED_IDLE`: it gets a core only when nothing else of the machine
/// wants one. At nice 10 the index still took 18 % of the CPU during a burst of 20 000 files
/// (the kernel gives a nice-10 thread a share, not only the gaps), which the parsing
/// workers lost. Where the policy is refused (a sandbox), nice 10 is the fallback.
final class NiceThread: Sendable {
    private let jobs = Mutex<[@Sendable () -> Void]>([])
    private let wake = DispatchSemaphore(value: 0)

    init(name: String, niceness: Int32 = 10) {
        let thread = Thread { [self] in
            // on Linux the policy and the nice value are per thread, and 0 names the calling
            // thread; SCHED_IDLE is 5 in <bits/sched.h>, behind _GNU_SOURCE and so not in
            // Swift's Glibc module
            var param = sched_param(sched_priority: 0)
            if sched_setscheduler(0, 5, &param) != 0 {
                _ = setpriority(__priority_which_t(PRIO_PROCESS.rawValue), 0, niceness)
            }
            // Foundation does not name the thread on Linux (it keeps its creator's name):
            // named here, `top -H` and /proc show where the time goes
            // (pthread_setname_np is not in Swift's Glibc module; the kernel takes it here)
            try? String(name.prefix(15)).write(toFile: "/proc/thread-self/comm", atomically: false, encoding: .utf8)
            while true {
                wake.wait()
                guard let job = jobs.withLock({ $0.isEmpty ? nil : $0.removeFirst() }) else { continue }
                job()
            }
        }
        thread.start()
    }

    /// Runs `work` on this thread and returns its result.
    func run<T: Sendable>(_ work: @escaping @Sendable () throws -> T) async -> Result<T, Error> {
        await withCheckedContinuation { c in
            jobs.withLock { $0.append { c.resume(returning: Result { try work() }) } }
            wake.signal()
        }
    }
}
