/// A consumer of daemon events. Called in emission order, one event at a time per emitter.
protocol EventSubscriber: Sendable {
    func receive(_ event: DaemonEvent) async
}

/// Hands every event to each subscriber in turn (in the order given: the log last, so that
/// status.json already shows what a log line announces).
struct EventBus: Sendable {
    let subscribers: [any EventSubscriber]

    init(_ subscribers: [any EventSubscriber]) {
        self.subscribers = subscribers
    }

    func emit(_ event: DaemonEvent) async {
        for s in subscribers { await s.receive(event) }
    }
}
