#if canImport(Crypto)
import Crypto
#endif

/// The whole pure pipeline for one file: bytes → decoded text → page → articles →
/// keywords and summaries → records. No files, no clock: the caller passes the source
/// path (relative to the inbox) and the ingest time.
public struct Ingestor: Sendable {
    public let keywords: KeywordExtractor
    public var keywordLimit = 10

    public var budget = WorkBudget.standard

    public init(lexicon: Lexicon) {
        self.keywords = KeywordExtractor(lexicon: lexicon)
    }

    public struct Result: Sendable {
        public var sha256: String
        public var encoding: DecodedText.Encoding
        public var page: ParsedPage
        public var records: [ArticleRecord]
    }

    public static func sha256Hex(_ bytes: [UInt8]) -> String {
        #if canImport(Crypto)
        SHA256.hash(data: bytes).map { b in
            let hex = Array("0123456789abcdef")
            return String([hex[Int(b >> 4)], hex[Int(b & 0x0F)]])
        }.joined()
        #else
        // only the fuzzer compiles Ingest without swift-crypto (scripts/fuzz.sh), and it
        // always passes the hash in
        preconditionFailure("built without swift-crypto: pass sha256 to ingest")
        #endif
    }

    /// The page's lines with their roles (`ingestd ingest --explain`), read as `ingest` reads them.
    public func explain(_ bytes: [UInt8]) throws(IngestFailure) -> [LineExplanation] {
        let decoded = try TextDecoding.decode(bytes)
        let (web, text) = Self.readable(decoded.text)
        return PageParser.explain(web.map(ReaderMode.pageText) ?? text, spansWord: keywords.lexicon.spansWord)
    }

    /// How a decoded file is read: a news page saved from the web as its article; an e-paper
    /// page saved as HTML, or plain text, as page text.
    static func readable(_ text: String) -> (web: ReaderMode.Article?, text: String) {
        if let web = ReaderMode.article(text) { return (web, "") }
        return (nil, HTMLText.extract(text) ?? text)
    }

    /// Decoded bytes → page, the budget checked.
    public func page(_ decoded: DecodedText) throws(IngestFailure) -> ParsedPage {
        let spansWord = keywords.lexicon.spansWord
        let (web, text) = Self.readable(decoded.text)
        if let web {
            try budget.checkLines(ReaderMode.pageText(web))
            return PageParser.parseWebArticle(web, spansWord: spansWord)
        }
        try budget.checkLines(text)
        return PageParser.parse(text, spansWord: spansWord)
    }

    /// `sha256` may be passed when the caller already hashed the bytes (to detect duplicates).
    public func ingest(_ bytes: [UInt8], path: String, ingestedAt: Double, sha256: String? = nil) throws(IngestFailure) -> Result {
        let decoded = try TextDecoding.decode(bytes)
        let page = try self.page(decoded)
        try budget.checkArticles(page.articles.count)
        guard !page.articles.isEmpty else {
            throw IngestFailure(.noArticles, "decoded as \(decoded.encoding.rawValue) but no paragraph of article text was found (only headings or page furniture)")
        }
        let hash = sha256 ?? Self.sha256Hex(bytes)
        let stamp = RFC3339.format(epochSeconds: ingestedAt)
        let count = page.articles.count
        let records = page.articles.enumerated().map { index, a in
            let terms = keywords.keywords(a.paragraphs, limit: keywordLimit, simplifying: page.traditional)
            return ArticleRecord(
                id: "\(hash.prefix(16))-\(index)",
                source: .init(path: path, sha256: hash, bytes: bytes.count, encoding: decoded.encoding.rawValue,
                              index: index, count: count, warnings: decoded.warnings.isEmpty ? nil : decoded.warnings),
                ingestedAt: stamp,
                paper: page.metadata.paper, date: page.metadata.date, edition: page.metadata.edition,
                section: page.metadata.section, issue: page.metadata.issue,
                title: a.title, subtitle: a.subtitle, kicker: a.kicker, authors: a.authors, authorNote: a.authorNote,
                kind: a.kind, paragraphs: a.paragraphs, chars: a.paragraphs.reduce(0) { $0 + $1.scalarCount },
                keywords: terms.map(\.term),
                summary: ExtractiveSummary.summarize(a.paragraphs, keywords: terms))
        }
        return Result(sha256: hash, encoding: decoded.encoding, page: page, records: records)
    }
}
