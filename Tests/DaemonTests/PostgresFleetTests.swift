import Foundation
import Glibc
import Ingest
import Testing
@testable import IngestDaemon

/// The fleet sink against a real PostgreSQL 15 (a cluster of the test's own, see
/// `PostgresCluster`), with the real `ingestd` binary.
@Suite(.serialized) struct PostgresFleetTests {
    static func fleetSettings(_ pg: PostgresCluster, host: String) -> [String: String] {
        ["INGESTD_POSTGRES_URL": pg.url, "INGESTD_POSTGRES_HOST_ID": host]
    }

    static func postgres(_ d: DaemonHarness) -> [String: Any] { d.status()?["postgres"] as? [String: Any] ?? [:] }

    static func localIDs(_ d: DaemonHarness) -> [String] { d.records().map { $0["id"] as! String } }

    /// Shipped and caught up: connected, nothing left, and the database holds this host's position
    /// at the end of every records file.
    static func caughtUp(_ d: DaemonHarness) -> Bool {
        let p = postgres(d)
        return p["state"] as? String == "connected" && p["lag_records"] as? Int == 0
    }

    /// The seeds and the corpus through a daemon into PostgreSQL: every record there once,
    /// headlines find their article first, author filters are exact, `show --postgres` reads one.
    @Test func recordsReachTheFleetAndSearchFindsThem() async throws {
        let pg = try PostgresCluster()
        let d = try DaemonHarness("pgsearch", settings: Self.fleetSettings(pg, host: "alpha"))
        defer { d.killHard() }
        try d.start()
        let pages = SearchTests.pages()
        for (i, page) in pages.enumerated() {
            try FileManager.default.copyItem(at: page, to: d.inbox.appendingPathComponent(String(format: "%03d-", i) + page.lastPathComponent))
            if i == pages.count / 2 {
                // a search of the fleet while the daemon ships answers at once
                let r = try IngestCommandTests.run(["search", "--postgres", "新闻", "--limit", "3"], environment: ["INGESTD_POSTGRES_URL": pg.url])
                #expect(r.status == 0, "search --postgres while shipping: \(r.stderr)")
            }
        }
        try await eventually(timeout: 180, "all pages taken and shipped") {
            let c = d.status()?["counters"] as? [String: Int] ?? [:]
            return (c["files_ingested"] ?? 0) + (c["duplicates"] ?? 0) + (c["failed"] ?? 0) == pages.count && Self.caughtUp(d)
        }
        let records = d.records()
        let ids = Set(records.map { $0["id"] as! String })
        #expect(Set(try pg.query("SELECT id FROM ingestd.records").map { $0[0] }) == ids)
        #expect(try pg.scalar("SELECT count(*) FROM ingestd.records") == ids.count)
        #expect(try pg.scalar("SELECT count(*) FROM ingestd.records WHERE host_id <> 'alpha'") == 0)
        #expect(try pg.scalar("SELECT max(version) FROM ingestd.schema_migrations") == PostgresSchema.latest)
        #expect(try pg.scalar("SELECT sum(records) FROM ingestd.positions WHERE host_id = 'alpha'") == records.count)

        // the same ranking contract as the local index, over the fleet
        let fleet = try FleetSearch(url: pg.url, segmenter: FleetQueryTests.segmenter)
        let headlines = SearchTests.headlineCases(records)
        var misses: [String] = []
        for (title, id) in headlines {
            let hits = try await fleet.search(title, SearchTests.topThree)
            if hits.first?.record.id != id { misses.append(title + " → " + (hits.first?.record.title ?? "nothing")) }
        }
        #expect(headlines.count >= 15)
        #expect(misses.isEmpty, "\(misses.count) of \(headlines.count) headlines did not find their article first: \(misses.prefix(8))")
        let authors = SearchTests.authorCases(records)
        #expect(!authors.isEmpty)
        for (a, expected) in authors {
            #expect(Set(try await fleet.search("", SearchTests.byAuthor(a)).map(\.record.id)) == expected, "author \(a)")
        }
        let one = records[0]
        let shown = try IngestCommandTests.run(["show", "--postgres", one["id"] as! String], environment: ["INGESTD_POSTGRES_URL": pg.url])
        #expect(shown.status == 0 && shown.stdout.contains(one["title"] as! String), "\(shown.stderr)")
        let bad = try IngestCommandTests.run(["search", "--postgres", "工会 OR"], environment: ["INGESTD_POSTGRES_URL": pg.url])
        #expect(bad.status == 2 && bad.stderr.split(separator: "\n").count == 1, "\(bad.stderr)")
        d.signal(SIGTERM)
        #expect(try d.waitForExit().status == 0)
    }

