/// One article as read off the page, before it becomes a record.
public struct ParsedArticle: Sendable, Equatable {
    public enum Kind: String, Sendable, Codable { case article, brief, qa, photo }

    public var title: String
    public var subtitle: String?
    /// The kicker (引题) when the subtitle field is taken by a `——` subtitle.
    public var kicker: String?
    public var authors: [String]
    public var authorNote: String?
    public var kind: Kind
    public var paragraphs: [String]
}

public struct ParsedPage: Sendable, Equatable {
    public var metadata: PageMetadata
    public var articles: [ParsedArticle]
    /// Lines kept out of every article, in page order (for tests and diagnostics).
    public var furniture: [String]
    /// Printed in traditional characters: read through `TraditionalFold`, and keywords are
    /// looked up by their simplified forms.
    public var traditional = false
}
