import Foundation
import GRDB
import Ingest

/// `index.sqlite` in the state dir: one row per record (its fields and where its line is in
/// `records/`), and an FTS5 index over title, subtitle, authors and body as the segmenter
/// splits them. Derived from `records/` alone, which stay the source of truth: each records
/// file is read from the position the index last reached (kept in the same transaction as
/// the rows it covers), so a crash anywhere loses nothing and indexes nothing twice, and
/// record ids make a repeat harmless anyway. WAL mode: readers never block the writer.
package final class SearchIndex: Sendable {
    let path: String
    package let recordsDir: String
    let segmenter: SearchSegmenter
    let db: DatabasePool

    /// `cacheMiB`: SQLite's page cache; small in the daemon (memory stays flat in a burst),
    /// larger for a search command.
    package init(path: String, recordsDir: String, segmenter: SearchSegmenter, cacheMiB: Int = 2) throws {
        self.path = path
        self.recordsDir = recordsDir
        self.segmenter = segmenter
        var config = Configuration()
        config.busyMode = .timeout(10)
        config.prepareDatabase { db in
            // the index is derived: a transaction lost to a power cut is read again from
            // records/ (its position is in the same transaction), so WAL's NORMAL is enough
            try db.execute(sql: "PRAGMA synchronous = NORMAL; PRAGMA cache_size = -\(cacheMiB * 1024)")
        }
        db = try DatabasePool(path: path, configuration: config)
        try Self.migrator.migrate(db)
    }

    static var migrator: DatabaseMigrator {
        var m = DatabaseMigrator()
        m.registerMigration("v1") { db in
            try db.execute(sql: """
                CREATE TABLE records (
                    rowid INTEGER PRIMARY KEY,
                    id TEXT NOT NULL UNIQUE,
                    sha256 TEXT NOT NULL, path TEXT NOT NULL,
                    paper TEXT, date TEXT, edition TEXT, section TEXT,
                    title TEXT NOT NULL, subtitle TEXT, authors TEXT NOT NULL, kind TEXT NOT NULL,
                    chars INTEGER NOT NULL, ingested_at TEXT NOT NULL, summary TEXT NOT NULL, keywords TEXT NOT NULL,
                    file TEXT NOT NULL, offset INTEGER NOT NULL, length INTEGER NOT NULL
                );
                CREATE INDEX records_date ON records(date);
                CREATE INDEX records_paper ON records(paper);
                CREATE VIRTUAL TABLE records_fts USING fts5(title, subtitle, authors, body, content='', tokenize='unicode61');
                CREATE TABLE positions (file TEXT PRIMARY KEY, bytes INTEGER NOT NULL);
                INSERT INTO records_fts(records_fts, rank) VALUES('rank', 'bm25(10.0, 4.0, 2.0, 1.0)');
                """)
        }
        return m
    }

    /// Bytes of records per transaction: the chunk, its decoded records and FTS5's pending
    /// terms are the index's peak of memory (1 MiB held the daemon's peak 2.5 MB higher).
    static let chunkBytes = 1 << 18

    /// Indexes what `records/<file>` holds beyond the stored position, up to `limit` bytes
    /// (the committed length, when the sink says it; else the whole file), in transactions of
    /// at most `chunk` bytes of records (FTS5 keeps a transaction's terms in memory). Returns
    /// the records added.
    @discardableResult
    func catchUp(file: String, upTo limit: Int? = nil, chunk: Int = SearchIndex.chunkBytes) throws -> Int {
        var added = 0
        while true {
            let (n, more) = try catchUpChunk(file: file, upTo: limit, chunk: chunk)
            added += n
            if !more { return added }
        }
    }

    /// One transaction of `catchUp`: the records added, and whether more are left below `limit`.
    func catchUpChunk(file: String, upTo limit: Int?, chunk: Int = SearchIndex.chunkBytes) throws -> (added: Int, more: Bool) {
        let full = recordsDir + "/" + file
        guard let handle = FileHandle(forReadingAtPath: full) else { return (0, false) }
        defer { try? handle.close() }
        let size = Int((try? handle.seekToEnd()) ?? 0)
        let end = min(limit ?? size, size)
        do {
            return try db.write { db -> (Int, Bool) in
                var start = try Int.fetchOne(db, sql: "SELECT bytes FROM positions WHERE file = ?", arguments: [file]) ?? 0
                if start > size { start = 0 }  // the file was cut back (recovery): read it again; ids dedupe
                guard end > start else { return (0, false) }
                try handle.seek(toOffset: UInt64(start))
                let bytes = [UInt8](try handle.read(upToCount: min(end - start, chunk)) ?? Data())
                var added = 0, lineStart = 0, consumed = 0
                for i in bytes.indices where bytes[i] == 0x0A {
                    if let record = try? JSONDecoder().decode(ArticleRecord.self, from: Data(bytes[lineStart..<i])),
                       try insert(record, file: file, offset: start + lineStart, length: i - lineStart, in: db) {
                        added += 1
                    }
                    lineStart = i + 1
                    consumed = i + 1
                }
                if consumed == 0 && bytes.count == chunk {
                    // one line longer than a chunk: take it whole
                    let line = [UInt8](try handle.read(upToCount: end - start - chunk) ?? Data())
                    let whole = bytes + line
                    if let nl = whole.firstIndex(of: 0x0A) {
                        if let record = try? JSONDecoder().decode(ArticleRecord.self, from: Data(whole[..<nl])),
                           try insert(record, file: file, offset: start, length: nl, in: db) { added += 1 }
                        consumed = nl + 1
                    }
                }
                try db.execute(sql: "INSERT INTO positions(file, bytes) VALUES (?, ?) ON CONFLICT(file) DO UPDATE SET bytes = excluded.bytes",
                               arguments: [file, start + consumed])
                return (added, consumed > 0 && start + consumed < end)
            }
        }
    }

    /// Every records file, from where the index stopped (at start: what a crash left).
    @discardableResult
    package func catchUpAll() throws -> Int {
        try RecordFiles.names(in: recordsDir).reduce(0) { $0 + (try catchUp(file: $1)) }
    }

    /// Drops everything and indexes `records/` from the start.
    @discardableResult
    package func rebuild() throws -> Int {
        try db.write { db in
            try db.execute(sql: "DELETE FROM records; DELETE FROM positions; INSERT INTO records_fts(records_fts) VALUES('delete-all');")
        }
        return try catchUpAll()
    }

    private func insert(_ r: ArticleRecord, file: String, offset: Int, length: Int, in db: Database) throws -> Bool {
        try db.execute(sql: """
            INSERT INTO records(id, sha256, path, paper, date, edition, section, title, subtitle, authors, kind, chars,
                                ingested_at, summary, keywords, file, offset, length)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT(id) DO NOTHING
            """, arguments: [r.id, r.source.sha256, r.source.path, r.paper, r.date, r.edition, r.section, r.title, r.subtitle,
                             r.authors.joined(separator: "、"), r.kind.rawValue, r.chars, r.ingestedAt, r.summary,
                             r.keywords.joined(separator: " "), file, offset, length])
        guard db.changesCount == 1 else { return false }
        let rowid = db.lastInsertedRowID
        try db.execute(sql: "INSERT INTO records_fts(rowid, title, subtitle, authors, body) VALUES (?, ?, ?, ?, ?)",
                       arguments: [rowid, segmenter.segment(r.title, forIndex: true), segmenter.segment(r.subtitle ?? "", forIndex: true),
                                   segmenter.segment(r.authors.joined(separator: " "), forIndex: true),
                                   segmenter.segment(r.paragraphs.joined(separator: "\n"), forIndex: true)])
        return true
    }
}
