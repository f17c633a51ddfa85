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
    private var stopping = false
    /// SQLite's writes and fsyncs happen there, off the cooperative pool, at a low priority.
    private let thread = NiceThread(name: "index")

    init(index: SearchIndex, log: Logger) {
        self.index = index
        self.log = log
    }

    /// The catch-up runs in the background: a first index of a large records/ (an upgrade,
    /// a deleted index) must not hold up the start past systemd's TimeoutStartSec.
    func start() async throws {
        // the lengths now, before the sink starts: all of it is committed (recovery has cut
        // what was not), while bytes appended later are not until the sink says so
        pending = RecordFiles.lengths(in: index.recordsDir)
        running = true
        Task { await self.catchUp() }
    }

    /// Every records file up to its committed length, a chunk at a time (like the batches
    /// after it).
    private func catchUp() async {
        let added = await drain()
        if added > 0 { log.notice("search index: caught up on \(added) record(s) from records/") }
    }

    /// Finishes the chunk in hand; what is left is read at the next start (the positions
    /// say where), so a stop never waits for the index to catch up with a burst.
    func shutdown() async {
        stopping = true
        while running { try? await Task.sleep(for: .milliseconds(20)) }
    }

    func receive(_ event: DaemonEvent) async {
        guard case .recordsDurable(let ends) = event else { return }
        for (file, c) in ends { pending[file] = max(pending[file] ?? 0, c.end) }
        guard !running else { return }
        running = true
        Task { await self.drain() }
    }

    @discardableResult
    private func drain() async -> Int {
        var added = 0
        // one transaction at a time, so that a stop waits for one chunk at most
        while !stopping, let (file, end) = pending.first {
            let index = self.index
            let result = await thread.run { try index.catchUpChunk(file: file, upTo: end) }
            switch result {
            case .success(let chunk):
                added += chunk.added
                if !chunk.more, pending[file] == end { pending[file] = nil }
                if failing { log.notice("search index: written again") }
                failing = false
            case .failure(let error):
                pending[file] = nil
                report(error)
            }
        }
        running = false
        return added
    }

    private func report(_ error: Error) {
        guard !failing else { return }
        failing = true
        log.warning("search index \(index.path) cannot be written (\(error)); records are unaffected and the index catches up at the next start (or run `ingestd reindex`)")
    }
}
