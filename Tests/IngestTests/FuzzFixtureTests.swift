import Foundation
import Testing
@testable import Ingest

/// What the fuzzer found, replayed: every input ends in records or a typed failure, never a
/// trap, and within the parser's budget of work.
@Suite struct FuzzFixtureTests {
    static func fixtures() -> [URL] {
        guard let dir = Bundle.module.url(forResource: "fuzz", withExtension: nil, subdirectory: "Fixtures"),
              let names = try? FileManager.default.contentsOfDirectory(atPath: dir.path) else { return [] }
        return names.filter { $0 != "README.md" }.sorted().map { dir.appendingPathComponent($0) }
    }

    /// Shapes worth keeping next to what the fuzzer finds: cut markup, bare bytes, a page
    /// with every rule's marker on one line.
    static let handmade: [[UInt8]] = [
        [], [0x3C], Array("<html><".utf8), Array(String(repeating: "<div>", count: 5_000).utf8),
        Array("【本市消息】\n《人民日报》（2026年05月14日 第 12 版）字数: 1字\n◆\n——\n（作者系".utf8),
        Array("标题:\n正文:\n<正题>=\n".utf8), Array(String(repeating: "，\n", count: 1_000).utf8),
    ]

    @Test func everyFixtureEndsInRecordsOrATypedFailure() throws {
        let inputs = Self.fixtures().compactMap { try? [UInt8](Data(contentsOf: $0)) } + Self.handmade
        for bytes in inputs {
            do {
                let result = try Fixtures.ingestor.ingest(bytes, path: "fuzz.txt", ingestedAt: 0, sha256: String(repeating: "0", count: 64))
                for r in result.records { #expect(!RecordJSON.line(r).isEmpty) }
            } catch {
                #expect(!error.detail.isEmpty)
            }
        }
    }
}
