/// At most two sentences of the article itself, chosen by how many of its keywords they
/// carry (longer sentences pay for their length) with a bonus for the lead sentence, and
/// printed in their original order. Headings, question turns' markers and fragments that
/// do not end a sentence are never chosen.
public enum ExtractiveSummary {
    public static let maxSentences = 2
    static let leadBonus = 1.5
    static let minSentenceLength = 8

    public static func summarize(_ paragraphs: [String], keywords: [KeywordExtractor.Term]) -> String {
        var candidates: [(order: Int, text: String)] = []
        for p in paragraphs {
            for s in Sentences.split(p) {
                var text = s
                if Shape.qaTurn(text) != nil { text = String(text.unicodeScalars.dropFirst(2)).trimmedSpaces() }
                guard text.scalarCount >= minSentenceLength, Shape.endsSentence(text) else { continue }
                candidates.append((candidates.count, text))
            }
        }
        guard !candidates.isEmpty else { return paragraphs.first.map { String($0.prefix(120)) } ?? "" }
        let scored = candidates.map { c -> (Int, String, Double) in
            var score = 0.0
            for k in keywords where c.text.hasSubstring(k.term) { score += k.weight }
            score /= 1 + Double(c.text.scalarCount) / 120
            if c.order == 0 { score = score * leadBonus + 1e-9 }
            return (c.order, c.text, score)
        }
        let best = scored.sorted { $0.2 != $1.2 ? $0.2 > $1.2 : $0.0 < $1.0 }.prefix(maxSentences)
        return best.sorted { $0.0 < $1.0 }.map(\.1).joined()
    }
}
