import Synchronization

/// Seconds between full rescans (0: none). It shortens to the polling interval when
/// inotify can no longer cover the inbox (watch limit reached) while the daemon runs.
final class RescanPace: Sendable {
    private let seconds: Mutex<Double>

    init(_ seconds: Double) { self.seconds = Mutex(seconds) }

    var value: Double { seconds.withLock { $0 } }

    /// Sets a new pace and returns the previous one.
    func exchange(_ new: Double) -> Double {
        seconds.withLock { old in defer { old = new }; return old }
    }
}
