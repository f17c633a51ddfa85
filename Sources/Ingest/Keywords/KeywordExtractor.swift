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

    /// `simplifying`: the text is in traditional characters; words are looked up by their
    /// simplified forms (the dictionary's) and reported as printed.
    public func keywords(_ paragraphs: [String], limit: Int = 10, simplifying: Bool = false) -> [Term] {
        var units = [UInt16]()
        for p in paragraphs { p.appendUTF16(to: &units); units.append(0x0A) }
        // the units the dictionary walk reads; `units` keeps the printed text
        var lookup = units
        if simplifying {
            HanVariants.table.withUnsafeBufferPointer { table in
                for i in lookup.indices { lookup[i] = HanVariants.simplified(lookup[i], table) }
            }
        }
        var tokens: [WordSegmenter.Token] = []
        tokens.reserveCapacity(units.count / 2)
        WordSegmenter.segmentRuns(lexicon, lookup, unit: WordSegmenter.isWordUnit, into: &tokens)

        // counts keyed by lexicon node, or by text for tokens the lexicon lacks
        struct Entry { var count: Double; var first: Int; var start: Int; var end: Int; var node: Lexicon.Node }
        var byNode = NodeIndex(capacity: tokens.count)
        var byText: [String: Int] = [:]
        var entries: [Entry] = []
        entries.reserveCapacity(tokens.count / 2)
        for t in tokens where t.end - t.start >= 2 {
            if t.node != Lexicon.none {
                if stopNodes.contains(t.node) { continue }
                if let k = byNode[t.node] { entries[k].count += 1; continue }
                if isNumeric(units[t.start..<t.end]) { continue }
                byNode.insert(t.node, entries.count)
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
        // the top `limit` by weight, earlier first on ties: a small insertion-sorted list
        // (most entries fall below its last one at once), not a sort of every entry
        func ahead(_ a: (Entry, Double), _ b: (Entry, Double)) -> Bool { a.1 != b.1 ? a.1 > b.1 : a.0.first < b.0.first }
        var top: [(Entry, Double)] = []
        top.reserveCapacity(limit + 1)
        lexicon.withView { view in
            for e in entries {
                let idf = e.node != Lexicon.none ? view.idf(e.node).map(Double.init) ?? median : median
                let item = (e, e.count * idf / total)
                if top.count == limit, let worst = top.last, !ahead(item, worst) { continue }
                var k = top.count
                while k > 0, ahead(item, top[k - 1]) { k -= 1 }
                top.insert(item, at: k)
                if top.count > limit { top.removeLast() }
            }
        }
        return top.map { e, w in
            Term(term: String(decoding: units[e.start..<e.end], as: UTF16.self), weight: w)
        }
    }

    /// `2020`, `1.5`, `30%`, `-3`: numbers are facts, not topics.
    private func isNumeric(_ u: ArraySlice<UInt16>) -> Bool {
        u.allSatisfy { (0x30...0x39).contains($0) || $0 == 0x2E || $0 == 0x25 || $0 == 0x2D || $0 == 0x2B || $0 == 0x5F }
    }
}

/// Entry index by lexicon node: open addressing over two arrays, with a multiplicative
/// hash (a `Dictionary` of `Int32` pays for SipHash on every token of every article).
struct NodeIndex {
    private var keys: [Lexicon.Node]
    private var values: [Int32]
    private let mask: Int
    private let shift: UInt32

    init(capacity: Int) {
        var bits = 4
        while (1 << bits) < capacity * 2 { bits += 1 }
        keys = [Lexicon.Node](repeating: Lexicon.none, count: 1 << bits)
        values = [Int32](repeating: 0, count: 1 << bits)
        mask = (1 << bits) - 1
        shift = UInt32(32 - bits)
    }

    /// Fibonacci hashing: the high bits of the product.
    @inline(__always)
    private func slot(_ node: Lexicon.Node) -> Int { Int((UInt32(bitPattern: node) &* 0x9E37_79B1) >> shift) }

    subscript(node: Lexicon.Node) -> Int? {
        var i = slot(node)
        while true {
            let k = keys[i]
            if k == node { return Int(values[i]) }
            if k == Lexicon.none { return nil }
            i = (i + 1) & mask
        }
    }

    /// Inserts a node not yet present (the table never fills: it has twice the slots of tokens).
    mutating func insert(_ node: Lexicon.Node, _ value: Int) {
        var i = slot(node)
        while keys[i] != Lexicon.none { i = (i + 1) & mask }
        keys[i] = node
        values[i] = Int32(value)
    }
}
