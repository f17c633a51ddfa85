import Synchronization

/// Holds a service's background task so that `shutdown` can cancel it.
final class TaskBox: Sendable {
    private let task = Mutex<Task<Void, Never>?>(nil)

    func set(_ t: Task<Void, Never>) { task.withLock { $0 = t } }

    func cancel() { task.withLock { $0?.cancel(); $0 = nil } }

    /// Waits for the task to end (after `cancel`, or by itself).
    func value() async {
        let t = task.withLock { $0 }
        await t?.value
    }
}
