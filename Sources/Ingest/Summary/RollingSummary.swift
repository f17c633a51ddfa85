/// What has been coming in, over a rolling window and in total, in bounded memory.
///
/// Counts live in per-hour buckets: an article leaves the window when its hour does, with
/// no rescan of the records. Buckets are kept for two windows (the previous one gives the
/// keyword trends); older ones are folded into nothing but the all-time totals.
///
/// Bound: each bucket keeps at most `2 × keep` entries per table (keywords, authors,
/// papers, dates); when a table reaches that it is cut back to its `keep` largest, and the
/// largest count removed is added to the table's `cut`. A term loses at most the count it
/// had each time it was cut, and that is never more than the largest count removed then,
/// so every count in the window is a lower bound, low by at most the sum of the `cut`s
/// of the window's buckets (`error_bound` in the document). Only the tail is ever cut:
/// terms that stay in the top `keep` of their hour — every term of a top-30 in practice —
/// are exact. Memory: buckets × tables × 2 × keep entries at most (48 × 4 × 400 by
/// default, well under a megabyte), whatever the volume.
public struct RollingSummary: Codable, Sendable, Equatable {
    public struct Totals: Codable, Sendable, Equatable {
        public var files = 0
        public var articles = 0
        public var chars = 0
        public var duplicates = 0
        public var failed = 0

        mutating func add(_ o: Totals) {
            files += o.files; articles += o.articles; chars += o.chars; duplicates += o.duplicates; failed += o.failed
        }
    }

    /// Counts with pruning of the long tail.
    public struct Table: Codable, Sendable, Equatable {
        public var counts: [String: Int] = [:]
        /// Sum, over prunings, of the largest count each removed: the most any count is low by.
        public var cut = 0

        mutating func add(_ key: String, keep: Int) {
            counts[key, default: 0] += 1
            if counts.count >= 2 * keep { prune(keep: keep) }
        }

        mutating func prune(keep: Int) {
            let sorted = counts.sorted { $0.value != $1.value ? $0.value > $1.value : $0.key < $1.key }
            cut += sorted.dropFirst(keep).first?.value ?? 0
            counts = Dictionary(uniqueKeysWithValues: sorted.prefix(keep).map { ($0.key, $0.value) })
        }
    }

    public struct Bucket: Codable, Sendable, Equatable {
        public var hour: Int
        public var totals = Totals()
        public var keywords = Table()
        public var papers = Table()
        public var dates = Table()
        public var authors = Table()
    }

    public struct Recent: Codable, Sendable, Equatable {
        public var id: String
        public var title: String
        public var paper: String?
        public var date: String?
        public var summary: String
        public var at: Double
    }

    public var windowHours: Int
    public var keep: Int
    public var createdAt: Double
    public var totals = Totals()
    public var buckets: [Bucket] = []
    public var recent: [Recent] = []
    public static let recentLimit = 20

    public init(windowHours: Int = 24, keep: Int = 200, createdAt: Double) {
        self.windowHours = max(1, windowHours)
        self.keep = max(10, keep)
        self.createdAt = createdAt
    }

    static func hour(_ t: Double) -> Int { Int((t / 3600).rounded(.down)) }

    private mutating func bucket(at t: Double) -> Int {
        let h = Self.hour(t)
        if let i = buckets.lastIndex(where: { $0.hour == h }) { return i }
        buckets.append(Bucket(hour: h))
        buckets.sort { $0.hour < $1.hour }
        // keep two windows: the current one and the one before it, for trends
        let oldest = h - 2 * windowHours + 1
        buckets.removeAll { $0.hour < oldest }
        return buckets.firstIndex { $0.hour == h }!
    }

    /// One file whose records were committed.
    public mutating func addFile(_ records: [ArticleRecord], at t: Double) {
        let b = bucket(at: t)
        buckets[b].totals.files += 1
        totals.files += 1
        for r in records {
            buckets[b].totals.articles += 1
            buckets[b].totals.chars += r.chars
            totals.articles += 1
            totals.chars += r.chars
            for k in Set(r.keywords) { buckets[b].keywords.add(k, keep: keep) }
            if let p = r.paper { buckets[b].papers.add(p, keep: keep) }
            if let d = r.date { buckets[b].dates.add(d, keep: keep) }
            for a in Set(r.authors) { buckets[b].authors.add(a, keep: keep) }
            recent.append(Recent(id: r.id, title: r.title, paper: r.paper, date: r.date, summary: r.summary, at: t))
        }
        if recent.count > Self.recentLimit {
            recent.sort { $0.at != $1.at ? $0.at > $1.at : $0.id > $1.id }
            recent.removeLast(recent.count - Self.recentLimit)
        }
    }

    /// Recomputes the article side of a summary from record lines (`records/*.jsonl`), as
    /// the daemon would have built it; duplicates and failures leave no records, so they
    /// are taken from `counts` (the persisted summary) when given.
    public static func rebuild(from records: [ArticleRecord], windowHours: Int, keep: Int = 200, createdAt: Double,
                               duplicatesAndFailures counts: RollingSummary? = nil) -> RollingSummary {
        var s = RollingSummary(windowHours: windowHours, keep: keep, createdAt: createdAt)
        var files: [String: [ArticleRecord]] = [:]
        var order: [String] = []
        for r in records {
            if files[r.source.sha256] == nil { order.append(r.source.sha256) }
            files[r.source.sha256, default: []].append(r)
        }
        let dated = order.map { sha -> (Double, [ArticleRecord]) in
            let recs = files[sha]!.sorted { $0.source.index < $1.source.index }
            return (RFC3339.parse(recs[0].ingestedAt) ?? createdAt, recs)
        }.sorted { $0.0 < $1.0 }
        for (t, recs) in dated { s.addFile(recs, at: t) }
        if let counts {
            s.totals.duplicates = counts.totals.duplicates
            s.totals.failed = counts.totals.failed
            for b in counts.buckets where b.totals.duplicates + b.totals.failed > 0 {
                let i = s.bucket(at: Double(b.hour * 3600))
                s.buckets[i].totals.duplicates = b.totals.duplicates
                s.buckets[i].totals.failed = b.totals.failed
            }
        }
        return s
    }

    public mutating func addDuplicate(at t: Double) {
        buckets[bucket(at: t)].totals.duplicates += 1
        totals.duplicates += 1
    }

    public mutating func addFailure(at t: Double) {
        buckets[bucket(at: t)].totals.failed += 1
        totals.failed += 1
    }
}
