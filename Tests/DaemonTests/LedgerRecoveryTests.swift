import Foundation
import Glibc
import Testing
@testable import IngestDaemon

/// The commit ledger's recovery branches and the torn-line repair, on crafted state files
/// in a temporary folder: each branch reached deterministically, the on-disk format pinned
/// to literals.
@Suite final class LedgerRecoveryTests {
    let dir: String

    init() throws {
        dir = FileManager.default.temporaryDirectory.appendingPathComponent("ingestd-ledger-\(UUID().uuidString.prefix(8))").path
        try FileManager.default.createDirectory(atPath: dir + "/records", withIntermediateDirectories: true)
    }

    deinit { try? FileManager.default.removeItem(atPath: dir) }

    func write(_ name: String, _ text: String) {
        _ = FileManager.default.createFile(atPath: dir + "/" + name, contents: Data(text.utf8))
    }

    func read(_ name: String) -> String {
        String(decoding: FileManager.default.contents(atPath: dir + "/" + name) ?? Data(), as: UTF8.self)
    }

    static let shaA = String(repeating: "a", count: 64), shaB = String(repeating: "b", count: 64), shaC = String(repeating: "c", count: 64)
    static func record(_ sha: String, _ i: Int) -> String { "{\"id\":\"\(sha.prefix(16))-\(i)\",\"title\":\"t\"}\n" }
    static func ledger(_ sha: String) -> String {
        "{\"sha256\":\"\(sha)\",\"path\":\"p.txt\",\"records\":1,\"file\":\"2026-11-29.jsonl\",\"at\":\"2026-11-29T00:00:00Z\"}\n"
    }

    func recover() throws -> (CommitLedger, CommitLedger.Recovery) {
        var l = CommitLedger(path: dir + "/ledger.jsonl", recordsDir: dir + "/records")
        let r = try l.recover()
        return (l, r)
    }

    @Test func ledgerLineFormatIsPinned() {
        let line = String(decoding: CommitLedger.line(sha: Self.shaA, path: "a/b.txt", records: 3, file: "2026-11-29.jsonl", at: "2026-11-29T01:02:03Z"), as: UTF8.self)
        #expect(line == "{\"sha256\":\"\(Self.shaA)\",\"path\":\"a/b.txt\",\"records\":3,\"file\":\"2026-11-29.jsonl\",\"at\":\"2026-11-29T01:02:03Z\"}\n")
    }

    @Test func tornLedgerLineIsCut() throws {
        write("ledger.jsonl", Self.ledger(Self.shaA) + "{\"sha256\":\"bbbb")
        let (l, r) = try recover()
        #expect(r.ledgerBytesCut == 15)
        #expect(l.contains(sha: Self.shaA) && !l.contains(sha: Self.shaB))
        #expect(read("ledger.jsonl") == Self.ledger(Self.shaA))
    }

    @Test func uncommittedTailIsCut() throws {
        write("ledger.jsonl", Self.ledger(Self.shaA))
        write("records/2026-11-29.jsonl", Self.record(Self.shaA, 0) + Self.record(Self.shaB, 0) + "{\"id\":\"cccc")
        let (_, r) = try recover()
        #expect(r.recordLinesRemoved == 2)
        #expect(read("records/2026-11-29.jsonl") == Self.record(Self.shaA, 0))
    }

    /// The disk-full case: an append cut short, the next batch appended after it.
    @Test func tornFragmentBeforeCommittedLinesIsCutExactly() throws {
        write("ledger.jsonl", Self.ledger(Self.shaA) + Self.ledger(Self.shaC))
        let torn = "{\"id\":\"\(Self.shaB.prefix(16))-0\",\"title\":\"cut sh"
        write("records/2026-11-29.jsonl", Self.record(Self.shaA, 0) + torn + Self.record(Self.shaC, 0) + Self.record(Self.shaC, 1))
        let (_, r) = try recover()
        #expect(r.tornFragments == 1 && r.tornBytes == torn.utf8.count)
        #expect(read("records/2026-11-29.jsonl") == Self.record(Self.shaA, 0) + Self.record(Self.shaC, 0) + Self.record(Self.shaC, 1))
        // the checked length is remembered: a later start scans only what was appended since
        #expect(read("records/.checked") == "2026-11-29.jsonl\t\((Self.record(Self.shaA, 0) + Self.record(Self.shaC, 0) + Self.record(Self.shaC, 1)).utf8.count)\n")
        let (_, again) = try recover()
        #expect(again.tornFragments == 0)
    }

    @Test func tornLedgerFragmentBeforeACommittedLine() throws {
        write("ledger.jsonl", Self.ledger(Self.shaA) + "{\"sha256\":\"\(Self.shaB.prefix(20))" + Self.ledger(Self.shaC))
        let (l, r) = try recover()
        #expect(r.tornFragments == 1)
        #expect(l.contains(sha: Self.shaC) && !l.contains(sha: Self.shaB) && l.entries == 2)
    }

    @Test func appendStartsOnALineBoundaryAndReportsWhatItCut() throws {
        let path = dir + "/records/x.jsonl"
        write("records/x.jsonl", Self.record(Self.shaA, 0) + "{\"id\":\"torn")
        let a = try DurableFiles.append(Array(Self.record(Self.shaB, 0).utf8), to: path)
        #expect(a.tornBytesCut == 11 && a.sizeBefore == Self.record(Self.shaA, 0).utf8.count)
        #expect(read("records/x.jsonl") == Self.record(Self.shaA, 0) + Self.record(Self.shaB, 0))
    }

    @Test func writeFaultsAreRecognisedThroughFoundationErrors() {
        #expect(DurableFiles.isWriteFault(DurableFiles.Failure(operation: "write", path: "x", code: ENOSPC)))
        #expect(DurableFiles.isWriteFault(NSError(domain: NSPOSIXErrorDomain, code: Int(EDQUOT))))
        #expect(!DurableFiles.isWriteFault(DurableFiles.Failure(operation: "open", path: "x", code: ENOENT)))
        #expect(BatchWriter.describe(DurableFiles.Failure(operation: "write", path: "x", code: ENOSPC), "records") == "no space left on device (records)")
    }
}
