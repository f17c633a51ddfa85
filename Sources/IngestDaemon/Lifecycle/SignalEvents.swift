import Dispatch
import Glibc

/// SIGTERM, SIGINT and SIGHUP as an async sequence. The default actions are disabled and
/// dispatch sources deliver the signals on a queue, outside any signal-handler context.
/// Owned by the daemon's main task; not shared.
final class SignalEvents {
    enum Signal: Sendable { case terminate, interrupt, hangup }

    private let sources: [any DispatchSourceSignal]

    /// Forwards the process's signals into `continuation` (shared with in-process requests).
    init(forwardingTo continuation: AsyncStream<Signal>.Continuation) {
        let queue = DispatchQueue(label: "ingestd.signals")
        var sources: [any DispatchSourceSignal] = []
        for (number, kind) in [(SIGTERM, Signal.terminate), (SIGINT, .interrupt), (SIGHUP, .hangup)] {
            signal(number, SIG_IGN)
            let source = DispatchSource.makeSignalSource(signal: number, queue: queue)
            source.setEventHandler { continuation.yield(kind) }
            source.resume()
            sources.append(source)
        }
        self.sources = sources
    }

    func cancel() {
        for s in sources { s.cancel() }
    }
}
