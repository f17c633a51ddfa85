import ArgumentParser
import Foundation
import IngestDaemon
import Ingest

/// The state folder's search index, as the commands open it.
struct IndexOptions: ParsableArguments {
    @Option(help: "Config file, to find the state folder.") var config: String?
    @Option(help: "State folder (overrides the config; relative to the working directory).") var stateDir: String?

    func settings() throws -> DaemonConfig {
        let loaded = try DaemonConfig.load(file: config, environment: ProcessInfo.processInfo.environment)
        for w in loaded.warnings { Console.error(w) }
        var c = loaded.config
        if let stateDir { c.stateDir = DaemonConfig.absolute(stateDir) }
        return c
    }

    /// The fleet database of the config, for `--postgres`.
    func fleet() throws -> FleetSearch {
        let c = try settings()
        guard !c.postgresURL.isEmpty else {
            Console.error("ingestd: no fleet database configured ([postgres] url in the config, or INGESTD_POSTGRES_URL)")
            throw ExitCode(1)
        }
        do {
            return try FleetSearch(url: c.postgresURL, segmenter: SearchSegmenter(lexicon: try LexiconFiles.load(directory: c.lexiconDir)))
        } catch let e as PostgresTarget.Invalid {
            Console.error("ingestd: \(e)")
            throw ExitCode(1)
        }
    }

    /// Opens the index; `create`: make it when missing (reindex), else a missing index is an error.
    func open(create: Bool = false) throws -> SearchIndex {
        let c = try settings()
        guard let path = c.indexPath else {
            Console.error("ingestd: no search index configured (index_file is empty)")
            throw ExitCode(1)
        }
        guard create || FileManager.default.fileExists(atPath: path) else {
            Console.error("ingestd: no search index at \(path) yet (the daemon builds it as it ingests; `ingestd reindex` builds it from records/)")
            throw ExitCode(1)
        }
        let lexicon = try LexiconFiles.load(directory: c.lexiconDir)
        return try SearchIndex(path: path, recordsDir: c.recordsPath, segmenter: SearchSegmenter(lexicon: lexicon), cacheMiB: 64)
    }
}

/// `ingestd search QUERY`: ranked articles from the index (or the fleet's PostgreSQL).
struct SearchCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "search",
        abstract: "Find articles: ranked by bm25, title matches first, with a highlighted snippet.",
        discussion: """
        Words are matched as the index splits Chinese text into words (碳捕集 finds that word, not every 碳); \
        traditional and simplified characters match each other. "…" is a phrase; AND, OR, NOT and parentheses \
        work as in SQLite FTS5; title:, subtitle:, authors: and body: limit a word to one field; a trailing * \
        matches a prefix. Works while the daemon runs. Exit 2 on a malformed query. \
        --postgres searches every host's records in the fleet database ([postgres] url) instead.
        """
    )

    @OptionGroup var index: IndexOptions
    @Argument(help: "What to look for (may be left out when a filter is given: the newest matching articles).") var query: [String] = []
    @Option(help: "Only this paper (a part of its name).") var paper: String?
    @Option(help: "Only articles by this author (a part of the byline).") var author: String?
    @Option(help: "Only this kind (article, brief, photo, notice, …).") var kind: String?
    @Option(help: "Only pages dated on or after this day (YYYY-MM-DD).") var since: String?
    @Option(help: "Only pages dated on or before this day (YYYY-MM-DD).") var until: String?
    @Option(help: "At most this many results.") var limit = 20
    @Flag(help: "Print the records (JSON Lines) instead.") var json = false
    @Flag(help: "Search the fleet's PostgreSQL ([postgres] url, or INGESTD_POSTGRES_URL) instead of this host's index.") var postgres = false

    func run() async throws {
        var f = SearchIndex.Filters()
        f.paper = paper
        f.author = author
        f.kind = kind
        f.since = since
        f.until = until
        f.limit = max(1, limit)
        let hits: [SearchIndex.Hit]
        do {
            if postgres {
                hits = try await index.fleet().search(query.joined(separator: " "), f)
            } else {
                hits = try index.open().search(query.joined(separator: " "), f)
            }
        } catch let e as SearchIndex.SearchError {
            Console.error("ingestd: \(e)")
            throw ExitCode(2)
        } catch let e as FleetSearch.Unavailable {
            Console.error("ingestd: \(e)")
            throw ExitCode(1)
        }
        if json {
            for h in hits { print(h.line) }
            return
        }
        if hits.isEmpty { print("no article matches"); return }
        for (n, h) in hits.enumerated() {
            let r = h.record
            let place = [r.date, r.paper, r.edition].compactMap { $0 }.joined(separator: " ")
            print("\(n + 1). \(place.isEmpty ? "" : place + " · ")\(r.title)")
            if !r.authors.isEmpty { print("   \(r.authors.joined(separator: "、"))") }
            print("   \(h.snippet)")
            print("   id \(r.id)")
        }
    }
}

/// `ingestd show ID`: one record as a person reads it.
struct ShowCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "show", abstract: "Print one record as a person reads it: title, deck, byline, paragraphs.")

    @OptionGroup var index: IndexOptions
    @Argument(help: "The record id (from `ingestd search`).") var id: String
    @Flag(help: "Read it from the fleet's PostgreSQL instead of this host's index.") var postgres = false

    func run() async throws {
        let found: (ArticleRecord, String)?
        do {
            found = postgres ? try await index.fleet().record(id: id) : try index.open().record(id: id)
        } catch let e as FleetSearch.Unavailable {
            Console.error("ingestd: \(e)")
            throw ExitCode(1)
        }
        guard let (r, _) = found else {
            Console.error("ingestd: no record \(id) in the \(postgres ? "fleet database" : "index")")
            throw ExitCode(1)
        }
        if let k = r.kicker { print(k) }
        print(r.title)
        if let s = r.subtitle { print(s) }
        print(String(repeating: "─", count: 20))
        let place = [r.paper, r.date, r.edition, r.section].compactMap { $0 }.joined(separator: " · ")
        if !place.isEmpty { print(place) }
        if !r.authors.isEmpty { print(r.authors.joined(separator: "、") + (r.authorNote.map { "（\($0)）" } ?? "")) }
        print("")
        for p in r.paragraphs { print("　　" + p) }
        print("")
        print("\(r.source.path) · \(r.kind.rawValue) · \(r.chars) characters · id \(r.id)")
    }
}

/// `ingestd reindex`: the index rebuilt from records/ alone.
struct ReindexCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "reindex",
        abstract: "Rebuild the search index from records/ (safe while the daemon runs; it waits for the index)."
    )

    @OptionGroup var index: IndexOptions

    func run() throws {
        let idx = try index.open(create: true)
        let started = Date()
        let n = try idx.rebuild()
        Console.out(String(format: "indexed %d record(s) from %@ in %.1f s", n, idx.recordsDir, Date().timeIntervalSince(started)))
    }
}
