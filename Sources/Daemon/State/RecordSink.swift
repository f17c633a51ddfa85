import Foundation
import Ingest

/// The single writer of records, the ledger and archive moves. Workers hand it finished
/// files and go on parsing; it commits them in batches (group commit: a couple of fsyncs
/// per batch, not per file) following the protocol in `CommitLedger`, on its own I/O
/// thread so that fsync never blocks the cooperative pool, and reports each file's outcome
/// to `onOutcome` once it is durable and archived.
actor RecordSink {
    struct Submission: Sendable {
        let sha: String
        /// Path relative to the inbox.
        let relativePath: String
        let sourcePath: String
        let lines: [UInt8]
        let recordCount: Int
        let bytes: Int
        /// UTC day of the records (`records/<day>.jsonl`, `archive/<day>/…`).
        let day: String
        let at: String
        let records: [ArticleRecord]
        /// When a worker took the file (for the processing-time histogram).
        var started: ContinuousClock.Instant? = nil
    }

    enum Outcome: Sendable {
        case committed(archivedAs: String)
        case duplicate(archivedAs: String)
        case failed(String)
    }

    private var ledger: CommitLedger
    private let writer: BatchWriter
    private let maxPending: Int
    private var batch: [Submission] = []
    private var committing = Set<UInt64>()
    private var writing = false
    private var spaceWaiters: [CheckedContinuation<Void, Never>] = []
    private var idleWaiters: [CheckedContinuation<Void, Never>] = []
    private var onOutcome: @Sendable (Submission, Outcome) async -> Void = { _, _ in }
    private(set) var largestBatch = 0

    init(ledger: CommitLedger, recordsDir: String, archiveDir: String, maxPending: Int = 32) {
        self.ledger = ledger
        self.writer = BatchWriter(ledgerPath: ledger.path, recordsDir: recordsDir, archiveDir: archiveDir)
        self.maxPending = maxPending
    }

    func setOutcomeHandler(_ h: @escaping @Sendable (Submission, Outcome) async -> Void) { onOutcome = h }

    var committedSources: Int { ledger.entries }

    /// Committed, or being committed right now.
    func isCommitted(sha: String) -> Bool {
        guard let k = CommitLedger.key(sha) else { return false }
        return ledger.committed.contains(k) || committing.contains(k)
    }

    /// Queues a finished file (with no lines: a duplicate to archive). Waits only while the
    /// sink already holds `maxPending` files, which bounds memory in a burst.
    func enqueue(_ s: Submission) async {
        while batch.count >= maxPending { await withCheckedContinuation { spaceWaiters.append($0) } }
        batch.append(s)
        if !writing {
            writing = true
            Task { await self.drain() }
        }
    }

    /// Returns once everything queued is durable and reported.
    func flush() async {
        if !writing && batch.isEmpty { return }
        await withCheckedContinuation { idleWaiters.append($0) }
    }

    private func drain() async {
        while !batch.isEmpty {
            let items = batch
            batch.removeAll()
            for w in spaceWaiters { w.resume() }
            spaceWaiters.removeAll()
            largestBatch = max(largestBatch, items.count)
            // new content vs duplicates (of the ledger, or of each other in this batch)
            var isNew = [Bool](repeating: false, count: items.count)
            for (i, s) in items.enumerated() {
                guard s.recordCount > 0, let k = CommitLedger.key(s.sha), !ledger.committed.contains(k), !committing.contains(k) else { continue }
                committing.insert(k)
                isNew[i] = true
            }
            let outcomes = await writer.write(items, isNew: isNew)
            for (i, s) in items.enumerated() where isNew[i] {
                if case .failed = outcomes[i] {} else { ledger.insert(sha: s.sha) }
            }
            committing.removeAll()
            let handler = onOutcome
            for (i, s) in items.enumerated() { await handler(s, outcomes[i]) }
        }
        writing = false
        for w in idleWaiters { w.resume() }
        idleWaiters.removeAll()
    }
}

/// The blocking half of the sink: appends, fsyncs and renames, on a dedicated thread.
struct BatchWriter: Sendable {
    let ledgerPath: String
    let recordsDir: String
    let archiveDir: String
    private static let io = DispatchQueue(label: "ingestd.sink-io", qos: .utility)

    func write(_ items: [RecordSink.Submission], isNew: [Bool]) async -> [RecordSink.Outcome] {
        await withCheckedContinuation { c in
            Self.io.async { c.resume(returning: self.writeNow(items, isNew: isNew)) }
        }
    }

    private func writeNow(_ items: [RecordSink.Submission], isNew: [Bool]) -> [RecordSink.Outcome] {
        var perFile: [String: [UInt8]] = [:]
        var ledgerBytes: [UInt8] = []
        for (i, s) in items.enumerated() where isNew[i] {
            perFile[s.day, default: []].append(contentsOf: s.lines)
            ledgerBytes += CommitLedger.line(sha: s.sha, path: s.relativePath, records: s.recordCount, file: "\(s.day).jsonl", at: s.at)
        }
        do {
            // 1. records, fsync'd
            if !perFile.isEmpty { try DurableFiles.makeDirectories(recordsDir) }
            for (day, bytes) in perFile.sorted(by: { $0.key < $1.key }) {
                try DurableFiles.append(bytes, to: recordsDir + "/\(day).jsonl")
            }
            // 2. the ledger: the commit point
            if !ledgerBytes.isEmpty { try DurableFiles.append(ledgerBytes, to: ledgerPath) }
        } catch {
            return items.map { _ in .failed("cannot write records: \(error)") }
        }
        // 3. archive moves, then the folders
        var outcomes: [RecordSink.Outcome] = []
        var folders = Set<String>()
        for (i, s) in items.enumerated() {
            do {
                let used = try DurableFiles.move(s.sourcePath, to: archiveDir + "/" + s.day + "/" + s.relativePath)
                folders.insert((used as NSString).deletingLastPathComponent)
                folders.insert((s.sourcePath as NSString).deletingLastPathComponent)
                outcomes.append(isNew[i] ? .committed(archivedAs: used) : .duplicate(archivedAs: used))
            } catch {
                outcomes.append(.failed("records are durable but the source could not be archived: \(error)"))
            }
        }
        for f in folders { DurableFiles.syncDirectory(f) }
        return outcomes
    }
}
