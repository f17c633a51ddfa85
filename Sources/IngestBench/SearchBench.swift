import Foundation
import Ingest
import IngestDaemon

/// `ingest-bench --search N`: N generated articles (the seed pages' real text, recombined:
/// titles, paragraphs, papers and dates varied) written as records/, indexed from scratch,
/// then queried. Prints the index build rate, its size against the records, query latency
/// (p50/p95) for one-word, two-word and filtered queries, and what indexing costs against
/// parsing the pages those records come from. Figures, not assertions.
enum SearchBench {
    static func run(_ ingestor: Ingestor, lexicon: Lexicon, pages: [[UInt8]], articles: Int) throws {
        var base: [ArticleRecord] = []
        var parseSeconds = 0.0
        for (i, p) in pages.enumerated() {
            let t = Date()
            let r = try ingestor.ingest(p, path: "seed\(i).txt", ingestedAt: 1_795_000_000)
            parseSeconds += Date().timeIntervalSince(t)
            base += r.records
        }
        let perRecordParse = parseSeconds / Double(max(base.count, 1))
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("ingest-bench-search-\(getpid())")
        let records = dir.appendingPathComponent("records")
        try? FileManager.default.removeItem(at: dir)
        try FileManager.default.createDirectory(at: records, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }

        let papers = ["海南日报", "新华每日电讯", "人民日报", "滁州日报", "光明日报", "经济日报", "学习时报", "联合报"]
        var keywords: [String] = []
        var bytes = 0
        var out: [String: [UInt8]] = [:]
        let m = base.count
        for k in 0..<articles {
            var r = base[k % m]
            r.id = String(format: "bench%010d-0", k)
            r.title = base[(k * 7 + 3) % m].title + " \(k % 997)"
            r.paragraphs = base[(k * 13 + 5) % m].paragraphs + base[(k * 31 + 11) % m].paragraphs.prefix(2)
            r.paper = papers[k % papers.count]
            let day = 1 + k % 365
            r.date = String(format: "2025-%02d-%02d", 1 + (day / 31) % 12, 1 + day % 28)
            keywords += r.keywords.prefix(2)
            let line = RecordJSON.line(r)
            bytes += line.count
            out[String(format: "2026-%02d.jsonl", 1 + k % 12), default: []] += line
        }
        for (name, data) in out { _ = FileManager.default.createFile(atPath: records.appendingPathComponent(name).path, contents: Data(data)) }
        let indexPath = dir.appendingPathComponent("index.sqlite").path
        let index = try SearchIndex(path: indexPath, recordsDir: records.path, segmenter: SearchSegmenter(lexicon: lexicon), cacheMiB: 64)
        let started = Date()
        let n = try index.rebuild()
        let took = Date().timeIntervalSince(started)
        let indexBytes = ["", "-wal", "-shm"].reduce(0) { total, suffix in
            let size = (try? FileManager.default.attributesOfItem(atPath: indexPath + suffix))?[.size] as? Int
            return total + (size ?? 0)
        }
        print("ingest-bench --search: \(n) articles, records \(mb(bytes)) MB; built from scratch in \(String(format: "%.1f", took)) s:",
              String(format: "%.0f articles/s, %.1f MB/s of records", Double(n) / took, Double(bytes) / 1e6 / took))
        print(String(format: "index %@ MB = %.2f× the records", mb(indexBytes), Double(indexBytes) / Double(bytes)))
        // where the time goes: decoding the lines and segmenting the text, measured apart
        var decodeSeconds = 0.0, segmentSeconds = 0.0
        let seg = SearchSegmenter(lexicon: lexicon)
        for (_, data) in out {
            var t = Date()
            let decoded = data.split(separator: 0x0A).compactMap { try? JSONDecoder().decode(ArticleRecord.self, from: Data($0)) }
            decodeSeconds += Date().timeIntervalSince(t)
            t = Date()
            for r in decoded { _ = seg.segment(r.title, forIndex: true); _ = seg.segment(r.paragraphs.joined(separator: "\n"), forIndex: true) }
            segmentSeconds += Date().timeIntervalSince(t)
        }
        print(String(format: "of the build: decoding the JSON lines %.1f s, segmenting the text %.1f s, SQLite the rest (%.1f s)",
                     decodeSeconds, segmentSeconds, took - decodeSeconds - segmentSeconds))
        let perRecordIndex = took / Double(n)
        print(String(format: "cost: indexing a record takes %.2f ms, parsing its share of a page %.2f ms (one core): indexing adds %.0f%% to the work per page",
                     perRecordIndex * 1e3, perRecordParse * 1e3, 100 * perRecordIndex / perRecordParse))

        var rng = SystemRandomNumberGenerator()
        let words = Array(Set(keywords.filter { $0.count >= 2 }))
        func timed(_ name: String, _ make: () -> (String, SearchIndex.Filters)) throws {
            var ms: [Double] = []
            var found = 0
            for _ in 0..<300 {
                let (q, f) = make()
                let t = Date()
                let hits = try index.search(q, f)
                ms.append(Date().timeIntervalSince(t) * 1e3)
                if !hits.isEmpty { found += 1 }
            }
            ms.sort()
            print(String(format: "%-40@ p50 %6.1f ms   p95 %6.1f ms   (%d of 300 found something; 20 results each)",
                         name as NSString, ms[ms.count / 2], ms[ms.count * 95 / 100], found))
        }
        var plain = SearchIndex.Filters()
        plain.limit = 20
        try timed("one word") { (words.randomElement(using: &rng)!, plain) }
        try timed("two words") { (words.randomElement(using: &rng)! + " " + words.randomElement(using: &rng)!, plain) }
        try timed("one word, --paper and --since") {
            var f = plain
            f.paper = papers.randomElement(using: &rng)!
            f.since = "2025-06-01"
            return (words.randomElement(using: &rng)!, f)
        }
    }

    static func mb(_ b: Int) -> String { String(format: "%.1f", Double(b) / 1e6) }
}
