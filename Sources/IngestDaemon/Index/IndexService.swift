import Foundation
import Logging

/// Keeps the search index up with records/: at start it catches up on what a crash or a
/// stop left unindexed; after each committed batch it reads the committed part of the
/// files the batch wrote. Indexing runs on its own actor, after the commit, so a slow or
/// broken index never holds up ingesting (records stay the source of truth; `ingestd
/// reindex` rebuilds the index from them).
actor IndexService: DaemonService, EventSubscriber {
    nonisolated let name = "index"
    let index: SearchIndex
    let log: Logger
    private var failing = false
    private var pending: [String: Int] = [:]
    private var running = false
    /// SQLite's writes and fsyncs happen here, off the cooperative pool (as the sink's do).
    private static let io = DispatchQueue(label: "ingestd.index-io")

    init(index: SearchIndex, log: Logger) {
        self.index = index
        self.log = log
    }

    /// The catch-up runs in the background: a first index of a large records/ (an upgrade,
    /// a deleted index) must not hold up the start past systemd's TimeoutStartSec.
    func start() async throws {
        running = true
        Task { await self.catchUp() }
    }

    private func catchUp() async {
        let index = self.index
        let result = await withCheckedContinuation { c in
            Self.io.async { c.resume(returning: Result { try index.catchUpAll() }) }
        }
        switch result {
        case .success(let added):
            if added > 0 { log.notice("search index: caught up on \(added) record(s) from records/") }
        case .failure(let error):
            report(error)
        }
        await drain()
    }

    func shutdown() async {
        while running { try? await Task.sleep(for: .milliseconds(20)) }
    }

    func receive(_ event: DaemonEvent) async {
        guard case .recordsDurable(let ends) = event else { return }
        for (file, end) in ends { pending[file] = max(pending[file] ?? 0, end) }
        guard !running else { return }
        running = true
        Task { await self.drain() }
    }

    private func drain() async {
        while let (file, end) = pending.first {
            pending[file] = nil
            let index = self.index
            let result = await withCheckedContinuation { c in
                Self.io.async { c.resume(returning: Result { try index.catchUp(file: file, upTo: end) }) }
            }
            switch result {
            case .success:
                if failing { log.notice("search index: written again") }
                failing = false
            case .failure(let error):
                report(error)
            }
        }
        running = false
    }

    private func report(_ error: Error) {
        guard !failing else { return }
        failing = true
        log.warning("search index \(index.path) cannot be written (\(error)); records are unaffected and the index catches up at the next start (or run `ingestd reindex`)")
    }
}
