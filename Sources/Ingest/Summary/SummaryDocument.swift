/// `summary.json`: the rolling summary as operators and scripts read it.
public struct SummaryDocument: Codable, Sendable, Equatable {
    public struct Window: Codable, Sendable, Equatable {
        public var hours: Int
        public var from: String
        public var to: String
    }

    public struct Named: Codable, Sendable, Equatable {
        public var name: String
        public var articles: Int
    }

    public struct Dated: Codable, Sendable, Equatable {
        public var date: String
        public var articles: Int
    }

    public struct Keyword: Codable, Sendable, Equatable {
        public var term: String
        public var articles: Int
        /// Share of the window's articles that carry the term.
        public var score: Double
        /// `rising`, `falling`, `steady` or `new`, against the previous window of the same length.
        public var trend: String
        public var previous: Int
    }

    public struct Recent: Codable, Sendable, Equatable {
        public var id: String
        public var title: String
        public var paper: String?
        public var date: String?
        public var summary: String

        public func encode(to encoder: any Encoder) throws {
            var c = encoder.container(keyedBy: CodingKeys.self)
            try c.encode(id, forKey: .id)
            try c.encode(title, forKey: .title)
            try c.encode(paper, forKey: .paper)
            try c.encode(date, forKey: .date)
            try c.encode(summary, forKey: .summary)
        }
    }

    public var generatedAt: String
    public var window: Window
    public var totals: RollingSummary.Totals
    public var windowTotals: RollingSummary.Totals
    public var papers: [Named]
    public var dates: [Dated]
    public var keywords: [Keyword]
    public var authors: [Named]
    public var recent: [Recent]
    /// Largest undercount a window count can carry from pruning (see `RollingSummary`).
    public var errorBound: Int
    public var since: String

    enum CodingKeys: String, CodingKey {
        case window, totals, papers, dates, keywords, authors, recent, since
        case generatedAt = "generated_at", windowTotals = "window_totals", errorBound = "error_bound"
    }
}

extension RollingSummary {
    public static let topKeywords = 30
    public static let topAuthors = 20

    /// The document as of `now`: the window is the `windowHours` hours ending at `now`.
    public func document(now: Double) -> SummaryDocument {
        let h = Self.hour(now)
        let current = buckets.filter { $0.hour > h - windowHours && $0.hour <= h }
        let previous = buckets.filter { $0.hour > h - 2 * windowHours && $0.hour <= h - windowHours }
        var wt = Totals()
        for b in current { wt.add(b.totals) }
        func merge(_ pick: (Bucket) -> Table, _ bs: [Bucket]) -> [String: Int] {
            var out: [String: Int] = [:]
            for b in bs { for (k, v) in pick(b).counts { out[k, default: 0] += v } }
            return out
        }
        func ranked(_ m: [String: Int]) -> [(String, Int)] {
            m.sorted { $0.value != $1.value ? $0.value > $1.value : $0.key < $1.key }
        }
        let kw = merge(\.keywords, current)
        let kwPrev = merge(\.keywords, previous)
        var prevArticles = 0
        for b in previous { prevArticles += b.totals.articles }
        let keywords = ranked(kw).prefix(Self.topKeywords).map { term, n -> SummaryDocument.Keyword in
            let score = wt.articles > 0 ? Double(n) / Double(wt.articles) : 0
            let before = kwPrev[term] ?? 0
            let trend: String
            if before == 0 {
                trend = "new"
            } else {
                let prevShare = Double(before) / Double(max(prevArticles, 1))
                trend = score >= prevShare * 1.25 ? "rising" : score <= prevShare * 0.8 ? "falling" : "steady"
            }
            return .init(term: term, articles: n, score: (score * 10000).rounded() / 10000, trend: trend, previous: before)
        }
        let cut = current.reduce(0) { $0 + max($1.keywords.cut, $1.authors.cut, $1.papers.cut, $1.dates.cut) }
        return SummaryDocument(
            generatedAt: RFC3339.format(epochSeconds: now),
            window: .init(hours: windowHours, from: RFC3339.format(epochSeconds: Double((h - windowHours + 1) * 3600)),
                          to: RFC3339.format(epochSeconds: now)),
            totals: totals, windowTotals: wt,
            papers: ranked(merge(\.papers, current)).map { .init(name: $0.0, articles: $0.1) },
            dates: merge(\.dates, current).sorted { $0.key > $1.key }.map { .init(date: $0.key, articles: $0.value) },
            keywords: Array(keywords),
            authors: ranked(merge(\.authors, current)).prefix(Self.topAuthors).map { .init(name: $0.0, articles: $0.1) },
            recent: recent.sorted { $0.at != $1.at ? $0.at > $1.at : $0.id > $1.id }.prefix(Self.recentLimit)
                .map { .init(id: $0.id, title: $0.title, paper: $0.paper, date: $0.date, summary: $0.summary) },
            errorBound: cut,
            since: RFC3339.format(epochSeconds: createdAt))
    }
}
