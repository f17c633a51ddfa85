import Foundation
import Ingest
import Testing
@testable import IngestDaemon

/// The pure parts of the fleet sink: reading its URL, a query as a tsquery, and a records
/// file read into shipping batches.
@Suite struct FleetQueryTests {
    static let segmenter = SearchSegmenter(lexicon: try! LexiconFiles.load(directory: DaemonConfig().lexiconDir))

    @Test func urlsAreReadAsLibpqReadsThem() throws {
        let socket = try PostgresTarget(url: "postgres://ingest@/fleet?host=/run/postgresql")
        #expect(socket.endpoint == .socket(path: "/run/postgresql/.s.PGSQL.5432"))
        #expect(socket.user == "ingest" && socket.database == "fleet" && socket.sslMode == .disable)
        let tcp = try PostgresTarget(url: "postgresql://u:p%40ss@db.example:6432/news?sslmode=require")
        #expect(tcp.endpoint == .tcp(host: "db.example", port: 6432))
        #expect(tcp.password == "p@ss" && tcp.sslMode == .require && tcp.database == "news")
        let bare = try PostgresTarget(url: "postgres://db.example")
        #expect(bare.endpoint == .tcp(host: "db.example", port: 5432) && bare.sslMode == .prefer && bare.database == bare.user)
        #expect(throws: PostgresTarget.Invalid.self) { try PostgresTarget(url: "mysql://x/y") }
        #expect(throws: PostgresTarget.Invalid.self) { try PostgresTarget(url: "postgres://x/y?sslmode=sometimes") }
        #expect(throws: PostgresTarget.Invalid.self) { try PostgresTarget(url: "postgres://x/y?timeout=3") }
        #expect(PostgresTarget.redact("postgres://u:secret@h/db") == "postgres://u:***@h/db")
        #expect(!tcp.description.contains("p@ss"))
    }

    @Test func queriesBecomeTsqueries() throws {
        func ts(_ q: String) throws -> String { try SearchQuery(q, segmenter: Self.segmenter).tsquery }
        let one = try ts("工会")
        #expect(one == "'工会'", "\(one)")
        // a word the segmenter splits is a phrase: its words in order
        let split = try ts("新时代工会工作")
        #expect(split.hasPrefix("(") && split.contains(" <-> "), "\(split)")
        #expect(try ts("工会 OR 职工") == "'工会' | '职工'")
        #expect(try ts("工会 职工") == "'工会' & '职工'")
        #expect(try ts("工会 NOT 职工") == "'工会' & ! '职工'")
        #expect(try ts("title:工会") == "'工会':A")
        #expect(try ts("authors:孙超") == "'孙超':C" || (try ts("authors:孙超")).contains(":C"))
        let grouped = try ts("工* (职工 OR 劳模)")
        #expect(grouped == "'工':* & ( '职工' | '劳模' )", "\(grouped)")
        #expect(try ts("Robot") == "'robot'")
        #expect(throws: SearchQuery.Malformed.self) { try SearchQuery("(工会", segmenter: Self.segmenter) }
        #expect(throws: SearchQuery.Malformed.self) { try SearchQuery("\"工会", segmenter: Self.segmenter) }
        // the FTS5 rendering of the same parse is unchanged
        let fts = try SearchQuery("工会 (职工 OR 劳模)", segmenter: Self.segmenter).match
        #expect(fts == "\"工会\" AND ( \"职工\" OR \"劳模\" )", "\(fts)")
    }

    /// The seeds' records as the daemon writes them, read back in batches: whole lines only,
    /// never past the committed length, sources grouped, the text segmented.
    @Test func batchesTakeWholeCommittedLines() throws {
        let ingestor = Ingestor(lexicon: try LexiconFiles.load(directory: DaemonConfig().lexiconDir))
        var bytes: [UInt8] = []
        var lineEnds: [Int] = []
        for path in try IngestCommandTests.seeds() {
            let data = [UInt8](FileManager.default.contents(atPath: path)!)
            for r in try ingestor.ingest(data, path: (path as NSString).lastPathComponent, ingestedAt: 1_796_630_400).records {
                bytes += RecordJSON.line(r)
                lineEnds.append(bytes.count)
            }
        }
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("batches-\(UUID().uuidString.prefix(8))")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        // a torn tail beyond the committed length is never read
        try Data(bytes + Array(#"{"id":"torn"#.utf8)).write(to: dir.appendingPathComponent("d.jsonl"))
        #expect(ShippingBatch.countLines(dir: dir.path, file: "d.jsonl", from: 0, to: bytes.count) == lineEnds.count)

        var at = 0, lines = 0, sources = Set<String>()
        while let b = try ShippingBatch.read(dir: dir.path, file: "d.jsonl", from: at, limit: bytes.count, maxRecords: 4, segmenter: Self.segmenter) {
            #expect(b.lines <= 4)
            #expect(lineEnds.contains(b.to), "a batch ends inside a line")
            let records = try JSONSerialization.jsonObject(with: Data(b.recordsJSON.utf8)) as! [[String: Any]]
            #expect(records.count == b.lines)
            #expect(records.allSatisfy { ($0["r"] as? [String: Any])?["id"] != nil && !($0["b"] as! String).isEmpty })
            let listed = try JSONSerialization.jsonObject(with: Data(b.sourcesJSON.utf8)) as! [[String: Any]]
            #expect(listed.count == b.sources.count)
            sources.formUnion(b.sources.map(\.sha256))
            at = b.to
            lines += b.lines
        }
        #expect(at == bytes.count && lines == lineEnds.count && sources.count == 5)
        // a NUL escape, which jsonb refuses, is replaced; an escaped backslash before "u0000" is text and stays
        #expect(String(decoding: ShippingBatch.jsonbSafe(ArraySlice(#"{"t":"a\u0000b","u":"c\\u0000"}"#.utf8)), as: UTF8.self)
                == #"{"t":"a\ufffdb","u":"c\\u0000"}"#)
    }
}
