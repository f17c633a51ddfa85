import Foundation
import Testing

/// `ingestd ingest` run as a real process.
@Suite struct IngestCommandTests {
    struct Run {
        var status: Int32
        var stdout: String
        var stderr: String
    }

    static func run(_ args: [String], environment: [String: String] = [:]) throws -> Run {
        let p = Process()
        p.executableURL = URL(fileURLWithPath: BinaryLocator.ingestd)
        p.arguments = args
        if !environment.isEmpty { p.environment = ProcessInfo.processInfo.environment.merging(environment) { $1 } }
        let out = Pipe(), err = Pipe()
        p.standardOutput = out
        p.standardError = err
        try p.run()
        let o = out.fileHandleForReading.readDataToEndOfFile()
        let e = err.fileHandleForReading.readDataToEndOfFile()
        p.waitUntilExit()
        return Run(status: p.terminationStatus, stdout: String(decoding: o, as: UTF8.self), stderr: String(decoding: e, as: UTF8.self))
    }

    static func seeds() throws -> [String] {
        let dir = BinaryLocator.repository.appendingPathComponent("seeds")
        return try FileManager.default.contentsOfDirectory(atPath: dir.path).filter { $0.hasSuffix(".txt") }.sorted().map { dir.appendingPathComponent($0).path }
    }

    @Test func printsOneValidRecordPerArticleForTheSeeds() throws {
        let r = try Self.run(["ingest"] + Self.seeds())
        #expect(r.status == 0, "stderr: \(r.stderr)")
        let lines = r.stdout.split(separator: "\n")
        #expect(lines.count == 19)
        let required = ["id", "source", "ingested_at", "paper", "date", "edition", "section", "title", "subtitle", "authors",
                        "author_note", "kind", "paragraphs", "chars", "keywords", "summary"]
        var ids = Set<String>()
        for line in lines {
            let obj = try #require(try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any])
            for key in required { #expect(obj.keys.contains(key), "missing \(key)") }
            let source = try #require(obj["source"] as? [String: Any])
            for key in ["path", "sha256", "bytes", "encoding", "index", "count"] { #expect(source.keys.contains(key)) }
            ids.insert(obj["id"] as! String)
        }
        #expect(ids.count == 19)
    }

    @Test func idsAreStableAcrossRuns() throws {
        let seeds = try Self.seeds()
        let a = try Self.run(["ingest", seeds[2]]).stdout
        let b = try Self.run(["ingest", seeds[2]]).stdout
        func ids(_ s: String) -> [String] {
            s.split(separator: "\n").map { (try! JSONSerialization.jsonObject(with: Data($0.utf8)) as! [String: Any])["id"] as! String }
        }
        #expect(ids(a) == ids(b))
        #expect(!ids(a).isEmpty)
    }

    @Test func failedFilesExitOneWithAReasonPerFile() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("ingestd-cmd-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let empty = dir.appendingPathComponent("empty.txt")
        let binary = dir.appendingPathComponent("image.txt")
        try Data().write(to: empty)
        try Data([0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0, 0, 0, 13]).write(to: binary)
        let r = try Self.run(["ingest", empty.path, try Self.seeds()[2], binary.path])
        #expect(r.status == 1)
        let reasons = r.stderr.split(separator: "\n")
        #expect(reasons.count == 2)
        #expect(reasons.contains { $0.contains("empty.txt") && $0.contains("empty") })
        #expect(reasons.contains { $0.contains("image.txt") && $0.contains("binary") })
        #expect(r.stdout.split(separator: "\n").count == 1)
    }

    @Test func explainPrintsEachLineWithItsRoleAndRecord() throws {
        let seed = try #require(try Self.seeds().first { $0.hasSuffix("002_d70ca1f07125791b.txt") })
        let r = try Self.run(["ingest", "--explain", seed])
        #expect(r.status == 0, "stderr: \(r.stderr)")
        let rows = r.stdout.split(separator: "\n").map(String.init)
        #expect(rows.first == "== " + seed)
        #expect(rows[1].hasPrefix("line role"))
        // every line of the page is listed once, in the columns line / role / record / text / signals
        #expect(rows.contains { $0.hasPrefix("4    headline    0   “红色引擎”添动力") && $0.contains("gap=1") })
        #expect(rows.contains { $0.hasPrefix("8    byline      0   王宇") })
        #expect(rows.contains { $0.hasPrefix("1    masthead    -   2022年12月08日") && $0.contains("date 2022-12-08") })
        #expect(!r.stdout.contains("\"id\""))
    }
}
