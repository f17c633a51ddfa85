/// Re-joins paragraphs that the page's column layout cut in mid-sentence (`…县总工` +
/// blank line + `会获评…`) without gluing real paragraphs or section headings together.
enum ColumnBreaks {
    /// Body paragraphs up to this length that stop without punctuation may be headings;
    /// they are joined only on stronger evidence.
    static let headingMax = 20

    /// Answers whether `right` continues `left`. `spansWord` tells whether a dictionary word
    /// runs across the boundary (`…也` + `是…`), the evidence used for mid-length fragments.
    static func continues(_ left: String, _ right: String, spansWord: (String, String) -> Bool) -> Bool {
        continues(left, length: { left.scalarCount }, right, spansWord: spansWord)
    }

    /// `length`: `left`'s length in scalars, kept by the caller (a paragraph re-joined from
    /// thousands of pieces must not be counted again at each piece), asked only when needed.
    static func continues(_ left: String, length: () -> Int, _ right: String, spansWord: (String, String) -> Bool) -> Bool {
        guard !right.isEmpty, Shape.qaTurn(right) == nil, !Shape.startsEnumerated(right),
              Bylines.dateline(right) == nil else { return false }
        if Shape.endsClosed(left) || Shape.endsInCloser(left) { return false }
        if Shape.endsOpen(left) { return true }
        if let first = right.unicodeScalars.first, Scalars.isClauseOpen(first) || Scalars.isSentenceFinal(first) { return true }
        let n = length()
        // the right part must itself read as running text, not as another heading
        if right.scalarCount <= Shape.shortMax, !Shape.endsClosed(right) { return false }
        // long, or holding a full stop: running text, which a heading never is
        if n > Shape.shortMax || Shape.hasInnerFullStop(left) { return true }
        if Shape.hasPhraseSpace(left) || Shape.startsEnumerated(left) { return false }
        if n > headingMax { return spansWord(left, right) || lastClauseLength(left) <= 3 }
        return false
    }

    /// Characters after the last comma: a heading ends on a whole phrase, while a line cut by
    /// the column edge often stops a word or two into a new clause (`…“剖析会”,也`).
    static func lastClauseLength(_ text: String) -> Int {
        var n = 0
        for s in text.unicodeScalars.reversed() {
            if Scalars.isClauseOpen(s) { return n }
            n += 1
        }
        return Int.max
    }

    /// Joins every cut in `paragraphs`, left to right.
    static func rejoin(_ paragraphs: [String], spansWord: (String, String) -> Bool) -> [String] {
        var out: [String] = []
        // the last paragraph's length, counted only when a join needs it, then kept
        var lastLength: Int?
        for p in paragraphs {
            if !out.isEmpty, continues(out[out.count - 1], length: {
                if lastLength == nil { lastLength = out[out.count - 1].scalarCount }
                return lastLength!
            }, p, spansWord: spansWord) {
                // appended in place: linear however many pieces a paragraph has
                let n = lastLength ?? out[out.count - 1].scalarCount
                out[out.count - 1].append(p)
                lastLength = n + p.scalarCount
            } else {
                out.append(p)
                lastLength = nil
            }
        }
        return out
    }
}
