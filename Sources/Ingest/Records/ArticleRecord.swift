/// The SPEC record: one JSON object per article. Every SPEC field is always written
/// (absent values as `null`); `issue`, `kicker` and `source.warnings` are extras.
public struct ArticleRecord: Sendable, Equatable, Codable {
    public struct Source: Sendable, Equatable, Codable {
        public var path: String
        public var sha256: String
        public var bytes: Int
        public var encoding: String
        public var index: Int
        public var count: Int
        public var warnings: [String]?
    }

    public var id: String
    public var source: Source
    public var ingestedAt: String
    public var paper: String?
    public var date: String?
    public var edition: String?
    public var section: String?
    public var issue: String?
    public var title: String
    public var subtitle: String?
    public var kicker: String?
    public var authors: [String]
    public var authorNote: String?
    public var kind: ParsedArticle.Kind
    public var paragraphs: [String]
    public var chars: Int
    public var keywords: [String]
    public var summary: String

    enum CodingKeys: String, CodingKey {
        case id, source, paper, date, edition, section, issue, title, subtitle, kicker, authors, kind, paragraphs, chars, keywords, summary
        case ingestedAt = "ingested_at"
        case authorNote = "author_note"
    }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(id, forKey: .id)
        try c.encode(source, forKey: .source)
        try c.encode(ingestedAt, forKey: .ingestedAt)
        try c.encode(paper, forKey: .paper)
        try c.encode(date, forKey: .date)
        try c.encode(edition, forKey: .edition)
        try c.encode(section, forKey: .section)
        try c.encodeIfPresent(issue, forKey: .issue)
        try c.encode(title, forKey: .title)
        try c.encode(subtitle, forKey: .subtitle)
        try c.encodeIfPresent(kicker, forKey: .kicker)
        try c.encode(authors, forKey: .authors)
        try c.encode(authorNote, forKey: .authorNote)
        try c.encode(kind, forKey: .kind)
        try c.encode(paragraphs, forKey: .paragraphs)
        try c.encode(chars, forKey: .chars)
        try c.encode(keywords, forKey: .keywords)
        try c.encode(summary, forKey: .summary)
    }
}
