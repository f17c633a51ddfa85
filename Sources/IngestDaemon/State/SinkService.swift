/// The sink as a service: at stop it first gives up retrying a failing disk (so a full disk
/// cannot hold up the exit), then, once the workers have finished, makes every queued file
/// durable.
extension RecordSink: DaemonService {
    nonisolated var name: String { "sink" }
    func start() async throws {}
    func quiesce() async { stop() }
    func shutdown() async { await flush() }
}
