import Foundation
import Glibc
import Testing

/// `summary.json` written by the real daemon, and `ingestd summary` / `status` around it.
@Suite(.serialized) struct SummaryCommandTests {
    static func summary(_ d: DaemonHarness, _ extra: [String] = []) throws -> IngestCommandTests.Run {
        try IngestCommandTests.run(["summary", "--state-dir", d.stateDir.path] + extra)
    }

    static func document(_ d: DaemonHarness) -> [String: Any]? {
        FileManager.default.contents(atPath: d.stateDir.appendingPathComponent("summary.json").path)
            .flatMap { try? JSONSerialization.jsonObject(with: $0) as? [String: Any] }
    }

    static func totals(_ doc: [String: Any]?, _ key: String = "totals") -> [String: Int] {
        (doc?[key] as? [String: Int]) ?? [:]
    }

    @Test func summaryFollowsTheDaemonAndSurvivesRestarts() throws {
        let d = try DaemonHarness("summary")
        try d.start()
        // written at start, before anything arrives
        #expect(Self.totals(Self.document(d))["files"] == 0)
        for i in 0..<5 { try Pages.seed(i).write(to: d.inbox.appendingPathComponent("page\(i).txt")) }
        try waitUntil(timeout: 60, "seeds ingested") { d.counter("files_ingested") == 5 }
        let articles = d.records().count
        // coalesced, but never more than a second behind
        try waitUntil(timeout: 1.5, "summary caught up") { Self.totals(Self.document(d))["articles"] == articles }

        let doc = try #require(Self.document(d))
        #expect(Self.totals(doc) == ["files": 5, "articles": articles, "chars": Self.totals(doc)["chars"]!, "duplicates": 0, "failed": 0])
        #expect(Self.totals(doc, "window_totals") == Self.totals(doc))
        #expect((doc["window"] as? [String: Any])?["hours"] as? Int == 24)
        let keywords = try #require(doc["keywords"] as? [[String: Any]])
        #expect(keywords.count == 30)
        #expect(keywords.allSatisfy { ($0["term"] as? String)?.isEmpty == false && ($0["articles"] as? Int ?? 0) > 0 && $0["score"] is Double })
        #expect(keywords.allSatisfy { $0["trend"] as? String == "new" }, "nothing in the previous window")
        let recent = try #require(doc["recent"] as? [[String: Any]])
        #expect(recent.count == min(20, articles))
        let ids = Set(d.records().compactMap { $0["id"] as? String })
        #expect(recent.allSatisfy { ids.contains($0["id"] as? String ?? "") })
        #expect((doc["papers"] as? [[String: Any]])?.contains { $0["name"] as? String == "滁州日报" } == true)
        #expect((doc["dates"] as? [[String: Any]])?.contains { $0["date"] as? String == "2022-12-08" } == true)
        #expect(((doc["authors"] as? [[String: Any]])?.count ?? 0) > 0)

        // a duplicate and a failure are counted, not summarised
        try Pages.seed(0).write(to: d.inbox.appendingPathComponent("again.txt"))
        try Data([0x00, 0x01, 0x02, 0xFF]).write(to: d.inbox.appendingPathComponent("binary.txt"))
        try waitUntil(timeout: 30, "duplicate and failure") { d.counter("duplicates") == 1 && d.counter("failed") == 1 }
        try waitUntil(timeout: 1.5, "summary caught up") { Self.totals(Self.document(d))["failed"] == 1 && Self.totals(Self.document(d))["duplicates"] == 1 }
        #expect(Self.totals(Self.document(d))["articles"] == articles)

        // readable while running
        let report = try Self.summary(d)
        #expect(report.status == 0, "\(report.stderr)")
        #expect(report.stdout.contains("5 file(s), \(articles) article(s)"))
        #expect(report.stdout.contains("top keywords"))
        #expect(report.stdout.contains("latest headlines"))
        #expect(report.stdout.contains("滁州日报"))
        let json = try Self.summary(d, ["--json"])
        #expect((try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [String: Any])?["recent"] != nil)

        d.signal(SIGTERM)
        #expect(try d.waitForExit().status == 0)
        let before = try #require(Self.document(d))
        #expect(try Self.summary(d).status == 0, "readable after the daemon stopped")

        // the rebuild from records/ agrees with what the daemon built incrementally
        let rebuilt = try Self.summary(d, ["--rebuild", "--json"])
        #expect(rebuilt.status == 0, "\(rebuilt.stderr)")
        let after = try #require(Self.document(d))
        for key in ["totals", "window_totals", "keywords", "papers", "dates", "authors", "recent", "since"] {
            #expect(NSDictionary(dictionary: before).value(forKey: key) as? NSObject == NSDictionary(dictionary: after).value(forKey: key) as? NSObject, "\(key) differs after --rebuild")
        }

        // and a restart reloads it rather than starting from zero
        try d.start()
        try Pages.small(1).write(to: d.inbox.appendingPathComponent("small.txt"))
        try waitUntil(timeout: 30, "small ingested") { d.counter("files_ingested") == 1 }
        try waitUntil(timeout: 1.5, "summary caught up") { Self.totals(Self.document(d))["files"] == 6 }
        #expect(Self.totals(Self.document(d))["articles"] == articles + 1)
        #expect(Self.document(d)?["since"] as? String == before["since"] as? String)
        d.signal(SIGTERM)
        #expect(try d.waitForExit().status == 0)
    }

