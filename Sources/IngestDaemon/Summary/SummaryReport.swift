import Foundation
import Ingest

/// `summary.json` encoding, and the report `ingestd summary` prints.
package enum SummaryReport {
    static func encode(_ d: SummaryDocument) throws -> [UInt8] {
        let e = JSONEncoder()
        e.outputFormatting = [.prettyPrinted, .withoutEscapingSlashes, .sortedKeys]
        return Array(try e.encode(d)) + [0x0A]
    }

    static func arrow(_ trend: String) -> String {
        switch trend {
        case "rising": return "↑"
        case "falling": return "↓"
        case "new": return "★"
        default: return "→"
        }
    }

    static func clip(_ s: String, _ n: Int) -> String { s.count > n ? String(s.prefix(n)) + "…" : s }

    package static func render(_ d: SummaryDocument) -> String {
        var out: [String] = []
        let t = d.totals, w = d.windowTotals
        out.append("ingestd summary — generated \(d.generatedAt)")
        out.append("total since \(d.since): \(t.files) file(s), \(t.articles) article(s), \(t.chars) characters, \(t.duplicates) duplicate(s), \(t.failed) failed")
        out.append("last \(d.window.hours) h: \(w.files) file(s), \(w.articles) article(s), \(w.chars) characters, \(w.duplicates) duplicate(s), \(w.failed) failed")
        if !d.keywords.isEmpty {
            out.append("")
            out.append("top keywords (articles, share; ↑ rising ↓ falling ★ new → steady):")
            let cells = d.keywords.prefix(15).map { "\(arrow($0.trend)) \($0.term) \($0.articles)" }
            stride(from: 0, to: cells.count, by: 5).forEach { out.append("  " + cells[$0..<min($0 + 5, cells.count)].joined(separator: "   ")) }
        }
        if !d.papers.isEmpty { out.append(""); out.append("papers: " + d.papers.map { "\($0.name) (\($0.articles))" }.joined(separator: ", ")) }
        if !d.dates.isEmpty { out.append("dates: " + d.dates.prefix(10).map { "\($0.date) (\($0.articles))" }.joined(separator: ", ")) }
        if !d.authors.isEmpty { out.append("authors: " + d.authors.prefix(10).map { "\($0.name) (\($0.articles))" }.joined(separator: ", ")) }
        if !d.recent.isEmpty {
            out.append("")
            out.append("latest headlines:")
            for r in d.recent.prefix(10) {
                let meta = [r.paper, r.date].compactMap { $0 }.joined(separator: " ")
                out.append("  • \(clip(r.title, 60))\(meta.isEmpty ? "" : "  [\(meta)]")")
                // a caption's title is its first sentence: do not print it twice
                if !r.summary.isEmpty, !r.summary.hasPrefix(r.title) { out.append("    \(clip(r.summary, 70))") }
            }
        }
        return out.joined(separator: "\n")
    }
}
