import Foundation
import GRDB
import Ingest

/// Reading the index: ranked search with filters, and one record by id.
extension SearchIndex {
    package struct Filters: Sendable {
        package var paper: String?
        package var author: String?
        package var kind: String?
        package var since: String?
        package var until: String?
        package var limit = 20
        package init() {}
        var isEmpty: Bool { paper == nil && author == nil && kind == nil && since == nil && until == nil }
    }

    package struct Hit: Sendable {
        package let record: ArticleRecord
        /// The raw JSON line from records/.
        package let line: String
        package let score: Double
        /// A piece of the text around the first match, the matches in 【】.
        package let snippet: String
    }

    package enum SearchError: Error, CustomStringConvertible {
        case malformed(String)
        package var description: String {
            switch self { case .malformed(let m): m }
        }
    }

    /// bm25 with a title match weighing most, then deck, byline, body. An empty query with
    /// filters lists the matching articles, newest page first.
    package func search(_ text: String, _ f: Filters) throws -> [Hit] {
        var query: SearchQuery?
        if !text.trimmingCharacters(in: .whitespaces).isEmpty || f.isEmpty {
            do { query = try SearchQuery(text, segmenter: segmenter) } catch let e as SearchQuery.Malformed { throw SearchError.malformed(e.description) }
        }
        var sql: String
        var args: [(any DatabaseValueConvertible)?] = []
        if let query, f.isEmpty {
            // rank (bm25 with the column weights set at creation) inside FTS5, then the 20 rows
            sql = """
                SELECT r.file, r.offset, r.length, m.rank AS score
                FROM (SELECT rowid, rank FROM records_fts WHERE records_fts MATCH ? ORDER BY rank LIMIT ?) m
                JOIN records r ON r.rowid = m.rowid ORDER BY m.rank
                """
            args = [query.match, f.limit]
        } else if let query {
            sql = """
                SELECT r.file, r.offset, r.length, records_fts.rank AS score
                FROM records_fts JOIN records r ON r.rowid = records_fts.rowid
                WHERE records_fts MATCH ?
                """
            args.append(query.match)
        } else {
            sql = "SELECT r.file, r.offset, r.length, 0.0 AS score FROM records r WHERE 1"
        }
        if let p = f.paper { sql += " AND r.paper LIKE ?"; args.append("%\(p)%") }
        if let a = f.author { sql += " AND instr(r.authors, ?) > 0"; args.append(a) }
        if let k = f.kind { sql += " AND r.kind = ?"; args.append(k) }
        if let s = f.since { sql += " AND r.date >= ?"; args.append(s) }
        if let u = f.until { sql += " AND r.date <= ?"; args.append(u) }
        if query == nil || !f.isEmpty {
            sql += query == nil ? " ORDER BY r.date DESC, r.rowid LIMIT ?" : " ORDER BY score LIMIT ?"
            args.append(f.limit)
        }
        let rows: [Row]
        do {
            rows = try db.read { try Row.fetchAll($0, sql: sql, arguments: StatementArguments(args)) }
        } catch let e as DatabaseError where e.resultCode == .SQLITE_ERROR {
            throw SearchError.malformed("the query is not valid: \(e.message ?? "\(e)") (\(text))")
        }
        let terms = query?.terms ?? []
        return rows.compactMap { row in
            guard let (record, line) = read(file: row["file"], offset: row["offset"], length: row["length"]) else { return nil }
            return Hit(record: record, line: line, score: row["score"], snippet: Self.snippet(record, terms: terms))
        }
    }

    /// One record by id, from its line in records/.
    package func record(id: String) throws -> (ArticleRecord, String)? {
        guard let row = try db.read({ try Row.fetchOne($0, sql: "SELECT file, offset, length FROM records WHERE id = ?", arguments: [id]) }) else {
            return nil
        }
        return read(file: row["file"], offset: row["offset"], length: row["length"])
    }

    private func read(file: String, offset: Int, length: Int) -> (ArticleRecord, String)? {
        guard let h = FileHandle(forReadingAtPath: recordsDir + "/" + file) else { return nil }
        defer { try? h.close() }
        guard (try? h.seek(toOffset: UInt64(offset))) != nil, let data = try? h.read(upToCount: length),
              let record = try? JSONDecoder().decode(ArticleRecord.self, from: data) else { return nil }
        return (record, String(decoding: data, as: UTF8.self))
    }

    /// About 80 characters around the first term found in the body (else the summary).
    static func snippet(_ r: ArticleRecord, terms: [String]) -> String {
        let body = r.paragraphs.joined(separator: " ")
        // case folding only for terms with Latin letters (Foundation's folding search is slow)
        func find(_ t: String) -> Range<String.Index>? {
            t.unicodeScalars.contains { $0.properties.isAlphabetic && $0.isASCII } ? body.range(of: t, options: .caseInsensitive) : body.range(of: t)
        }
        guard let hit = terms.compactMap(find).min(by: { $0.lowerBound < $1.lowerBound }) else {
            return String(r.summary.prefix(80))
        }
        let from = body.index(hit.lowerBound, offsetBy: -30, limitedBy: body.startIndex) ?? body.startIndex
        let to = body.index(hit.upperBound, offsetBy: 50, limitedBy: body.endIndex) ?? body.endIndex
        var piece = String(body[from..<to])
        for t in Set(terms) where !t.isEmpty { piece = piece.replacingOccurrences(of: t, with: "【\(t)】", options: .caseInsensitive) }
        return (from > body.startIndex ? "…" : "") + piece + (to < body.endIndex ? "…" : "")
    }
}