    /// The summary is an aggregate: when its files cannot be read or written, the operator is
    /// told once in the log, and ingesting goes on.
    @Test func summaryFileProblemsAreLoggedNotFatal() throws {
        let d = try DaemonHarness("summary-io")
        try FileManager.default.createDirectory(at: d.stateDir, withIntermediateDirectories: true)
        let state = d.stateDir.appendingPathComponent("summary.state.json")
        try Data("{ not json".utf8).write(to: state)
        try d.start()
        #expect(d.logShows("summary state \(state.path) is unreadable"))
        #expect(d.logShows("--rebuild"))
        #expect(Self.totals(Self.document(d))["files"] == 0, "an empty summary replaces the unreadable one")

        // summary.json replaced by a non-empty folder: the atomic rename onto it fails
        let doc = d.stateDir.appendingPathComponent("summary.json")
        try FileManager.default.removeItem(at: doc)
        try FileManager.default.createDirectory(at: doc.appendingPathComponent("blocker"), withIntermediateDirectories: true)
        for i in 0..<2 { try Pages.seed(i).write(to: d.inbox.appendingPathComponent("page\(i).txt")) }
        try waitUntil(timeout: 60, "seeds ingested despite the summary") { d.counter("files_ingested") == 2 }
        try waitUntil(timeout: 3, "write failure logged") { d.logText.contains("cannot write the summary to \(doc.path)") }
        let failures = d.logText.components(separatedBy: "cannot write the summary").count - 1

        // once the path is free again, the next file brings the summary back, with everything counted
        try FileManager.default.removeItem(at: doc)
        try Pages.seed(2).write(to: d.inbox.appendingPathComponent("page2.txt"))
        try waitUntil(timeout: 30, "summary written again") { Self.totals(Self.document(d))["files"] == 3 }
        #expect(d.logShows("summary written again"))
        #expect(failures == 1, "logged once, not at every write")
        d.signal(SIGTERM)
        #expect(try d.waitForExit().status == 0)
    }

    @Test func summaryWithoutAStateFolderSaysSo() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("ingestd-nosummary-\(UUID().uuidString.prefix(8))")
        defer { try? FileManager.default.removeItem(at: dir) }
        let r = try IngestCommandTests.run(["summary", "--state-dir", dir.path])
        #expect(r.status == 1)
        #expect(r.stderr.contains("no summary"))
    }
}