    /// PostgreSQL down at the start and later: ingesting goes on, status and `ingestd status`
    /// say so with the lag, and everything arrives once it is back. A schema newer than the
    /// binary is refused with a reason.
    @Test func aDatabaseThatIsDownOnlyMakesTheLagGrow() async throws {
        let pg = try PostgresCluster()
        try pg.stop()
        let d = try DaemonHarness("pgdown", settings: Self.fleetSettings(pg, host: "beta").merging(["INGESTD_METRICS_FILE": "ingestd.prom"]) { $1 })
        let metrics = { MetricsFileTests.samples((try? String(contentsOfFile: d.root.appendingPathComponent("ingestd.prom").path, encoding: .utf8)) ?? "") }
        defer { d.killHard() }
        try d.start()
        for i in 0..<5 { try Pages.seed(i).write(to: d.inbox.appendingPathComponent("s\(i).txt")) }
        try await eventually(timeout: 60, "ingested while the database is down") { d.counter("files_ingested") == 5 }
        let local = Self.localIDs(d)
        try await eventually(timeout: 30, "status shows the lag") {
            let p = Self.postgres(d)
            return p["state"] as? String == "unreachable" && p["lag_records"] as? Int == local.count
        }
        let status = try IngestCommandTests.run(["status", "--status-file", d.stateDir.appendingPathComponent("status.json").path])
        #expect(status.status == 1 && status.stdout.contains("postgres unreachable"), "\(status.stdout)")
        try await eventually(timeout: 10, "the metrics show the lag") {
            metrics()["ingestd_postgres_lag_records"] == Double(local.count) && metrics()["ingestd_postgres_up"] == 0
        }

        try pg.start()
        try await eventually(timeout: 60, "shipped once the database is back") { Self.caughtUp(d) }
        try await eventually(timeout: 10, "the metrics follow") {
            let m = metrics()
            return m["ingestd_postgres_up"] == 1 && m["ingestd_postgres_lag_records"] == 0 && m["ingestd_postgres_shipped_records_total"] == Double(local.count)
        }
        #expect(Set(try pg.query("SELECT id FROM ingestd.records").map { $0[0] }) == Set(local))
        // a restart ships nothing again
        d.signal(SIGTERM)
        #expect(try d.waitForExit().status == 0)
        try d.start()
        try await eventually(timeout: 30, "connected again") { Self.caughtUp(d) }
        #expect(Self.postgres(d)["shipped_records"] as? Int == 0)
        #expect(try pg.scalar("SELECT count(*) FROM ingestd.records") == local.count)

        // a schema from a newer ingestd: refused, said, nothing shipped
        _ = try pg.query("INSERT INTO ingestd.schema_migrations (version, name) VALUES (999, 'from the future')")
        d.signal(SIGTERM)
        #expect(try d.waitForExit().status == 0)
        try d.start()
        try Pages.unique(7).write(to: d.inbox.appendingPathComponent("later.txt"))
        try await eventually(timeout: 60, "the newer schema refused") {
            let p = Self.postgres(d)
            return p["state"] as? String == "error" && (p["last_error"] as? String ?? "").contains("newer") && (p["lag_records"] as? Int ?? 0) > 0
        }
        d.signal(SIGTERM)
        #expect(try d.waitForExit().status == 0)
    }

