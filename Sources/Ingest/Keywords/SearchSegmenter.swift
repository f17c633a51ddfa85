/// Text as a full-text index stores it: the words the keyword extractor's segmentation finds
/// (dictionary DAG, maximum probability), separated by spaces. Chinese has no spaces, so an
/// index of raw text would hold one token per run; split this way, a query for 碳捕集 is
/// its words near each other, not every 碳. Han characters are written in simplified forms
/// (a query in either script finds both) and ASCII letters in lower case.
///
/// Segmentation depends on context (全国五一劳动奖 → 五一劳动 奖, while 劳动奖 alone →
/// 劳动 奖), so `forIndex` also writes, after a word of three or more characters, the
/// dictionary words of two and three characters inside it (jieba's search mode): a query
/// for 劳动奖 then finds 五一劳动奖.
public struct SearchSegmenter: Sendable {
    public let lexicon: Lexicon

    public init(lexicon: Lexicon) {
        self.lexicon = lexicon
    }

    /// The words of `text`, space-separated; everything that is not word material (Han,
    /// ASCII letters and digits) separates words and is left out.
    public func segment(_ text: String, forIndex: Bool = false) -> String {
        var out = [UInt16]()
        words(text) { units, t in
            if !out.isEmpty { out.append(0x20) }
            out.append(contentsOf: units[t.start..<t.end])
            if forIndex { innerWords(units, t) { out.append(0x20); out.append(contentsOf: $0) } }
        }
        return String(decoding: out, as: UTF16.self)
    }

    /// The words in order, and apart from them the inner words of long words: a phrase
    /// query then finds its words next to each other, and a query for an inner word finds
    /// the long word (PostgreSQL's tsvector keeps positions, FTS5's NEAR does not need to).
    public func wordsAndInnerWords(_ text: String) -> (words: String, inner: String) {
        var words = [UInt16](), inner = [UInt16]()
        self.words(text) { units, t in
            if !words.isEmpty { words.append(0x20) }
            words.append(contentsOf: units[t.start..<t.end])
            innerWords(units, t) { if !inner.isEmpty { inner.append(0x20) }; inner.append(contentsOf: $0) }
        }
        return (String(decoding: words, as: UTF16.self), String(decoding: inner, as: UTF16.self))
    }

    /// Segments `text` (simplified, lower case) and hands each word to `body`.
    private func words(_ text: String, _ body: ([UInt16], WordSegmenter.Token) -> Void) {
        var units = [UInt16]()
        text.appendUTF16(to: &units)
        HanVariants.table.withUnsafeBufferPointer { table in
            for i in units.indices {
                let u = units[i]
                if (0x41...0x5A).contains(u) { units[i] = u + 0x20 } else { units[i] = HanVariants.simplified(u, table) }
            }
        }
        var tokens: [WordSegmenter.Token] = []
        tokens.reserveCapacity(units.count / 2)
        WordSegmenter.segmentRuns(lexicon, units, unit: Self.isIndexed, into: &tokens)
        for t in tokens { body(units, t) }
    }

    /// The dictionary words of two and three characters inside a Han word of three or more.
    private func innerWords(_ units: [UInt16], _ t: WordSegmenter.Token, _ emit: (ArraySlice<UInt16>) -> Void) {
        let n = t.end - t.start
        guard n >= 3, units[t.start] >= 0x4E00 else { return }
        for width in 2...min(3, n - 1) {
            for i in t.start...(t.end - width) where lexicon.contains(units[i..<(i + width)]) {
                emit(units[i..<(i + width)])
            }
        }
    }

    /// Han and ASCII letters/digits: what an index tokenizer keeps (the keyword extractor's
    /// `+#&._%-` are separators here, as they are for SQLite's unicode61 tokenizer).
    @inline(__always)
    static func isIndexed(_ u: UInt16) -> Bool {
        (0x4E00...0x9FD5).contains(u) || WordSegmenter.isASCIIAlnum(u)
    }
}
