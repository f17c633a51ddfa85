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
        /// Never written: the daemon stopped while its own storage refused writes. The source
        /// stays in the inbox and is taken again at the next start.
        case abandoned(String)
    }

    /// Retry pace while our own storage refuses writes: 1 s, doubling, at most 60 s.
    static let firstRetry: Double = 1
    static let lastRetry: Double = 60

    private var ledger: CommitLedger
    private let writer: BatchWriter
    private let maxPending: Int
    private var batch: [Submission] = []
    /// Committed sources whose archive move failed on a write fault, retried with the batch.
    private var unmoved: [(Submission, isNew: Bool)] = []
    private var committing = Set<UInt64>()
    private var writing = false
    private var stopping = false
    private var spaceWaiters: [CheckedContinuation<Void, Never>] = []
    private var idleWaiters: [CheckedContinuation<Void, Never>] = []
    private var onOutcome: @Sendable (Submission, Outcome) async -> Void = { _, _ in }
    private var onFault: @Sendable (String?) async -> Void = { _ in }
    private var onDurable: @Sendable ([String: Committed]) async -> Void = { _ in }
    /// The write fault in force (nil: writes succeed).
    private(set) var fault: String?
    private(set) var largestBatch = 0

    init(ledger: CommitLedger, recordsDir: String, archiveDir: String, maxPending: Int = 32) {
        self.ledger = ledger
        self.writer = BatchWriter(ledgerPath: ledger.path, recordsDir: recordsDir, archiveDir: archiveDir)
        self.maxPending = maxPending
    }

    func setOutcomeHandler(_ h: @escaping @Sendable (Submission, Outcome) async -> Void) { onOutcome = h }
    /// Told once when writes start failing (with what failed) and once when they succeed again (nil).
    func setFaultHandler(_ h: @escaping @Sendable (String?) async -> Void) { onFault = h }
    /// Told after each committed batch how far each records file it touched is committed
    /// (file name → byte length, and the records the batch added there): what a reader of
    /// records/ (the search index, the shipper) may read.
    func setDurableHandler(_ h: @escaping @Sendable ([String: Committed]) async -> Void) { onDurable = h }

    /// A records file after a batch: committed up to `end`, `records` lines of them new.
    struct Committed: Sendable, Equatable {
        let end: Int
        let records: Int
    }

    var committedSources: Int { ledger.entries }

    /// Committed, or being committed right now.
    func isCommitted(sha: String) -> Bool {
        guard let k = CommitLedger.key(sha) else { return false }
        return ledger.committed.contains(k) || committing.contains(k)
    }

    /// Queues a finished file (with no lines: a duplicate to archive). Waits only while the
    /// sink already holds `maxPending` files, which bounds memory in a burst (and holds the
    /// workers back while the disk is full: the inbox keeps the backlog).
    func enqueue(_ s: Submission) async {
        while batch.count >= maxPending { await withCheckedContinuation { spaceWaiters.append($0) } }
        batch.append(s)
        if !writing {
            writing = true
            Task { await self.drain() }
        }
    }

    /// Returns once everything queued is durable and reported. After `stop()`, a batch that
    /// meets a write fault is abandoned instead of retried, so a full disk cannot hold up
    /// the exit.
    func flush() async {
        if !writing && batch.isEmpty && unmoved.isEmpty { return }
        await withCheckedContinuation { idleWaiters.append($0) }
    }

    func stop() { stopping = true }

    private func drain() async {
        var pause = Self.firstRetry
        while !batch.isEmpty || !unmoved.isEmpty {
            if fault != nil {
                if stopping {
                    await abandonAll()
                    break
                }
                await sleepUnlessStopping(pause)
                pause = min(pause * 2, Self.lastRetry)
            }
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
            let moves = unmoved
            unmoved.removeAll()
            let result = await writer.write(items, isNew: isNew, retryMoves: moves)
            switch result {
            case .fault(let message):
                // nothing of the batch was kept: it is written again once writes succeed
                for (i, s) in items.enumerated() where isNew[i] { if let k = CommitLedger.key(s.sha) { committing.remove(k) } }
                batch = items + batch
                unmoved = moves + unmoved
                await enterFault(message)
            case .written(let outcomes, let retried, let durable):
                if !durable.isEmpty { await onDurable(durable) }
                for (i, s) in items.enumerated() where isNew[i] {
                    ledger.insert(sha: s.sha)
                    if let k = CommitLedger.key(s.sha) { committing.remove(k) }
                }
                var moveFault: String?
                let handler = onOutcome
                for (entry, outcome) in zip(items.indices.map { (items[$0], isNew[$0]) } + moves, outcomes + retried) {
                    if case .moveFault(let why) = outcome {
                        unmoved.append(entry)
                        moveFault = why
                    } else if case .done(let o) = outcome {
                        await handler(entry.0, o)
                    }
                }
                if let moveFault {
                    await enterFault(moveFault)
                } else if fault != nil {
                    fault = nil
                    pause = Self.firstRetry
                    await onFault(nil)
                }
            }
        }
        writing = false
        for w in idleWaiters { w.resume() }
        idleWaiters.removeAll()
    }

    private func enterFault(_ message: String) async {
        guard fault != message else { return }
        fault = message
        await onFault(message)
    }

    private func sleepUnlessStopping(_ seconds: Double) async {
        var left = seconds
        while left > 0, !stopping {
            try? await Task.sleep(for: .milliseconds(200))
            left -= 0.2
        }
    }

    /// Stopping while writes fail: what is not durable stays in the inbox for the next start.
    private func abandonAll() async {
        let handler = onOutcome
        let why = fault ?? "stopping"
        for s in batch { await handler(s, .abandoned(why)) }
        for (s, _) in unmoved { await handler(s, .abandoned(why)) }
        batch.removeAll()
        unmoved.removeAll()
        for w in spaceWaiters { w.resume() }
        spaceWaiters.removeAll()
    }
}

