import Foundation
import Logging

/// Keeps status.json, the metrics file and systemd's `STATUS=` line current: every
/// `status_interval_s`, at once when writes start or stop failing, and a last time at stop
/// (state `stopped`). Started first and stopped last, so status covers the whole run.
final class StatusService: DaemonService, EventSubscriber {
    let name = "status"
    let board: StatusBoard
    let queue: WorkQueue
    let metrics: IngestMetrics
    let writer: StatusWriter
    let metricsPath: String?
    let interval: Double
    let notify: SystemdNotify
    let log: Logger
    private let loop = TaskBox()

    init(board: StatusBoard, queue: WorkQueue, metrics: IngestMetrics, config: DaemonConfig, notify: SystemdNotify, log: Logger) {
        self.board = board
        self.queue = queue
        self.metrics = metrics
        self.writer = StatusWriter(path: config.statusPath, log: log)
        self.metricsPath = config.metricsPath
        self.interval = config.statusIntervalSeconds
        self.notify = notify
        self.log = log
    }

    func start() async throws {
        await writeNow()
        loop.set(Task { [self] in
            while !Task.isCancelled {
                try? await Task.sleep(for: .seconds(interval))
                if !Task.isCancelled { await writeNow() }
            }
        })
    }

    func shutdown() async {
        loop.cancel()
        await board.setState("stopped")
        await writeNow()
    }

    func receive(_ event: DaemonEvent) async {
        switch event {
        case .writeFault, .state: await writeNow()
        default: break
        }
    }

    func writeNow() async {
        let q = (await queue.pending, await queue.inFlightCount)
        let doc = await board.snapshot(queue: q, now: RFC3339Clock.now())
        writer.write(doc)
        if let metricsPath {
            do {
                try DurableFiles.replace(metricsPath, with: metrics.render(queue: q))
            } catch {
                log.warning("cannot write metrics file: \(error)")
            }
        }
        if notify.enabled { notify.send("STATUS=\(await board.summaryLine(queue: q))") }
    }
}
