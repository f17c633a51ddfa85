/// `qa` for an interview told in `问:`/`答:` turns, `brief` for a dateline news item
/// (`本报讯…`) of modest length, `article` otherwise; photos are classed where found.
enum ArticleKinds {
    static let briefMaxChars = 1500

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
        if hasDateline {
            let chars = paragraphs.reduce(0) { $0 + $1.scalarCount }
            if chars <= briefMaxChars { return .brief }
        }
        return .article
    }
}