    /// Two hosts, one database: 2 × 3 000 pages, 300 of them on both; each daemon killed
    /// with SIGKILL at random moments and PostgreSQL restarted once in the burst. Then
    /// every record is in PostgreSQL once, the shared pages are one source plus a duplicate
    /// of the other host, and each host's positions cover exactly its local records.
    @Test func twoHostsKilledAndARestartedDatabaseStoreEverythingOnce() async throws {
        let pg = try PostgresCluster()
        let hosts = try ["east", "west"].map { name in
            try DaemonHarness("fleet-\(name)", settings: Self.fleetSettings(pg, host: name).merging(["INGESTD_WORKERS": "1"]) { $1 })
        }
        defer { for h in hosts { h.killHard() } }
        for h in hosts { try h.start() }
        let perHost = 3000, shared = 300
        for (k, h) in hosts.enumerated() {
            let dir = h.inbox.appendingPathComponent("burst")
            try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
            for i in 0..<perHost {
                // the first 300 pages have the same bytes on both hosts
                let n = i < shared ? i : 100_000 * (k + 1) + i
                try Pages.unique(n).write(to: dir.appendingPathComponent("p\(i).txt"))
            }
        }
        var rng = SystemRandomNumberGenerator()
        for round in 0..<6 {
            try await Task.sleep(for: .milliseconds(Int.random(in: 400...2500, using: &rng)))
            if round == 3 {
                try pg.stop()
                try await Task.sleep(for: .seconds(1))
                try pg.start()
                continue
            }
            let h = hosts[round % 2]
            h.killHard()
            try h.start()
        }
        try await eventually(timeout: 900, "both inboxes drained and shipped") {
            hosts.allSatisfy { h in ((try? FileManager.default.contentsOfDirectory(atPath: h.inbox.appendingPathComponent("burst").path)) ?? ["x"]).isEmpty && Self.caughtUp(h) }
        }
        for h in hosts { CrashAndLoadTests.checkInvariants(h, names: Set((0..<perHost).map { "burst/p\($0).txt" }), expectDrained: true) }

        let local = hosts.map { Set(Self.localIDs($0)) }
        let everything = local[0].union(local[1])
        let stored = try pg.query("SELECT id FROM ingestd.records").map { $0[0] }
        #expect(stored.count == Set(stored).count)
        #expect(Set(stored) == everything, "missing \(everything.subtracting(stored).count), extra \(Set(stored).subtracting(everything).count)")
        // the shared pages: one source each, and one duplicate row naming the other host
        #expect(try pg.scalar("SELECT count(*) FROM ingestd.sources") == 2 * perHost - shared)
        #expect(try pg.scalar("SELECT count(*) FROM ingestd.duplicates") == shared)
        #expect(try pg.scalar("SELECT count(*) FROM ingestd.duplicates d JOIN ingestd.sources s USING (sha256) WHERE d.host_id = s.host_id") == 0)
        for (k, name) in ["east", "west"].enumerated() {
            // what this host shipped: the records it stored first, and those of its duplicates
            let own = try pg.query("""
                SELECT r.id FROM ingestd.records r JOIN ingestd.sources s USING (sha256) WHERE s.host_id = '\(name)'
                UNION SELECT r.id FROM ingestd.records r JOIN ingestd.duplicates d USING (sha256) WHERE d.host_id = '\(name)'
                """).map { $0[0] }
            #expect(Set(own) == local[k], "\(name): local records and what it shipped differ")
            #expect(try pg.scalar("SELECT sum(records) FROM ingestd.positions WHERE host_id = '\(name)'") == local[k].count)
        }
        for h in hosts {
            h.signal(SIGTERM)
            #expect(try h.waitForExit().status == 0)
        }
    }
}
