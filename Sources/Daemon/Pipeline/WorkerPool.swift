import Foundation
import Logging

/// N workers taking paths from the queue, each running one file at a time to its end state
/// and reporting it. `setActive` shrinks the pool on reload: workers above the new count
/// finish their file and leave.
actor WorkerPool {
    let queue: WorkQueue
    let settings: LiveSettings
    let processor: ProcessorFactory
    let status: StatusBoard
    let log: Logger
    let onChange: @Sendable () async -> Void
    private var active = Int.max

    init(queue: WorkQueue, settings: LiveSettings, processor: ProcessorFactory, status: StatusBoard, log: Logger,
         onChange: @escaping @Sendable () async -> Void) {
        self.queue = queue
        self.settings = settings
        self.processor = processor
        self.status = status
        self.log = log
        self.onChange = onChange
    }

    func setActive(_ n: Int) { active = n }
    private func mayContinue(_ id: Int) -> Bool { id < active }

    nonisolated func work(id: Int) async {
        while await mayContinue(id), let path = await queue.take() {
            let p = processor.make(settings.limits)
            let result = await p.process(path) { RFC3339Clock.now() }
            let now = RFC3339Clock.now()
            switch result {
            case .ingested(let rel, let articles, let bytes, _):
                await status.ingested(file: rel, articles: articles, bytes: bytes, at: now)
                log.info("ingested \(rel): \(articles) article(s)")
            case .duplicate(let rel, let bytes):
                await status.duplicate(bytes: bytes, at: now)
                log.info("duplicate \(rel): same content as a file ingested before; archived without records")
            case .failed(let rel, let failure):
                await status.failed(file: rel, message: "\(failure.code.rawValue): \(failure.detail)", at: now)
                log.warning("failed \(rel): \(failure.code.rawValue): \(failure.detail)")
            case .skipped:
                break
            }
            await queue.done(path)
        }
    }
}
