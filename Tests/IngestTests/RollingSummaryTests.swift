import Foundation
import Testing
@testable import Ingest

/// The rolling window, trends, pruning bound, persistence and rebuild, with an injected clock.
struct RollingSummaryTests {
    /// 2026-11-23T10:00:00Z, on an hour boundary.
    static let t0 = 1_795_428_000.0
    static let hour = 3600.0

    static let base = Fixtures.records("000_7b9d41ea9c0c1498")[0]

    /// A record with chosen keywords and time (the rest from a seed article).
    static func record(_ n: Int, keywords: [String], at t: Double, paper: String? = "测试日报", authors: [String] = ["张三"]) -> ArticleRecord {
        var r = base
        r.id = String(format: "%016x-0", n)
        r.source.sha256 = String(format: "%064x", n)
        r.source.index = 0
        r.keywords = keywords
        r.paper = paper
        r.authors = authors
        r.title = "标题\(n)"
        r.ingestedAt = RFC3339.format(epochSeconds: t)
        return r
    }

    @Test func articlesLeaveTheWindowWhenTheirHourPasses() {
        var s = RollingSummary(windowHours: 24, createdAt: Self.t0)
        s.addFile([Self.record(1, keywords: ["医院"], at: Self.t0 + 600)], at: Self.t0 + 600)
        s.addFile([Self.record(2, keywords: ["医院"], at: Self.t0 + 5 * Self.hour)], at: Self.t0 + 5 * Self.hour)

        let now = s.document(now: Self.t0 + 5 * Self.hour + 1)
        #expect(now.windowTotals.articles == 2)
        #expect(now.keywords.first?.term == "医院" && now.keywords.first?.articles == 2)

        // last second of the 24th hour: both still in
        #expect(s.document(now: Self.t0 + 24 * Self.hour - 1).windowTotals.articles == 2)
        // the first article's hour has left the window; the total keeps it
        let later = s.document(now: Self.t0 + 24 * Self.hour)
        #expect(later.windowTotals.articles == 1)
        #expect(later.windowTotals.files == 1)
        #expect(later.totals.articles == 2)
        #expect(later.keywords.first?.articles == 1)
        // both gone
        let empty = s.document(now: Self.t0 + 29 * Self.hour)
        #expect(empty.windowTotals.articles == 0 && empty.keywords.isEmpty && empty.papers.isEmpty)
        #expect(empty.totals.articles == 2)
        #expect(empty.window.hours == 24)
        // the window is the 24 whole hours ending with the current one
        #expect(RFC3339.parse(empty.window.from) == Self.t0 + 6 * Self.hour)
        #expect(RFC3339.parse(empty.window.to) == Self.t0 + 29 * Self.hour)
    }

    @Test func bucketsOlderThanTwoWindowsAreDropped() {
        var s = RollingSummary(windowHours: 2, createdAt: Self.t0)
        for h in 0..<10 { s.addFile([Self.record(h, keywords: ["词"], at: Self.t0 + Double(h) * Self.hour)], at: Self.t0 + Double(h) * Self.hour) }
        #expect(s.buckets.count == 4)
        #expect(s.totals.files == 10)
    }

    @Test func trendsCompareWithThePreviousWindow() {
        var s = RollingSummary(windowHours: 1, createdAt: Self.t0)
        var n = 0
        func add(_ kws: [String], _ t: Double) { n += 1; s.addFile([Self.record(n, keywords: kws, at: t)], at: t) }
        // previous hour: 10 articles; 疫苗 in 1, 医院 in 5, 党建 in 4
        for i in 0..<10 {
            add(i == 0 ? ["疫苗"] : i < 6 ? ["医院"] : ["党建"], Self.t0 + Double(i))
        }
        // current hour: 10 articles; 疫苗 in 5, 医院 in 1, 党建 in 4, 护士 in 2 (new)
        for i in 0..<10 {
            let k: [String] = i < 5 ? ["疫苗"] : i == 5 ? ["医院"] : ["党建"]
            add(k + (i >= 8 ? ["护士"] : []), Self.t0 + Self.hour + Double(i))
        }
        let d = s.document(now: Self.t0 + Self.hour + 100)
        let trend = Dictionary(uniqueKeysWithValues: d.keywords.map { ($0.term, $0.trend) })
        #expect(trend["疫苗"] == "rising")
        #expect(trend["医院"] == "falling")
        #expect(trend["党建"] == "steady")
        #expect(trend["护士"] == "new")
        let vaccine = d.keywords.first { $0.term == "疫苗" }!
        #expect(vaccine.articles == 5 && vaccine.previous == 1 && vaccine.score == 0.5)
        #expect(d.keywords.map(\.term).prefix(2) == ["疫苗", "党建"])
    }

