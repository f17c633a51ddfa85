import Foundation
import Glibc
import Ingest
import Testing
@testable import IngestDaemon

/// The single writer: group commit, duplicates, archive moves, and a write fault retried
/// until it passes, on real files in a temporary folder (no daemon).
@Suite final class RecordSinkTests {
    let dir: String
    var inbox: String { dir + "/inbox" }

    init() throws {
        dir = FileManager.default.temporaryDirectory.appendingPathComponent("ingestd-sink-\(UUID().uuidString.prefix(8))").path
        for sub in ["inbox", "records", "archive"] {
            try FileManager.default.createDirectory(atPath: dir + "/" + sub, withIntermediateDirectories: true)
        }
    }

    deinit { try? FileManager.default.removeItem(atPath: dir) }

    /// Collects outcomes and fault reports as the sink sends them.
    actor Seen {
        var outcomes: [String: RecordSink.Outcome] = [:]
        var faults: [String?] = []
        func add(_ s: RecordSink.Submission, _ o: RecordSink.Outcome) { outcomes[s.relativePath] = o }
        func fault(_ m: String?) { faults.append(m) }
    }

    func sink(_ seen: Seen, ledgerPath: String? = nil) async throws -> RecordSink {
        var ledger = CommitLedger(path: ledgerPath ?? dir + "/ledger.jsonl", recordsDir: dir + "/records")
        _ = try ledger.recover()
        let s = RecordSink(ledger: ledger, recordsDir: dir + "/records", archiveDir: dir + "/archive")
        await s.setOutcomeHandler { sub, o in await seen.add(sub, o) }
        await s.setFaultHandler { m in await seen.fault(m) }
        return s
    }

    /// A source file in the inbox and its submission with `count` one-line records.
    func submission(_ name: String, sha: String, count: Int) -> RecordSink.Submission {
        _ = FileManager.default.createFile(atPath: inbox + "/" + name, contents: Data("page \(name)".utf8))
        let lines = (0..<count).flatMap { Array("{\"id\":\"\(sha.prefix(16))-\($0)\"}\n".utf8) }
        return .init(sha: sha, relativePath: name, sourcePath: inbox + "/" + name, lines: lines, recordCount: count,
                     bytes: 10, day: "2026-11-30", at: "2026-11-30T00:00:00Z", records: [])
    }

    func read(_ path: String) -> String {
        String(decoding: FileManager.default.contents(atPath: dir + "/" + path) ?? Data(), as: UTF8.self)
    }

    static let shaA = String(repeating: "a", count: 64), shaB = String(repeating: "b", count: 64)

    @Test func commitsRecordsThenLedgerThenArchives() async throws {
        let seen = Seen()
        let s = try await sink(seen)
        await s.enqueue(submission("a.txt", sha: Self.shaA, count: 2))
        await s.enqueue(submission("b.txt", sha: Self.shaB, count: 1))
        await s.flush()
        #expect(read("records/2026-11-30.jsonl").split(separator: "\n").count == 3)
        #expect(read("ledger.jsonl").split(separator: "\n").count == 2)
        #expect(FileManager.default.fileExists(atPath: dir + "/archive/2026-11-30/a.txt"))
        #expect(!FileManager.default.fileExists(atPath: inbox + "/a.txt"))
        if case .committed? = await seen.outcomes["b.txt"] {} else { Issue.record("b.txt not committed") }
        #expect(await s.isCommitted(sha: Self.shaA))
    }

    /// The same content twice in one batch, then again after a restart (a new sink on the
    /// same ledger, as when a source was committed but not yet moved at a crash).
    @Test func sameContentIsADuplicateWithinABatchAndAcrossARestart() async throws {
        let seen = Seen()
        let s = try await sink(seen)
        await s.enqueue(submission("first.txt", sha: Self.shaA, count: 1))
        await s.enqueue(submission("again.txt", sha: Self.shaA, count: 1))
        await s.flush()
        if case .duplicate? = await seen.outcomes["again.txt"] {} else { Issue.record("second copy not a duplicate") }
        let restarted = try await sink(seen)
        #expect(await restarted.isCommitted(sha: Self.shaA))
        var leftover = submission("unmoved.txt", sha: Self.shaA, count: 0)
        leftover = .init(sha: leftover.sha, relativePath: leftover.relativePath, sourcePath: leftover.sourcePath, lines: [], recordCount: 0,
                         bytes: 10, day: leftover.day, at: leftover.at, records: [])
        await restarted.enqueue(leftover)
        await restarted.flush()
        if case .duplicate? = await seen.outcomes["unmoved.txt"] {} else { Issue.record("committed source not archived as a duplicate") }
        #expect(read("records/2026-11-30.jsonl").split(separator: "\n").count == 1)
        #expect(read("ledger.jsonl").split(separator: "\n").count == 1)
    }

    /// The ledger cannot be written (here: a folder stands where the file should be): the
    /// batch is cut back, reported once, retried after 1 s, and committed once it can be.
    @Test func aWriteFaultIsCutBackAndRetriedUntilItPasses() async throws {
        let seen = Seen()
        let ledgerPath = dir + "/ledger.jsonl"
        let s = try await sink(seen, ledgerPath: ledgerPath)
        try FileManager.default.createDirectory(atPath: ledgerPath, withIntermediateDirectories: false)
        await s.enqueue(submission("a.txt", sha: Self.shaA, count: 2))
        try await eventually("the fault reported") { await seen.faults.count == 1 }
        #expect(read("records/2026-11-30.jsonl") == "", "records of an uncommitted batch were kept")
        #expect(FileManager.default.fileExists(atPath: inbox + "/a.txt"))
        #expect(await s.fault?.contains("(ledger)") == true)
        try FileManager.default.removeItem(atPath: ledgerPath)
        await s.flush()
        let faults = await seen.faults
        #expect(faults.count == 2 && faults.last == .some(nil), "faults reported: \(faults)")
        #expect(read("records/2026-11-30.jsonl").split(separator: "\n").count == 2)
        if case .committed? = await seen.outcomes["a.txt"] {} else { Issue.record("a.txt not committed after the fault") }
    }

    /// A stop while writes fail gives the batch up: the source stays in the inbox.
    @Test func stoppingWhileWritesFailAbandonsTheBatch() async throws {
        let seen = Seen()
        let ledgerPath = dir + "/ledger.jsonl"
        let s = try await sink(seen, ledgerPath: ledgerPath)
        try FileManager.default.createDirectory(atPath: ledgerPath, withIntermediateDirectories: false)
        await s.enqueue(submission("a.txt", sha: Self.shaA, count: 1))
        try await eventually("the fault reported") { await seen.faults.count == 1 }
        await s.stop()
        await s.flush()
        if case .abandoned? = await seen.outcomes["a.txt"] {} else { Issue.record("not abandoned") }
        #expect(FileManager.default.fileExists(atPath: inbox + "/a.txt"))
    }
}
