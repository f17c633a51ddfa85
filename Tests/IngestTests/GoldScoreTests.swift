import Foundation
import Testing
@testable import Ingest

/// The parser over the seed pages, scored the way `../shared/eval/score.py` scores records
/// against the gold annotation (a port of its rules: NFKC, white space removed, greedy
/// matching by title or body start).
@Suite struct GoldScoreTests {
    static func norm(_ s: String?) -> String? {
        s.map { $0.precomposedStringWithCompatibilityMapping.filter { !$0.isWhitespace } }
    }

    struct Score {
        var gold = 0, pred = 0, matched = 0
        var title = 0, body = 0, subtitle = 0, authors = 0, note = 0, kind = 0
        var metaOK = 0, metaN = 0, joinsOK = 0, joinsN = 0, noiseOK = 0, noiseN = 0
        var misses: [String] = []

        func ratio(_ x: Int, _ n: Int) -> Double { n == 0 ? 1 : Double(x) / Double(n) }
        var f1: Double {
            let p = ratio(matched, pred), r = ratio(matched, gold)
            return p + r == 0 ? 0 : 2 * p * r / (p + r)
        }
    }

    static func similarity(_ a: String, _ b: String) -> Double {
        // difflib's ratio is 2·M/T; the longest-common-subsequence length stands in for M
        let x = Array(a), y = Array(b)
        guard !x.isEmpty, !y.isEmpty else { return 0 }
        var prev = [Int](repeating: 0, count: y.count + 1)
        for i in 1...x.count {
            var cur = [Int](repeating: 0, count: y.count + 1)
            for j in 1...y.count { cur[j] = x[i - 1] == y[j - 1] ? prev[j - 1] + 1 : max(prev[j], cur[j - 1]) }
            prev = cur
        }
        return 2 * Double(prev[y.count]) / Double(x.count + y.count)
    }

    static func score() -> Score {
        var t = Score()
        for name in Fixtures.seedNames {
            let g = Fixtures.gold(name)
            let ga = g["articles"] as! [[String: Any]]
            let pred = Fixtures.records(name)
            t.gold += ga.count
            t.pred += pred.count
            let bodies = pred.map { norm($0.paragraphs.joined())! }
            var cands: [(Double, Int, Int)] = []
            for (gi, a) in ga.enumerated() {
                let gt = norm(a["title"] as? String) ?? ""
                let gf = norm(a["first"] as? String) ?? ""
                for (pi, p) in pred.enumerated() {
                    let pt = norm(p.title)!
                    var r = gt == pt ? 1 : similarity(gt, pt)
                    if !gf.isEmpty, bodies[pi].hasPrefix(gf) { r = max(r, 0.9) }
                    if r >= 0.8 { cands.append((r, gi, pi)) }
                }
            }
            cands.sort { $0 > $1 }
            var gUsed = Set<Int>(), pUsed = Set<Int>()
            for (_, gi, pi) in cands where !gUsed.contains(gi) && !pUsed.contains(pi) {
                gUsed.insert(gi); pUsed.insert(pi)
                t.matched += 1
                let a = ga[gi], p = pred[pi]
                let ok = [
                    ("title", norm(a["title"] as? String) == norm(p.title)),
                    ("body", bodies[pi].hasPrefix(norm(a["first"] as? String)!) && bodies[pi].hasSuffix(norm(a["last"] as? String)!)),
                    ("subtitle", norm(a["subtitle"] as? String) == norm(p.subtitle)),
                    ("authors", ((a["authors"] as? [String]) ?? []).map { norm($0)! }.sorted() == p.authors.map { norm($0)! }.sorted()),
                    ("note", norm(a["author_note"] as? String) == norm(p.authorNote)),
                    ("kind", (a["kind"] as? String) == p.kind.rawValue),
                ]
                for (k, v) in ok where v {
                    switch k {
                    case "title": t.title += 1
                    case "body": t.body += 1
                    case "subtitle": t.subtitle += 1
                    case "authors": t.authors += 1
                    case "note": t.note += 1
                    default: t.kind += 1
                    }
                }
                for (k, v) in ok where !v { t.misses.append("\(name) \(k): \(a["title"] ?? "")") }
            }
            for field in ["paper", "date", "edition", "section"] {
                let gv = g[field] as? String
                let pv: String? = pred.lazy.compactMap { r -> String? in
                    switch field {
                    case "paper": return r.paper
                    case "date": return r.date
                    case "edition": return r.edition
                    default: return r.section
                    }
                }.first
                if gv == nil && pv == nil { continue }
                t.metaN += 1
                if let gv, let pv, norm(gv) == norm(pv) { t.metaOK += 1 } else { t.misses.append("\(name) meta \(field)") }
            }
            let paras = pred.flatMap { $0.paragraphs.map { norm($0)! } }
            for pair in (g["joins"] as? [[String]]) ?? [] {
                t.joinsN += 1
                let want = norm(pair[0])! + norm(pair[1])!
                if paras.contains(where: { $0.contains(want) }) { t.joinsOK += 1 } else { t.misses.append("\(name) join \(pair)") }
            }
            for line in (g["noise"] as? [String]) ?? [] {
                let nl = norm(line)!
                guard !nl.isEmpty else { continue }
                t.noiseN += 1
                if !paras.contains(nl), !(nl.count >= 8 && bodies.contains { $0.contains(nl) }) { t.noiseOK += 1 } else { t.misses.append("\(name) noise \(line)") }
            }
        }
        return t
    }

    @Test func seedPagesReachTheGoldTargets() {
        let t = Self.score()
        let m = t.matched
        let figures: [(String, Double, Double)] = [
            ("articles", t.f1, 0.95), ("title", t.ratio(t.title, m), 0.95), ("body", t.ratio(t.body, m), 0.9),
            ("authors", t.ratio(t.authors, m), 0.9), ("subtitle", t.ratio(t.subtitle, m), 0.9), ("kind", t.ratio(t.kind, m), 0.9),
            ("joins", t.ratio(t.joinsOK, t.joinsN), 0.9), ("noise", t.ratio(t.noiseOK, t.noiseN), 0.95), ("meta", t.ratio(t.metaOK, t.metaN), 1.0),
        ]
        for (name, value, minimum) in figures {
            #expect(value >= minimum, "\(name) = \(value) < \(minimum); misses: \(t.misses)")
        }
        #expect(t.gold == 19)
        #expect(t.matched == 19)
    }
}
