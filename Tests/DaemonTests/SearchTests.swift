import Foundation
import GRDB
import Glibc
import Ingest
import Testing
@testable import IngestDaemon

/// `ingestd search`, `show` and `reindex` on the real binary, over pages the real daemon
/// ingested: the seeds, and `../shared/corpus` when it is beside the repository.
@Suite(.serialized) struct SearchTests {
    static func pages() -> [URL] {
        var out = (try? IngestCommandTests.seeds().map { URL(fileURLWithPath: $0) }) ?? []
        let corpus = BinaryLocator.repository.deletingLastPathComponent().appendingPathComponent("shared/corpus/raw")
        for name in ((try? FileManager.default.contentsOfDirectory(atPath: corpus.path)) ?? []).sorted() {
            out.append(corpus.appendingPathComponent(name))
        }
        return out
    }

    static func search(_ d: DaemonHarness, _ args: [String]) throws -> IngestCommandTests.Run {
        try IngestCommandTests.run(["search", "--state-dir", d.stateDir.path] + args)
    }

    static func ids(_ run: IngestCommandTests.Run) -> [String] {
        run.stdout.split(separator: "\n").compactMap { line in
            (try? JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any])?["id"] as? String
        }
    }

    /// The record ids in index.sqlite (read directly, as another reader would).
    static func indexed(_ d: DaemonHarness) -> [String] {
        let path = d.stateDir.appendingPathComponent("index.sqlite").path
        var config = Configuration()
        config.readonly = true
        guard let db = try? DatabasePool(path: path, configuration: config) else { return [] }
        return (try? db.read { try String.fetchAll($0, sql: "SELECT id FROM records") }) ?? []
    }

    @Test func headlinesFindTheirArticlesFirstAndFiltersAreExact() throws {
        let d = try DaemonHarness("search")
        defer { d.killHard() }
        try d.start()
        let pages = Self.pages()
        for (i, page) in pages.enumerated() {
            try FileManager.default.copyItem(at: page, to: d.inbox.appendingPathComponent(String(format: "%03d-", i) + page.lastPathComponent))
            if i == pages.count / 2 {
                // a search while the daemon writes the index answers at once
                let r = try Self.search(d, ["新闻", "--limit", "3"])
                #expect(r.status == 0, "search while ingesting: \(r.stderr)")
            }
        }
        try waitUntil(timeout: 120, "all pages taken") {
            let c = d.status()?["counters"] as? [String: Int] ?? [:]
            return (c["files_ingested"] ?? 0) + (c["duplicates"] ?? 0) + (c["failed"] ?? 0) == pages.count
        }
        let records = d.records()
        try waitUntil(timeout: 180, "the index caught up", poll: 0.25) { Self.indexed(d).count == records.count }

        // every headline and author, through the index the daemon built (one process: the
        // lexicon is loaded once)
        let index = try SearchIndex(path: d.stateDir.appendingPathComponent("index.sqlite").path, recordsDir: d.stateDir.appendingPathComponent("records").path,
                                    segmenter: SearchSegmenter(lexicon: try LexiconFiles.load(directory: DaemonConfig().lexiconDir)))
        let misses = try Self.headlineMisses(records, index)
        #expect(misses.checked >= 15)
        #expect(misses.titles.isEmpty, "\(misses.titles.count) of \(misses.checked) headlines did not find their article first: \(misses.titles.prefix(8))")
        let authors = Self.authorCases(records)
        #expect(!authors.isEmpty)
        for (a, expected) in authors {
            #expect(Set(try index.search("", Self.byAuthor(a)).map(\.record.id)) == expected, "author \(a)")
        }
        // the same through the command
        let a0 = authors[0].author
        #expect(Set(Self.ids(try Self.search(d, ["--author", a0, "--limit", "1000", "--json"]))) == Set(try { var f = SearchIndex.Filters(); f.author = a0; f.limit = 1000; return try index.search("", f).map(\.record.id) }()))
        let t0 = records.first { ($0["title"] as! String).count >= 6 }!
        #expect(Self.ids(try Self.search(d, [t0["title"] as! String, "--limit", "1", "--json"])).first == t0["id"] as? String)

        // show prints the article; a malformed query is one line and exit 2
        let one = records[0]
        let shown = try IngestCommandTests.run(["show", "--state-dir", d.stateDir.path, one["id"] as! String])
        #expect(shown.status == 0)
        #expect(shown.stdout.contains(one["title"] as! String))
        let bad = try Self.search(d, ["\"unclosed"])
        #expect(bad.status == 2 && bad.stderr.split(separator: "\n").count == 1)

        // reindex from records/ gives the same answers
        let queries = [["机器人"], ["记者"], ["--author", a0]]
        let before = try queries.map { try Self.search(d, $0 + ["--json"]).stdout }
        let re = try IngestCommandTests.run(["reindex", "--state-dir", d.stateDir.path])
        #expect(re.status == 0, "\(re.stderr)")
        #expect(try queries.map { try Self.search(d, $0 + ["--json"]).stdout } == before)
        d.signal(SIGTERM)
        #expect(try d.waitForExit().status == 0)
    }

    /// Titles (not repeated, six characters or more) whose search does not put their article first.
    static func headlineMisses(_ records: [[String: Any]], _ index: SearchIndex) throws -> (checked: Int, titles: [String]) {
        let cases = headlineCases(records)
        var misses: [String] = []
        for (title, id) in cases {
            let hits = try index.search(title, topThree)
            if hits.first?.record.id != id { misses.append(title + " → " + (hits.first?.record.title ?? "nothing")) }
        }
        return (cases.count, misses)
    }

    /// The headlines a search must answer with their own article first (not repeated, six
    /// characters or more), with that article's id; for the local index and the fleet alike.
    static func headlineCases(_ records: [[String: Any]]) -> [(title: String, id: String)] {
        let titles = records.map { $0["title"] as! String }
        return records.compactMap { r in
            let title = r["title"] as! String
            guard title.count >= 6, titles.filter({ $0 == title }).count == 1 else { return nil }
            return (title, r["id"] as! String)
        }
    }

    /// Every author, with the ids of exactly the records whose byline holds the name.
    static func authorCases(_ records: [[String: Any]]) -> [(author: String, ids: Set<String>)] {
        let authors = Set(records.flatMap { ($0["authors"] as? [String]) ?? [] })
        return authors.sorted().map { a in
            (a, Set(records.filter { (($0["authors"] as? [String]) ?? []).joined(separator: "、").contains(a) }.map { $0["id"] as! String }))
        }
    }

    static let topThree: SearchIndex.Filters = { var f = SearchIndex.Filters(); f.limit = 3; return f }()

    static func byAuthor(_ a: String) -> SearchIndex.Filters {
        var f = SearchIndex.Filters()
        f.author = a
        f.limit = 100_000
        return f
    }

    /// kill -9 in the middle of a burst: after the restart the index holds every committed
    /// record once (it catches up on what it missed, and never holds an uncommitted one).
    @Test func theIndexCatchesUpAfterKillNine() throws {
        let d = try DaemonHarness("searchkill")
        defer { d.killHard() }
        try d.start()
        for i in 0..<300 { try Pages.unique(80_000 + i).write(to: d.inbox.appendingPathComponent("k\(i).txt")) }
        try waitUntil(timeout: 60, "some pages in") { d.counter("files_ingested") >= 30 }
        d.killHard()
        try d.start()
        try waitUntil(timeout: 120, "the burst done") { ((try? FileManager.default.contentsOfDirectory(atPath: d.inbox.path)) ?? ["x"]).isEmpty }
        let records = d.records()
        let ids = records.map { $0["id"] as! String }
        try waitUntil(timeout: 180, "the index caught up", poll: 0.25) { Self.indexed(d).count == records.count }
        let indexed = Self.indexed(d)
        #expect(Set(indexed) == Set(ids) && indexed.count == ids.count)
        d.signal(SIGTERM)
        #expect(try d.waitForExit().status == 0)
    }
}
