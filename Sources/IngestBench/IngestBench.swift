// Parsing throughput of the pure pipeline (decode → page → articles → keywords →
// summaries → records → JSON), on one core and on N workers. Prints medians; asserts
// nothing: machines here are shared and noisy, so targets are read, not tested.
//
//   swift run -c release ingest-bench [--seconds S] [--runs R] [--workers N] [SEEDS_DIR]
import Foundation
import Ingest

@main
struct IngestBench {
    let pages: [[UInt8]]
    let ingestor: Ingestor
    let seconds: Double
    /// `full`: bytes → records → JSON; `parse`: bytes → decoded page → articles only.
    let parseOnly: Bool

    static func main() async throws {
        var args = Array(CommandLine.arguments.dropFirst())
        if args.contains("--help") || args.contains("-h") {
            print("usage: ingest-bench [--seconds S] [--runs R] [--workers N] [--parse-only] [SEEDS_DIR]")
            print("       ingest-bench --shapes [--shape NAME] [--sizes 1,4,16] [--runs R]   (adversarial page shapes, MiB; median of R parses)")
            print("       ingest-bench --search N [SEEDS_DIR]   (the search index: N generated articles, build rate, size, query latency)")
            print("Prints parsing throughput (MB/s, pages/s, articles/s), medians of R runs; asserts nothing.")
            return
        }
        func option(_ name: String, _ fallback: Double) -> Double {
            guard let i = args.firstIndex(of: name), i + 1 < args.count, let v = Double(args[i + 1]) else { return fallback }
            args.removeSubrange(i...(i + 1))
            return v
        }
        let seconds = option("--seconds", 3)
        let runsGiven = args.contains("--runs")
        let runs = Int(option("--runs", 5))
        let workers = Int(option("--workers", Double(ProcessInfo.processInfo.activeProcessorCount)))
        var parseOnly = false
        if let i = args.firstIndex(of: "--parse-only") { parseOnly = true; args.remove(at: i) }
        var shapes = false
        if let i = args.firstIndex(of: "--shapes") { shapes = true; args.remove(at: i) }
        var only: String?
        if let i = args.firstIndex(of: "--shape"), i + 1 < args.count { only = args[i + 1]; shapes = true; args.removeSubrange(i...(i + 1)) }
        var sizes = [1 << 20, 4 << 20, 16 << 20]
        if let i = args.firstIndex(of: "--sizes"), i + 1 < args.count {
            sizes = args[i + 1].split(separator: ",").compactMap { Int($0) }.map { $0 << 20 }
            args.removeSubrange(i...(i + 1))
        }
        var searchArticles: Int?
        if let i = args.firstIndex(of: "--search"), i + 1 < args.count { searchArticles = Int(args[i + 1]); args.removeSubrange(i...(i + 1)) }
        let seedsDir = args.first ?? "seeds"
        let lexiconDir = ProcessInfo.processInfo.environment["INGESTD_LEXICON_DIR"] ?? "/usr/lib/python3/dist-packages/jieba"

        let loadStart = Date()
        let lexicon = try Lexicon(dictionary: read(lexiconDir + "/dict.txt"), idf: read(lexiconDir + "/analyse/idf.txt"))
        let loadSeconds = Date().timeIntervalSince(loadStart)
        if shapes {
            // one parse per shape and size unless --runs asks for the median of several
            AdversarialPages.run(Ingestor(lexicon: lexicon), sizes: sizes, only: only, runs: runsGiven ? max(1, runs) : 1)
            return
        }
        guard let names = try? FileManager.default.contentsOfDirectory(atPath: seedsDir) else {
            FileHandle.standardError.write(Data("ingest-bench: cannot list the folder \(seedsDir)\n".utf8))
            exit(2)
        }
        let pages = names.filter { $0.hasSuffix(".txt") || $0.hasSuffix(".html") || $0.hasSuffix(".htm") }.sorted().map { read(seedsDir + "/" + $0) }
        guard !pages.isEmpty else { print("no pages in \(seedsDir)"); exit(2) }
        if let searchArticles {
            try SearchBench.run(Ingestor(lexicon: lexicon), lexicon: lexicon, pages: pages, articles: searchArticles)
            return
        }
        let bench = IngestBench(pages: pages, ingestor: Ingestor(lexicon: lexicon), seconds: seconds, parseOnly: parseOnly)

        let corpusBytes = pages.reduce(0) { $0 + $1.count }
        print("ingest-bench: \(pages.count) pages, \(corpusBytes) bytes; lexicon of \(lexicon.wordCount) words built in \(String(format: "%.2f", loadSeconds)) s")
        print("stage: \(parseOnly ? "decode + page → articles" : "full pipeline: bytes → records → JSON"); runs: \(runs) × \(seconds) s each; figures are medians")
        _ = bench.work(seconds: 0.5, offset: 0) // warm-up
        for w in Array(Set([1, workers])).sorted() {
            var mb: [Double] = [], ps: [Double] = [], ar: [Double] = []
            for _ in 0..<runs {
                let r = await bench.measure(workers: w)
                mb.append(r.mbps); ps.append(r.pagesPerSec); ar.append(r.articlesPerSec)
            }
            print(String(format: "workers=%d  %.1f MB/s (%.1f MB/s per worker)  %.0f pages/s  %.0f articles/s  [MB/s of each run: %@]",
                         w, median(mb), median(mb) / Double(w), median(ps), median(ar),
                         mb.map { String(format: "%.1f", $0) }.joined(separator: " ")))
        }
    }

    static func read(_ path: String) -> [UInt8] {
        guard let d = FileManager.default.contents(atPath: path) else {
            FileHandle.standardError.write(Data("ingest-bench: cannot read \(path)\n".utf8))
            exit(2)
        }
        return [UInt8](d)
    }

    static func median(_ xs: [Double]) -> Double {
        let s = xs.sorted()
        return s.count % 2 == 1 ? s[s.count / 2] : (s[s.count / 2 - 1] + s[s.count / 2]) / 2
    }

    /// Ingests pages round-robin for `seconds` and encodes every record; returns (bytes, pages, articles).
    func work(seconds: Double, offset: Int) -> (Int, Int, Int) {
        let end = Date().addingTimeInterval(seconds)
        var bytes = 0, n = 0, articles = 0, i = offset
        while Date() < end {
            let page = pages[i % pages.count]
            i += 1
            if parseOnly {
                guard let text = try? TextDecoding.decode(page), let parsed = try? ingestor.page(text) else { continue }
                bytes += page.count
                n += 1
                articles += parsed.articles.count
                continue
            }
            guard let r = try? ingestor.ingest(page, path: "bench.txt", ingestedAt: 0) else { continue }
            for rec in r.records { _ = RecordJSON.line(rec) }
            bytes += page.count
            n += 1
            articles += r.records.count
        }
        return (bytes, n, articles)
    }

    func measure(workers: Int) async -> (mbps: Double, pagesPerSec: Double, articlesPerSec: Double) {
        let start = Date()
        let totals = await withTaskGroup(of: (Int, Int, Int).self) { group in
            for w in 0..<workers { group.addTask { self.work(seconds: self.seconds, offset: w) } }
            var t = (0, 0, 0)
            for await r in group { t = (t.0 + r.0, t.1 + r.1, t.2 + r.2) }
            return t
        }
        let elapsed = Date().timeIntervalSince(start)
        return (Double(totals.0) / elapsed / 1_048_576, Double(totals.1) / elapsed, Double(totals.2) / elapsed)
    }
}
