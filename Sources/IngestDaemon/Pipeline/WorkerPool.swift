import Foundation
import Ingest

/// N workers taking paths from the queue, each running one file at a time to its end state
/// and reporting it. `setActive` shrinks the pool on reload: workers above the new count
/// finish their file and leave.
actor WorkerPool {
    let queue: WorkQueue
    let settings: LiveSettings
    let processor: ProcessorFactory
    let events: EventBus
    private var active = Int.max

    init(queue: WorkQueue, settings: LiveSettings, processor: ProcessorFactory, events: EventBus) {
        self.queue = queue
        self.settings = settings
        self.processor = processor
        self.events = events
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
            await events.emit(.working(file: rel, at: RFC3339Clock.now()))
            let result = await p.process(path) { RFC3339Clock.now() }
            await events.emit(.workDone(file: rel))
            switch result {
            case .submitted(var submission):
                submission.started = started
                // the sink reports the end (see `finished`); the worker moves on
                await processor.sink.enqueue(submission)
            case .failed(let rel, let failure):
                await events.emit(.failed(file: rel, code: failure.code, detail: failure.detail,
                                          took: ContinuousClock.now - started, at: RFC3339Clock.now()))
                await queue.done(path)
            case .deferred(let rel, let reason):
                let wait = await deferral(path)
                await events.emit(.deferred(file: rel, reason: reason, firstTime: wait == RecordSink.firstRetry))
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
            await events.emit(.ingested(.init(file: s.relativePath, records: s.records, bytes: s.bytes, took: took,
                                              at: now, recordsAt: RFC3339.parse(s.at) ?? now)))
        case .duplicate:
            await events.emit(.duplicate(file: s.relativePath, bytes: s.bytes, took: took, at: now))
        case .abandoned(let why):
            await events.emit(.abandoned(file: s.relativePath, reason: why))
        case .failed(let why):
            await events.emit(.failed(file: s.relativePath, code: .io, detail: why, took: took, at: now))
        }
        await queue.done(s.sourcePath)
    }
}
