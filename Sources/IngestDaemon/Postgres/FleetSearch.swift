import Foundation
import Ingest
import Logging
import PostgresNIO

/// `ingestd search --postgres`: the same query and filters as the local index, over every
/// host's records in the fleet database: a tsquery over the `search` vector (title weight
/// A, deck B, byline C, body D), title matches first, then `ts_rank_cd`.
package struct FleetSearch: Sendable {
    let target: PostgresTarget
    let segmenter: SearchSegmenter
    let log: Logger

    package init(url: String, segmenter: SearchSegmenter) throws {
        target = try PostgresTarget(url: url)
        self.segmenter = segmenter
        var l = Logger(label: "ingestd.search")
        l.logLevel = .critical
        log = l
    }

    package struct Unavailable: Error, CustomStringConvertible {
        package let description: String
    }

    package func search(_ text: String, _ f: SearchIndex.Filters) async throws -> [SearchIndex.Hit] {
        var query: SearchQuery?
        if !text.trimmingCharacters(in: .whitespaces).isEmpty || f.isEmpty {
            do { query = try SearchQuery(text, segmenter: segmenter) } catch let e as SearchQuery.Malformed {
                throw SearchIndex.SearchError.malformed(e.description)
            }
        }
        var binds = PostgresBindings()
        var sql: String
        if let query {
            binds.append(query.tsquery)
            sql = """
                SELECT record::text, ts_rank_cd(search, q)::float8 AS score, (ts_filter(search, '{a}') @@ q) AS in_title
                FROM ingestd.records, to_tsquery('simple', $1) q WHERE search @@ q
                """
        } else {
            sql = "SELECT record::text, 0::float8 AS score, false AS in_title FROM ingestd.records WHERE true"
        }
        func bind(_ value: String) -> String {
            binds.append(value)
            return "$\(binds.count)"
        }
        if let p = f.paper { sql += " AND strpos(paper, \(bind(p))) > 0" }
        if let a = f.author { sql += " AND strpos(array_to_string(authors, '、'), \(bind(a))) > 0" }
        if let k = f.kind { sql += " AND kind = \(bind(k))" }
        if let s = f.since { sql += " AND date >= \(bind(s))" }
        if let u = f.until { sql += " AND date <= \(bind(u))" }
        sql += query == nil ? " ORDER BY date DESC NULLS LAST, id" : " ORDER BY in_title DESC, score DESC, date DESC NULLS LAST, id"
        sql += " LIMIT \(max(1, f.limit))"
        let rows = try await withConnection { c in
            var out: [(String, Double)] = []
            for try await (line, score, _) in try await c.query(PostgresQuery(unsafeSQL: sql, binds: binds), logger: log).decode((String, Double, Bool).self) {
                out.append((line, score))
            }
            return out
        }
        let terms = query?.terms ?? []
        return rows.compactMap { line, score in
            guard let record = try? JSONDecoder().decode(ArticleRecord.self, from: Data(line.utf8)) else { return nil }
            return SearchIndex.Hit(record: record, line: line, score: score, snippet: SearchIndex.snippet(record, terms: terms))
        }
    }

    /// One record by id.
    package func record(id: String) async throws -> (ArticleRecord, String)? {
        let line = try await withConnection { c in
            var found: String?
            for try await l in try await c.query("SELECT record::text FROM ingestd.records WHERE id = \(id)", logger: log).decode(String.self) {
                found = l
            }
            return found
        }
        guard let line, let r = try? JSONDecoder().decode(ArticleRecord.self, from: Data(line.utf8)) else { return nil }
        return (r, line)
    }

    private func withConnection<T: Sendable>(_ body: (PostgresConnection) async throws -> T) async throws -> T {
        let c: PostgresConnection
        do {
            c = try await PostgresConnection.connect(configuration: try target.connectionConfiguration(), id: 1, logger: log)
        } catch {
            throw Unavailable(description: "cannot reach \(target.description): \(PostgresProblem.describe(error))")
        }
        do {
            let result = try await body(c)
            try? await c.close()
            return result
        } catch {
            try? await c.close()
            let message = PostgresProblem.describe(error)
            if let e = error as? PSQLError, e.serverInfo?[.sqlState] == "42601" {
                throw SearchIndex.SearchError.malformed("the query is not valid: \(message)")
            }
            if let e = error as? PSQLError, e.serverInfo?[.sqlState] == "42P01" {
                throw Unavailable(description: "\(target.description) holds no ingestd records yet (no host has shipped to it)")
            }
            throw Unavailable(description: "\(target.description): \(message)")
        }
    }
}
