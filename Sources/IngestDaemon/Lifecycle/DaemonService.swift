/// One part of the running daemon. The daemon is a list of them in start order
/// (`ServiceGroup`); a stop runs the list backwards in two passes:
/// 1. `quiesce` on every service: stop taking new work (the watcher stops watching, the
///    sink stops retrying a failing disk), without waiting;
/// 2. `shutdown`, one service at a time: finish what is in hand and make it durable.
protocol DaemonService: Sendable {
    var name: String { get }
    /// Returns once the service is in place (a watch added, a first file written).
    func start() async throws
    func quiesce() async
    func shutdown() async
}

extension DaemonService {
    func quiesce() async {}
}