/// The blocking half of the sink: appends, fsyncs and renames, on a dedicated thread.
struct BatchWriter: Sendable {
    let ledgerPath: String
    let recordsDir: String
    let archiveDir: String
    // default QoS: a lower class makes libdispatch change worker threads' priority, which a
    // sandboxed service may not (it logged "Failed to set thread priority … errno=13")
    private static let io = DispatchQueue(label: "ingestd.sink-io")

    enum MoveOutcome: Sendable {
        case done(RecordSink.Outcome)
        /// Records are durable; the archive move met a write fault and is retried.
        case moveFault(String)
    }

    enum BatchResult: Sendable {
        /// Our storage refused the records or the ledger: every byte of the batch was cut
        /// back, nothing is committed.
        case fault(String)
        /// Committed; one move outcome per item, then one per retried move, and the committed
        /// length of each records file written.
        case written([MoveOutcome], retried: [MoveOutcome], durable: [String: RecordSink.Committed])
    }

    func write(_ items: [RecordSink.Submission], isNew: [Bool], retryMoves: [(RecordSink.Submission, isNew: Bool)] = []) async -> BatchResult {
        await withCheckedContinuation { c in
            Self.io.async { c.resume(returning: self.writeNow(items, isNew: isNew, retryMoves: retryMoves)) }
        }
    }

    /// `no space left on device (records)`: what an operator needs to read.
    static func describe(_ error: Error, _ what: String) -> String {
        if let f = error as? DurableFiles.Failure { return String(cString: strerror(f.code)).lowercased() + " (\(what))" }
        return "\(error) (\(what))"
    }

    private func writeNow(_ items: [RecordSink.Submission], isNew: [Bool], retryMoves: [(RecordSink.Submission, isNew: Bool)]) -> BatchResult {
        var perFile: [String: [UInt8]] = [:]
        var recordsPerFile: [String: Int] = [:]
        var ledgerBytes: [UInt8] = []
        for (i, s) in items.enumerated() where isNew[i] {
            perFile[s.day, default: []].append(contentsOf: s.lines)
            recordsPerFile[s.day, default: 0] += s.recordCount
            ledgerBytes += CommitLedger.line(sha: s.sha, path: s.relativePath, records: s.recordCount, file: "\(s.day).jsonl", at: s.at)
        }
        // 1. records, fsync'd; 2. the ledger: the commit point. A failure at any step cuts
        // every file of this batch back to where it was.
        var appended: [(path: String, size: Int)] = []
        var durable: [String: RecordSink.Committed] = [:]
        var stage = "records"
        do {
            if !perFile.isEmpty { try DurableFiles.makeDirectories(recordsDir) }
            for (day, bytes) in perFile.sorted(by: { $0.key < $1.key }) {
                let path = recordsDir + "/\(day).jsonl"
                let a = try DurableFiles.append(bytes, to: path)
                appended.append((path, a.sizeBefore))
                durable["\(day).jsonl"] = .init(end: a.sizeBefore + bytes.count, records: recordsPerFile[day] ?? 0)
            }
            stage = "ledger"
            if !ledgerBytes.isEmpty { try DurableFiles.append(ledgerBytes, to: ledgerPath) }
        } catch {
            for (path, size) in appended.reversed() { try? DurableFiles.truncate(path, to: size) }
            return .fault(Self.describe(error, stage))
        }
        // 3. archive moves, then the folders
        var folders = Set<String>()
        func move(_ s: RecordSink.Submission, _ new: Bool) -> MoveOutcome {
            do {
                let used = try DurableFiles.move(s.sourcePath, to: archiveDir + "/" + s.day + "/" + s.relativePath)
                folders.insert((used as NSString).deletingLastPathComponent)
                folders.insert((s.sourcePath as NSString).deletingLastPathComponent)
                return .done(new ? .committed(archivedAs: used) : .duplicate(archivedAs: used))
            } catch {
                if DurableFiles.isWriteFault(error) { return .moveFault(Self.describe(error, "archive")) }
                return .done(.failed("records are durable but the source could not be archived: \(error)"))
            }
        }
        let outcomes = items.indices.map { move(items[$0], isNew[$0]) }
        let retried = retryMoves.map { move($0.0, $0.isNew) }
        for f in folders { DurableFiles.syncDirectory(f) }
        return .written(outcomes, retried: retried, durable: durable)
    }
}