    @Test func pruningKeepsTablesBoundedAndCountsWithinTheErrorBound() {
        var s = RollingSummary(windowHours: 24, keep: 10, createdAt: Self.t0)
        var truth: [String: Int] = [:]
        var rng = SystemRandomNumberGenerator()
        for n in 0..<3000 {
            // five frequent terms and a long tail of rare ones
            var kws = ["常见\(n % 5)"]
            if n % 3 == 0 { kws.append("热门") }
            kws.append("罕见\(Int.random(in: 0..<2000, using: &rng))")
            for k in kws { truth[k, default: 0] += 1 }
            let t = Self.t0 + Double(n)  // spread over the first hour
            s.addFile([Self.record(n, keywords: kws, at: t)], at: t)
            #expect(s.buckets.allSatisfy { $0.keywords.counts.count < 20 })
        }
        let d = s.document(now: Self.t0 + 3600)
        #expect(d.errorBound > 0, "the tail was pruned")
        #expect(d.keywords.first?.term == "热门")
        for k in d.keywords {
            let real = truth[k.term]!
            #expect(k.articles <= real && real - k.articles <= d.errorBound, "\(k.term): \(k.articles) vs \(real)")
        }
        // only the tail is cut: the frequent terms are all there, and exact
        for k in d.keywords where !k.term.hasPrefix("罕见") { #expect(k.articles == truth[k.term]!, "\(k.term)") }
        let top = Set(d.keywords.map(\.term))
        #expect((0..<5).allSatisfy { top.contains("常见\($0)") })
    }

    @Test func duplicatesAndFailuresAreCountedNotSummarised() {
        var s = RollingSummary(createdAt: Self.t0)
        s.addDuplicate(at: Self.t0 + 1)
        s.addFailure(at: Self.t0 + 2)
        s.addFailure(at: Self.t0 + 3)
        let d = s.document(now: Self.t0 + 10)
        #expect(d.totals.duplicates == 1 && d.totals.failed == 2)
        #expect(d.windowTotals.duplicates == 1 && d.windowTotals.failed == 2)
        #expect(d.totals.articles == 0 && d.totals.files == 0)
        #expect(d.keywords.isEmpty && d.recent.isEmpty && d.authors.isEmpty)
    }

    @Test func recentKeepsTheNewestTwenty() {
        var s = RollingSummary(createdAt: Self.t0)
        for n in 0..<50 { s.addFile([Self.record(n, keywords: [], at: Self.t0 + Double(n))], at: Self.t0 + Double(n)) }
        let d = s.document(now: Self.t0 + 100)
        #expect(d.recent.count == 20)
        #expect(d.recent.first?.title == "标题49")
        #expect(d.recent.last?.title == "标题30")
        #expect(s.recent.count == 20, "memory stays bounded")
    }

    /// The five seed pages, ingested an hour apart.
    static func seedFiles() -> [(Double, [ArticleRecord])] {
        Fixtures.seedNames.enumerated().map { i, name in
            let t = t0 + Double(i) * hour + 17
            let recs = try! Fixtures.ingestor.ingest(Fixtures.seedBytes(name), path: name + ".txt", ingestedAt: t).records
            return (t, recs)
        }
    }

    @Test func persistenceRoundTrip() throws {
        var s = RollingSummary(windowHours: 6, createdAt: Self.t0)
        for (t, recs) in Self.seedFiles() { s.addFile(recs, at: t) }
        s.addDuplicate(at: Self.t0 + 7)
        let data = try JSONEncoder().encode(s)
        let back = try JSONDecoder().decode(RollingSummary.self, from: data)
        #expect(back == s)
        #expect(back.document(now: Self.t0 + 5 * Self.hour) == s.document(now: Self.t0 + 5 * Self.hour))
    }

    @Test func rebuildFromRecordsEqualsTheIncrementalSummary() {
        var s = RollingSummary(windowHours: 3, createdAt: Self.t0)
        for (t, recs) in Self.seedFiles() { s.addFile(recs, at: t) }
        s.addDuplicate(at: Self.t0 + 2 * Self.hour)
        s.addFailure(at: Self.t0 + 4 * Self.hour)
        // records as they lie in records/*.jsonl: in commit order
        let lines = Self.seedFiles().flatMap { $0.1 }
        let rebuilt = RollingSummary.rebuild(from: lines.shuffled(), windowHours: 3, createdAt: Self.t0, duplicatesAndFailures: s)
        let now = Self.t0 + 4 * Self.hour + 60
        #expect(rebuilt.document(now: now) == s.document(now: now))
        #expect(rebuilt.totals == s.totals)
        #expect(s.totals.files == 5 && s.totals.articles == lines.count)
    }

    @Test func documentFieldsFollowTheSpec() throws {
        var s = RollingSummary(createdAt: Self.t0)
        for (t, recs) in Self.seedFiles() { s.addFile(recs, at: t) }
        let d = s.document(now: Self.t0 + 5 * Self.hour)
        let obj = try JSONSerialization.jsonObject(with: JSONEncoder().encode(d)) as! [String: Any]
        for key in ["generated_at", "window", "totals", "window_totals", "papers", "dates", "keywords", "authors", "recent"] {
            #expect(obj[key] != nil, "\(key)")
        }
        #expect(Set((obj["totals"] as! [String: Any]).keys) == ["files", "articles", "chars", "duplicates", "failed"])
        let kw = (obj["keywords"] as! [[String: Any]])
        #expect(kw.count == 30)
        #expect(kw.allSatisfy { $0["term"] is String && $0["articles"] is Int && $0["score"] is Double })
        let recent = obj["recent"] as! [[String: Any]]
        #expect(Set(recent[0].keys) == ["id", "title", "paper", "date", "summary"])
        #expect(d.papers.contains { $0.name == "滁州日报" })
        #expect(d.dates.contains { $0.date == "2022-12-08" })
        #expect(d.authors.first?.name == "索朗琼珠")
    }

    @Test func rfc3339ParseInvertsFormat() {
        for t in [0.0, Self.t0, Self.t0 + 0.123, 951_782_400.5] {
            #expect(abs(RFC3339.parse(RFC3339.format(epochSeconds: t))! - t) < 0.001)
        }
        #expect(RFC3339.parse("2026-11-23T11:00:00+01:00") == Self.t0)
        #expect(RFC3339.parse("2026-11-23") == nil)
        #expect(RFC3339.parse("2026-13-23T10:00:00Z") == nil)
    }
}
