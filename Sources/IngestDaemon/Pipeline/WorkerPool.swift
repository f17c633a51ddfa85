import Foundation
import Ingest
import Logging

/// N workers taking paths from the queue, each running one file at a time to its end state
/// and reporting it. `setActive` shrinks the pool on reload: workers above the new count
/// finish their file and leave.
actor WorkerPool {
    let queue: WorkQueue
    let settings: LiveSettings
    let processor: ProcessorFactory
    let status: StatusBoard
    let summary: SummaryStore
    let metrics: IngestMetrics
    let log: Logger
    private var active = Int.max

    init(queue: WorkQueue, settings: LiveSettings, processor: ProcessorFactory, status: StatusBoard, summary: SummaryStore, metrics: IngestMetrics, log: Logger) {
        self.summary = summary
        self.metrics = metrics
        self.queue = queue
        self.settings = settings
        self.processor = processor
        self.status = status
        self.log = log
    }

    func setActive(_ n: Int) { active = n }

    /// Retries of files whose move to failed/ met a write fault: 1 s, doubling to 60 s.
    private var deferrals: [String: Double] = [:]

    private func deferral(_ path: String) -> Double {
        let next = deferrals[path].map { min($0 * 2, RecordSink.lastRetry) } ?? RecordSink.firstRetry
        deferrals[path] = next
        if deferrals.count > 10_000 { deferrals.removeAll() }
        return next
    }
    private func mayContinue(_ id: Int) -> Bool { id < active }

    nonisolated func work(id: Int) async {
        while await mayContinue(id), let path = await queue.take() {
            let p = processor.make(settings.limits)
            let started = ContinuousClock.now
            let rel = p.relative(path)
            await status.startWorking(rel, at: RFC3339Clock.now())
            let result = await p.process(path) { RFC3339Clock.now() }
            await status.stopWorking(rel)
            switch result {
            case .submitted(var submission):
                submission.started = started
                // the sink reports the end (see `finished`); the worker moves on
                await processor.sink.enqueue(submission)
            case .failed(let rel, let failure):
                let now = RFC3339Clock.now()
                await status.failed(file: rel, message: "\(failure.code.rawValue): \(failure.detail)", at: now)
                await summary.failed(at: now)
                metrics.failed(failure.code, took: ContinuousClock.now - started)
                log.warning("failed \(rel): \(failure.code.rawValue): \(failure.detail)")
                await queue.done(path)
            case .deferred(let rel, let reason):
                let wait = await deferral(path)
                if wait == RecordSink.firstRetry { log.warning("cannot move \(rel) to failed/: \(reason); left in the inbox and retried") }
                await queue.done(path)
                Task { [queue] in
                    try? await Task.sleep(for: .seconds(wait))
                    await queue.put(path)
                }
            case .skipped:
                await queue.done(path)
            }
        }
    }

    /// Called by the sink once a submitted file is durable and archived (or could not be).
    nonisolated func finished(_ s: RecordSink.Submission, _ outcome: RecordSink.Outcome) async {
        let now = RFC3339Clock.now()
        let took = s.started.map { ContinuousClock.now - $0 }
        switch outcome {
        case .committed:
            await status.ingested(file: s.relativePath, articles: s.recordCount, bytes: s.bytes, at: now)
            await summary.committed(s.records, at: RFC3339.parse(s.at) ?? now)
            metrics.ingested(articles: s.recordCount, bytes: s.bytes, took: took, at: now)
            log.info("ingested \(s.relativePath): \(s.recordCount) article(s)")
        case .duplicate:
            await status.duplicate(bytes: s.bytes, at: now)
            await summary.duplicate(at: now)
            metrics.duplicate(bytes: s.bytes, took: took)
            log.info("duplicate \(s.relativePath): same content as a file ingested before; archived without records")
        case .abandoned(let why):
            log.notice("left in the inbox for the next start: \(s.relativePath) (\(why))")
        case .failed(let why):
            await status.failed(file: s.relativePath, message: "io: \(why)", at: now)
            await summary.failed(at: now)
            metrics.failed(.io, took: took)
            log.error("failed \(s.relativePath): io: \(why)")
        }
        await queue.done(s.sourcePath)
    }
}
