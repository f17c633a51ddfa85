import Foundation
import Glibc
import Testing

/// `metrics_file`: the Prometheus text exposition the daemon writes at every status refresh.
@Suite(.serialized) struct MetricsFileTests {
    /// `name{labels}` → value, for every sample line; fails on a line that is not one.
    static func samples(_ text: String) -> [String: Double] {
        var out: [String: Double] = [:]
        for line in text.split(separator: "\n") where !line.hasPrefix("#") {
            let parts = line.split(separator: " ")
            #expect(parts.count == 2, "not a sample line: \(line)")
            if parts.count == 2, let v = Double(parts[1]) { out[String(parts[0])] = v }
        }
        return out
    }

    @Test func countsOutcomesReasonsAndTimes() throws {
        // a relative path in an INGESTD_* variable is taken from the working directory (the
        // harness runs the daemon in its root folder)
        let d = try DaemonHarness("metrics", settings: ["INGESTD_METRICS_FILE": "metrics/ingestd.prom"])
        try d.start()
        let path = d.root.appendingPathComponent("metrics/ingestd.prom").path
        let first = Self.samples(try String(contentsOfFile: path, encoding: .utf8))
        // every series exists from the start
        #expect(first["ingestd_files_total{outcome=\"ingested\"}"] == 0)
        #expect(first["ingestd_files_failed_total{reason=\"too_large\"}"] == 0)
        #expect(first["ingestd_file_processing_seconds_count"] == 0)

        for i in 0..<3 { try Pages.seed(i).write(to: d.inbox.appendingPathComponent("p\(i).txt")) }
        try Pages.seed(0).write(to: d.inbox.appendingPathComponent("again.txt"))
        try Data([0x00, 0x01, 0x02]).write(to: d.inbox.appendingPathComponent("binary.txt"))
        try Data().write(to: d.inbox.appendingPathComponent("empty.txt"))
        try waitUntil(timeout: 60, "all six done") { d.counter("files_ingested") == 3 && d.counter("duplicates") == 1 && d.counter("failed") == 2 }
        let articles = d.records().count
        try waitUntil(timeout: 3, "metrics caught up") {
            Self.samples((try? String(contentsOfFile: path, encoding: .utf8)) ?? "")["ingestd_file_processing_seconds_count"] == 6
        }
        let m = Self.samples(try String(contentsOfFile: path, encoding: .utf8))
        #expect(m["ingestd_files_total{outcome=\"ingested\"}"] == 3)
        #expect(m["ingestd_files_total{outcome=\"duplicate\"}"] == 1)
        #expect(m["ingestd_files_total{outcome=\"failed\"}"] == 2)
        #expect(m["ingestd_files_failed_total{reason=\"binary\"}"] == 1)
        #expect(m["ingestd_files_failed_total{reason=\"empty\"}"] == 1)
        #expect(m["ingestd_articles_total"] == Double(articles))
        #expect(m["ingestd_bytes_total"] == Double((0..<3).reduce(0) { $0 + Pages.seed($1).count } + Pages.seed(0).count))
        #expect(m["ingestd_queue_pending"] == 0 && m["ingestd_files_in_flight"] == 0)
        #expect(m["ingestd_inotify_overflows_total"] == 0)
        #expect(m["ingestd_file_processing_seconds_bucket{le=\"+Inf\"}"] == 6)
        #expect((m["ingestd_file_processing_seconds_sum"] ?? 0) > 0)
        let last = try #require(m["ingestd_last_ingest_timestamp_seconds"])
        #expect(abs(last - Date().timeIntervalSince1970) < 60)
        // written whole and renamed: no temporary files left beside it
        #expect(try FileManager.default.contentsOfDirectory(atPath: (path as NSString).deletingLastPathComponent) == ["ingestd.prom"])
        d.signal(SIGTERM)
        #expect(try d.waitForExit().status == 0)
    }

    @Test func notWrittenUnlessConfigured() throws {
        let d = try DaemonHarness("nometrics")
        try d.start()
        Thread.sleep(forTimeInterval: 1)
        #expect(!FileManager.default.fileExists(atPath: d.stateDir.appendingPathComponent("metrics").path))
        let all = FileManager.default.enumerator(atPath: d.stateDir.path)?.allObjects as? [String] ?? []
        #expect(!all.contains { $0.hasSuffix(".prom") })
        d.signal(SIGTERM)
        try d.waitForExit()
    }
}
