import Foundation
import Testing

/// `ingestd demo`, end to end on the repository's seeds, as CI runs it (stdout not a TTY).
@Suite(.serialized) struct DemoCommandTests {
    static func demo(_ stateDir: URL) throws -> IngestCommandTests.Run {
        try IngestCommandTests.run(["demo", "--state-dir", stateDir.path,
                                    "--seeds", BinaryLocator.repository.appendingPathComponent("seeds").path])
    }

    @Test func demoIngestsTheSeedsAndPrintsTheSummary() throws {
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("ingestd-demo-\(UUID().uuidString.prefix(8))")
        defer { try? FileManager.default.removeItem(at: root) }
        let state = root.appendingPathComponent("demo")
        let seeds = try FileManager.default.contentsOfDirectory(atPath: BinaryLocator.repository.appendingPathComponent("seeds").path)
            .filter { $0.hasSuffix(".txt") }

        let r = try Self.demo(state)
        #expect(r.status == 0, "\(r.stderr)")
        #expect(r.stdout.contains("dropped \(seeds.count) page(s)"))
        #expect(r.stdout.contains("progress: \(seeds.count)/\(seeds.count) pages"))
        #expect(!r.stdout.contains("\r"), "plain lines when not on a terminal")
        #expect(r.stdout.contains("top keywords"))
        #expect(r.stdout.contains("latest headlines"))
        #expect(r.stdout.contains("records: \(state.path)/records"))

        // the folder holds what the daemon made: every seed archived, records, a stopped status
        let archive = FileManager.default.enumerator(atPath: state.appendingPathComponent("archive").path)?.allObjects as? [String] ?? []
        #expect(Set(archive.map { ($0 as NSString).lastPathComponent }).isSuperset(of: seeds))
        let inbox = try FileManager.default.contentsOfDirectory(atPath: state.appendingPathComponent("inbox").path)
        #expect(inbox.isEmpty, "nothing left behind, not even the temporary names: \(inbox)")
        let status = try JSONSerialization.jsonObject(with: Data(contentsOf: state.appendingPathComponent("status.json"))) as? [String: Any]
        #expect(status?["state"] as? String == "stopped")
        let summary = try JSONSerialization.jsonObject(with: Data(contentsOf: state.appendingPathComponent("summary.json"))) as? [String: Any]
        #expect((summary?["totals"] as? [String: Int])?["files"] == seeds.count)

        // a second run replaces its own folder and starts from zero
        let again = try Self.demo(state)
        #expect(again.status == 0, "\(again.stderr)")
        #expect(again.stdout.contains("total since"))
        #expect(again.stdout.contains("\(seeds.count) file(s)") && again.stdout.contains(" 0 duplicate(s)"), "not the first run's pages seen again")
    }

    @Test func demoRefusesAFolderItDidNotMake() throws {
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("ingestd-demo-\(UUID().uuidString.prefix(8))")
        defer { try? FileManager.default.removeItem(at: root) }
        try FileManager.default.createDirectory(at: root, withIntermediateDirectories: true)
        try Data("keep me".utf8).write(to: root.appendingPathComponent("precious.txt"))
        let r = try Self.demo(root)
        #expect(r.status == 1)
        #expect(r.stderr.contains("not made by a demo"))
        #expect(FileManager.default.fileExists(atPath: root.appendingPathComponent("precious.txt").path))
    }
}
