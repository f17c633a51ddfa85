/// TF-IDF keywords over dictionary segmentation: term frequency in the article times the
/// published IDF (the median IDF for words the table lacks), as jieba's `extract_tags` does.
/// Terms shorter than two characters, function words and bare numbers are left out: a
/// reader would not accept them as keywords.
public struct KeywordExtractor: Sendable {
    public struct Term: Sendable, Equatable {
        public var term: String
        public var weight: Double
    }

    public let lexicon: Lexicon
    private let stopNodes: Set<Lexicon.Node>

    public init(lexicon: Lexicon) {
        self.lexicon = lexicon
        var stops = Set<Lexicon.Node>()
        for w in StopWords.list {
            let n = lexicon.lookup(Array(w.utf16))
            if n != Lexicon.none { stops.insert(n) }
        }
        stopNodes = stops
    }

    public func keywords(_ paragraphs: [String], limit: Int = 10) -> [Term] {
        var units = [UInt16]()
        for p in paragraphs { units.append(contentsOf: p.utf16); units.append(0x0A) }
        var tokens: [WordSegmenter.Token] = []
        tokens.reserveCapacity(units.count / 2)
        var scratch = WordSegmenter.Scratch()
        let logTotal = lexicon.logTotal
        lexicon.withView { view in
            units.withUnsafeBufferPointer { buf in
                var i = 0
                while i < buf.count {
                    guard WordSegmenter.isWordUnit(buf[i]) else { i += 1; continue }
                    var j = i + 1
                    while j < buf.count, WordSegmenter.isWordUnit(buf[j]) { j += 1 }
                    WordSegmenter.segment(view, logTotal: logTotal, buf, i..<j, into: &tokens, scratch: &scratch)
                    i = j
                }
            }
        }

        // counts keyed by lexicon node, or by text for tokens the lexicon lacks
        struct Entry { var count: Double; var first: Int; var start: Int; var end: Int; var node: Lexicon.Node }
        var byNode: [Lexicon.Node: Int] = [:]
        var byText: [String: Int] = [:]
        var entries: [Entry] = []
        for t in tokens where t.end - t.start >= 2 {
            if t.node != Lexicon.none {
                if stopNodes.contains(t.node) { continue }
                if let k = byNode[t.node] { entries[k].count += 1; continue }
                if isNumeric(units[t.start..<t.end]) { continue }
                byNode[t.node] = entries.count
            } else {
                if isNumeric(units[t.start..<t.end]) { continue }
                let text = String(decoding: units[t.start..<t.end], as: UTF16.self)
                if let k = byText[text] { entries[k].count += 1; continue }
                byText[text] = entries.count
            }
            entries.append(Entry(count: 1, first: entries.count, start: t.start, end: t.end, node: t.node))
        }
        let total = entries.reduce(0) { $0 + $1.count }
        guard total > 0 else { return [] }
        let median = Double(lexicon.medianIDF)
        var scored = lexicon.withView { view in
            entries.map { e -> (Entry, Double) in
                let idf = e.node != Lexicon.none ? view.idf(e.node).map(Double.init) ?? median : median
                return (e, e.count * idf / total)
            }
        }
        scored.sort { $0.1 != $1.1 ? $0.1 > $1.1 : $0.0.first < $1.0.first }
        return scored.prefix(limit).map { e, w in
            Term(term: String(decoding: units[e.start..<e.end], as: UTF16.self), weight: w)
        }
    }

    /// `2020`, `1.5`, `30%`, `-3`: numbers are facts, not topics.
    private func isNumeric(_ u: ArraySlice<UInt16>) -> Bool {
        u.allSatisfy { (0x30...0x39).contains($0) || $0 == 0x2E || $0 == 0x25 || $0 == 0x2D || $0 == 0x2B || $0 == 0x5F }
    }
}
