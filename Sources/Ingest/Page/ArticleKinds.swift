/// `qa` for an interview told in `问:`/`答:` (or `Q:`/`A:`, or named) turns, `brief` for a dateline news item
/// (`本报讯…`) of modest length, `article` otherwise; photos are classed where found.
enum ArticleKinds {
    /// An interview told in named turns (`记者:…?` / `王建国:…`): at least four turns by two
    /// to four speakers, half of the paragraphs or more, and one speaker asking at least twice.
    static func isNamedInterview(_ paragraphs: [String]) -> Bool {
        var turns: [Substring: (count: Int, questions: Int)] = [:]
        var total = 0
        for p in paragraphs {
            guard let label = Shape.speakerLabel(p) else { continue }
            total += 1
            let asks = p.unicodeScalars.last.map { $0 == "?" || $0 == "\u{FF1F}" } ?? false
            turns[label, default: (0, 0)].count += 1
            if asks { turns[label, default: (0, 0)].questions += 1 }
            if turns.count > 4 { return false }
        }
        return total >= 4 && turns.count >= 2 && total * 2 >= paragraphs.count && turns.values.contains { $0.questions >= 2 }
    }

    static let briefMaxChars = 1500

    /// Whether an agency's dateline is the paper's own: `新华社` in 新华每日电讯 (the agency's
    /// name without 社 opens the paper's). With no paper named, an agency is someone else.
    static func isOwnAgency(_ agency: Substring, paper: String?) -> Bool {
        guard let paper else { return false }
        let stem = agency.dropLast()
        return stem.count >= 2 && paper.hasBytePrefix(stem)
    }

    static func classify(paragraphs: [String], hasDateline: Bool) -> ParsedArticle.Kind {
        var questions = 0, answers = 0
        for p in paragraphs {
            switch Shape.qaTurn(p) {
            case "问": questions += 1
            case "答": answers += 1
            default: break
            }
        }
        if questions >= 2, answers >= 1 { return .qa }
        if isNamedInterview(paragraphs) { return .qa }
        if hasDateline {
            let chars = paragraphs.reduce(0) { $0 + $1.scalarCount }
            if chars <= briefMaxChars { return .brief }
        }
        return .article
    }
}
