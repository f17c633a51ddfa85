import Ingest

/// A query as a reader types it, as an FTS5 query over segmented text. Bare words and
/// quoted phrases are segmented like the index (碳捕集 → 碳, 捕, 集 near each other, so it
/// finds that word and not every 碳); `AND`, `OR`, `NOT`, parentheses, `column:` filters
/// and a trailing `*` keep their FTS5 meaning.
struct SearchQuery: Sendable {
    struct Malformed: Error, CustomStringConvertible {
        let description: String
    }

    /// The FTS5 expression.
    let match: String
    /// The words as typed (operators and quotes left out), for the snippet's highlights.
    let terms: [String]

    static let columns: Set<String> = ["title", "subtitle", "authors", "body"]

    init(_ query: String, segmenter: SearchSegmenter) throws {
        var parts: [String] = []
        var terms: [String] = []
        var i = query.startIndex
        // one word: itself; several: near each other (the index writes the words inside a
        // long word after it, so they are close but not always adjacent)
        func phrase(_ text: String, prefix: Bool) -> String? {
            let words = segmenter.segment(text).split(separator: " ")
            guard !words.isEmpty else { return nil }
            if words.count == 1 { return "\"\(words[0])\"" + (prefix ? " *" : "") }
            return "NEAR(" + words.map { "\"\($0)\"" }.joined(separator: " ") + ", \(6 * words.count + 4))"
        }
        while i < query.endIndex {
            let c = query[i]
            if c == " " || c == "\t" || c == "\u{3000}" {
                i = query.index(after: i)
            } else if c == "(" || c == ")" {
                parts.append(String(c))
                i = query.index(after: i)
            } else if c == "\"" || c == "“" || c == "”" {
                let open = query.index(after: i)
                guard let close = query[open...].firstIndex(where: { $0 == "\"" || $0 == "”" }) else {
                    throw Malformed(description: "unclosed quote in the query: \(query)")
                }
                let inner = String(query[open..<close])
                if let p = phrase(inner, prefix: false) { parts.append(p); terms.append(inner) }
                i = query.index(after: close)
            } else {
                var end = i
                while end < query.endIndex, !" \t\u{3000}()\"“”".contains(query[end]) { end = query.index(after: end) }
                var word = String(query[i..<end])
                i = end
                if ["AND", "OR", "NOT"].contains(word) { parts.append(word); continue }
                var column = ""
                if let colon = word.firstIndex(of: ":"), Self.columns.contains(String(word[..<colon])) {
                    column = String(word[...colon]) + " "
                    word = String(word[word.index(after: colon)...])
                }
                let prefix = word.hasSuffix("*")
                if prefix { word.removeLast() }
                if let p = phrase(word, prefix: prefix) {
                    parts.append(column + p)
                    terms.append(word)
                }
            }
        }
        guard !terms.isEmpty else { throw Malformed(description: "the query has no words to look for: \(query)") }
        // FTS5 wants an explicit AND between an operand and a parenthesis
        var joined: [String] = []
        for p in parts {
            if let last = joined.last, !["AND", "OR", "NOT", "("].contains(last), !["AND", "OR", "NOT", ")"].contains(p) {
                joined.append("AND")
            }
            joined.append(p)
        }
        match = joined.joined(separator: " ")
        self.terms = terms
    }
}
