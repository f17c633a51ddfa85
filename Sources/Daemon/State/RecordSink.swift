import Foundation
import Ingest

/// The single writer of records, the ledger and archive moves. Workers hand it finished
/// files; it commits them in batches (group commit: two fsyncs per batch, not per file)
/// following the protocol in `CommitLedger`, and answers each worker when its file is
/// durable and archived.
actor RecordSink {
    struct Submission: Sendable {
        let sha: String
        /// Path relative to the inbox.
        let relativePath: String
        let sourcePath: String
        let lines: [UInt8]
        let recordCount: Int
        /// UTC day of the records (`records/<day>.jsonl`, `archive/<day>/…`).
        let day: String
        let at: String
    }

    enum Outcome: Sendable {
        case committed(archivedAs: String)
        case duplicate(archivedAs: String)
        case failed(String)
    }

    private var ledger: CommitLedger
    private let recordsDir: String
    private let archiveDir: String
    private var batch: [(Submission, CheckedContinuation<Outcome, Never>)] = []
    private var flushing = false
    /// Largest batch so far, for the benchmark and status.
    private(set) var largestBatch = 0

    init(ledger: CommitLedger, recordsDir: String, archiveDir: String) {
        self.ledger = ledger
        self.recordsDir = recordsDir
        self.archiveDir = archiveDir
    }

    var committedSources: Int { ledger.entries }

    func isCommitted(sha: String) -> Bool { ledger.contains(sha: sha) }

    /// Commits one file's records (or, with no lines, archives a duplicate) and returns once
    /// the outcome is durable.
    func submit(_ s: Submission) async -> Outcome {
        await withCheckedContinuation { c in
            batch.append((s, c))
            if !flushing {
                flushing = true
                Task { await self.flushLoop() }
            }
        }
    }

    private func flushLoop() async {
        while !batch.isEmpty {
            let current = batch
            batch.removeAll()
            largestBatch = max(largestBatch, current.count)
            let outcomes = commit(current.map(\.0))
            for (i, item) in current.enumerated() { item.1.resume(returning: outcomes[i]) }
            await Task.yield()
        }
        flushing = false
    }

    private func commit(_ items: [Submission]) -> [Outcome] {
        var outcomes = [Outcome?](repeating: nil, count: items.count)
        var isNew = [Bool](repeating: false, count: items.count)
        var seen = Set<UInt64>()
        var perFile: [String: [UInt8]] = [:]
        for (i, s) in items.enumerated() {
            guard let key = CommitLedger.key(s.sha), !ledger.contains(sha: s.sha), !seen.contains(key), s.recordCount > 0 else { continue }
            seen.insert(key)
            isNew[i] = true
            perFile[s.day, default: []].append(contentsOf: s.lines)
        }
        // 1. records, fsync'd
        do {
            if !perFile.isEmpty { try DurableFiles.makeDirectories(recordsDir) }
            for (day, bytes) in perFile.sorted(by: { $0.key < $1.key }) {
                try DurableFiles.append(bytes, to: recordsDir + "/\(day).jsonl")
            }
            // 2. the ledger: the commit point
            var ledgerBytes: [UInt8] = []
            for (i, s) in items.enumerated() where isNew[i] {
                ledgerBytes += CommitLedger.line(sha: s.sha, path: s.relativePath, records: s.recordCount, file: "\(s.day).jsonl", at: s.at)
            }
            if !ledgerBytes.isEmpty {
                try DurableFiles.append(ledgerBytes, to: ledger.path)
                for (i, s) in items.enumerated() where isNew[i] { ledger.insert(sha: s.sha) }
            }
        } catch {
            return items.map { _ in .failed("cannot write records: \(error)") }
        }
        // 3. archive moves, then the folders
        var folders = Set<String>()
        for (i, s) in items.enumerated() {
            let target = archiveDir + "/" + s.day + "/" + s.relativePath
            do {
                let used = try DurableFiles.move(s.sourcePath, to: target)
                folders.insert((used as NSString).deletingLastPathComponent)
                folders.insert((s.sourcePath as NSString).deletingLastPathComponent)
                outcomes[i] = isNew[i] ? .committed(archivedAs: used) : .duplicate(archivedAs: used)
            } catch {
                outcomes[i] = .failed("records are durable but the source could not be archived: \(error)")
            }
        }
        for f in folders { DurableFiles.syncDirectory(f) }
        return outcomes.map { $0! }
    }
}
