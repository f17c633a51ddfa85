import Ingest

/// A query as a reader types it, parsed once and written for either engine: FTS5 for the
/// local index (`match`), a tsquery for the fleet's PostgreSQL (`tsquery`). Bare words and
/// quoted phrases are segmented like the text (碳捕集 → its words, so it finds that word
/// and not every 碳); `AND`, `OR`, `NOT`, parentheses, `column:` filters and a trailing `*`
/// mean what they mean in FTS5.
struct SearchQuery: Sendable {
    struct Malformed: Error, CustomStringConvertible {
        let description: String
    }

    enum Part: Sendable, Equatable {
        case open, close, and, or, not
        /// A word or phrase: its segmented words, the field it is limited to, and whether
        /// its last word is a prefix.
        case words([String], column: String?, prefix: Bool)
    }

    let parts: [Part]
    /// The words as typed (operators and quotes left out), for the snippet's highlights.
    let terms: [String]

    static let columns: Set<String> = ["title", "subtitle", "authors", "body"]

    init(_ query: String, segmenter: SearchSegmenter) throws {
        var parts: [Part] = []
        var terms: [String] = []
        var i = query.startIndex
        func words(_ text: String, column: String?, prefix: Bool) -> Part? {
            let w = segmenter.segment(text).split(separator: " ").map(String.init)
            return w.isEmpty ? nil : .words(w, column: column, prefix: prefix)
        }
        while i < query.endIndex {
            let c = query[i]
            if c == " " || c == "\t" || c == "\u{3000}" {
                i = query.index(after: i)
            } else if c == "(" || c == ")" {
                parts.append(c == "(" ? .open : .close)
                i = query.index(after: i)
            } else if c == "\"" || c == "“" || c == "”" {
                let open = query.index(after: i)
                guard let close = query[open...].firstIndex(where: { $0 == "\"" || $0 == "”" }) else {
                    throw Malformed(description: "unclosed quote in the query: \(query)")
                }
                let inner = String(query[open..<close])
                if let p = words(inner, column: nil, prefix: false) { parts.append(p); terms.append(inner) }
                i = query.index(after: close)
            } else {
                var end = i
                while end < query.endIndex, !" \t\u{3000}()\"“”".contains(query[end]) { end = query.index(after: end) }
                var word = String(query[i..<end])
                i = end
                switch word {
                case "AND": parts.append(.and); continue
                case "OR": parts.append(.or); continue
                case "NOT": parts.append(.not); continue
                default: break
                }
                var column: String?
                if let colon = word.firstIndex(of: ":"), Self.columns.contains(String(word[..<colon])) {
                    column = String(word[..<colon])
                    word = String(word[word.index(after: colon)...])
                }
                let prefix = word.hasSuffix("*")
                if prefix { word.removeLast() }
                if let p = words(word, column: column, prefix: prefix) {
                    parts.append(p)
                    terms.append(word)
                }
            }
        }
        guard !terms.isEmpty else { throw Malformed(description: "the query has no words to look for: \(query)") }
        var depth = 0
        for p in parts {
            if p == .open { depth += 1 }
            if p == .close { depth -= 1 }
            if depth < 0 { throw Malformed(description: "a ) without its ( in the query: \(query)") }
        }
        if depth != 0 { throw Malformed(description: "a ( without its ) in the query: \(query)") }
        self.parts = parts
        self.terms = terms
    }

    /// Ends an operand: two in a row are joined by AND.
    private static func endsOperand(_ p: Part) -> Bool {
        if case .words = p { return true }
        return p == .close
    }

    private static func startsOperand(_ p: Part) -> Bool {
        if case .words = p { return true }
        return p == .open
    }

    /// The FTS5 expression. One word is itself; several are NEAR each other (the index
    /// writes the words inside a long word after it, so they are close but not always
    /// adjacent). FTS5 wants an explicit AND between an operand and a parenthesis.
    var match: String {
        var out: [String] = []
        var previous: Part?
        for p in parts {
            if let previous, Self.endsOperand(previous), Self.startsOperand(p) { out.append("AND") }
            switch p {
            case .open: out.append("(")
            case .close: out.append(")")
            case .and: out.append("AND")
            case .or: out.append("OR")
            case .not: out.append("NOT")
            case .words(let w, let column, let prefix):
                let body = w.count == 1
                    ? "\"\(w[0])\"" + (prefix ? " *" : "")
                    : "NEAR(" + w.map { "\"\($0)\"" }.joined(separator: " ") + ", \(6 * w.count + 4))"
                out.append((column.map { $0 + ": " } ?? "") + body)
            }
            previous = p
        }
        return out.joined(separator: " ")
    }

    /// Field → tsvector weight in the fleet's `search` column.
    static let weights = ["title": "A", "subtitle": "B", "authors": "C", "body": "D"]

    /// The tsquery for PostgreSQL (`simple` configuration): several words of one typed word
    /// or phrase follow each other (`<->`: the fleet's vector keeps the words in order and
    /// the inner words of long words after all of them), `column:` becomes a weight,
    /// `NOT x` after an operand is `& !x`.
    var tsquery: String {
        var out: [String] = []
        var previous: Part?
        for p in parts {
            if let previous, Self.endsOperand(previous), Self.startsOperand(p) || p == .not { out.append("&") }
            switch p {
            case .open: out.append("(")
            case .close: out.append(")")
            case .and: out.append("&")
            case .or: out.append("|")
            case .not: out.append("!")
            case .words(let w, let column, let prefix):
                let weight = column.flatMap { Self.weights[$0] }
                let lexemes = w.enumerated().map { k, word in
                    "'" + word.replacingOccurrences(of: "'", with: "''") + "'"
                        + (k == w.count - 1 && prefix ? ":*" + (weight ?? "") : weight.map { ":" + $0 } ?? "")
                }
                out.append(lexemes.count == 1 ? lexemes[0] : "(" + lexemes.joined(separator: " <-> ") + ")")
            }
            previous = p
        }
        return out.joined(separator: " ")
    }
}
