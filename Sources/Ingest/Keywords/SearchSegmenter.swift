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
        var out = [UInt16]()
        out.reserveCapacity(units.count + tokens.count)
        for (k, t) in tokens.enumerated() {
            if k > 0 { out.append(0x20) }
            out.append(contentsOf: units[t.start..<t.end])
            let n = t.end - t.start
            guard forIndex, n >= 3, units[t.start] >= 0x4E00 else { continue }
            for width in 2...min(3, n - 1) {
                for i in t.start...(t.end - width) where lexicon.contains(units[i..<(i + width)]) {
                    out.append(0x20)
                    out.append(contentsOf: units[i..<(i + width)])
                }
            }
        }
        return String(decoding: out, as: UTF16.self)
    }

    /// Han and ASCII letters/digits: what an index tokenizer keeps (the keyword extractor's
    /// `+#&._%-` are separators here, as they are for SQLite's unicode61 tokenizer).
    @inline(__always)
    static func isIndexed(_ u: UInt16) -> Bool {
        (0x4E00...0x9FD5).contains(u) || WordSegmenter.isASCIIAlnum(u)
    }
}
