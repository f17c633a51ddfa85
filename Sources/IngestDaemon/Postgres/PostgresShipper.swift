import Foundation
import Ingest
import Logging
import PostgresNIO

/// Ships committed records to the fleet's PostgreSQL, exactly once. Records are durable in
/// records/ first (the sink); this service reads them from there, never from memory, so
/// PostgreSQL being down only makes the lag grow. Each batch is one transaction that
/// inserts the records (`ON CONFLICT (id) DO NOTHING`) and moves this host's position in
/// that records file, after locking the position row and checking that it is where this
/// host believes: a `kill -9` or a server restart at any instant leaves either both or
/// neither, and the next attempt starts from the position the database holds.
///
/// A source that another host sent first is stored as a duplicate of it (the records are
/// the same ids, so they are not stored twice either).
actor PostgresShipper: DaemonService, EventSubscriber {
    nonisolated let name = "postgres"
    let target: PostgresTarget
    let hostID: String
    let recordsDir: String
    let segmenter: SearchSegmenter
    let batchRecords: Int
    let log: Logger
    /// Where this host's positions were last seen (advisory: the database decides), so that
    /// the lag is known before the first connection.
    let cachePath: String

    private var report: @Sendable (StatusDocument.Postgres) async -> Void = { _ in }
    private var status = StatusDocument.Postgres()
    /// records file → committed length (what may be shipped).
    private var committed: [String: Int] = [:]
    /// records file → shipped length (the database's, once connected).
    private var shipped: [String: Int] = [:]
    private var connection: PostgresConnection?
    private var loop: Task<Void, Never>?
    private var wakeUp: CheckedContinuation<Void, Never>?
    private var stopping = false
    private var pause = PostgresShipper.firstRetry
    private let thread = NiceThread(name: "postgres")

    static let firstRetry = 1.0
    static let lastRetry = 30.0

    init(target: PostgresTarget, hostID: String, recordsDir: String, stateDir: String, segmenter: SearchSegmenter,
         batchRecords: Int, log: Logger) {
        self.target = target
        self.hostID = hostID
        self.recordsDir = recordsDir
        self.segmenter = segmenter
        self.batchRecords = batchRecords
        self.log = log
        cachePath = stateDir + "/postgres-positions.json"
        status.state = "connecting"
        status.hostID = hostID
        status.target = target.description
    }

    func setReporter(_ r: @escaping @Sendable (StatusDocument.Postgres) async -> Void) { report = r }

    /// Before the sink starts: the records files' lengths now are all committed (recovery
    /// has cut what was not). Connecting happens in the background: a database that is down
    /// must not hold up the start.
    func start() async throws {
        committed = RecordFiles.lengths(in: recordsDir)
        shipped = readCache()
        loop = Task { await self.run() }
    }

    func receive(_ event: DaemonEvent) async {
        guard case .recordsDurable(let ends) = event else { return }
        // the sink counts what it committed: no need to read it again for the lag
        for (file, c) in ends where c.end > committed[file] ?? 0 {
            committed[file] = c.end
            status.lagRecords += c.records
        }
        wakeUp?.resume()
        wakeUp = nil
    }

    /// The transaction in hand finishes (or the connection closes under it, which rolls it
    /// back); what is left is shipped at the next start.
    func shutdown() async {
        stopping = true
        wakeUp?.resume()
        wakeUp = nil
        let loop = self.loop
        if await !ServiceGroup.race(.seconds(5), { await loop?.value }) { loop?.cancel() }
        await disconnect()
        writeCache()
        if status.lagRecords > 0 { log.info("postgres: \(status.lagRecords) record(s) not shipped yet; they are sent at the next start") }
    }

    private func run() async {
        recountLag()
        await publish()
        while !stopping {
            if connection == nil {
                do {
                    try await connect()
                    pause = Self.firstRetry
                } catch {
                    await failed(error)
                    await rest()
                    continue
                }
            }
            guard let (file, from, limit) = nextWork() else {
                await withCheckedContinuation { wakeUp = $0 }
                continue
            }
            do {
                let (dir, max, segmenter) = (recordsDir, batchRecords, segmenter)
                let read = await thread.run {
                    try ShippingBatch.read(dir: dir, file: file, from: from, limit: limit, maxRecords: max, segmenter: segmenter)
                }
                guard let batch = try read.get() else {
                    // nothing whole up to the committed length: cannot happen after recovery; skip it
                    shipped[file] = limit
                    continue
                }
                try await ship(batch)
            } catch {
                await failed(error)
                await disconnect()
                await rest()
            }
        }
    }

    private func nextWork() -> (String, Int, Int)? {
        for file in committed.keys.sorted() {
            let end = committed[file] ?? 0
            let from = shipped[file] ?? 0
            if end > from { return (file, from, end) }
        }
        return nil
    }

    private func connect() async throws {
        status.state = "connecting"
        let c = try await PostgresConnection.connect(configuration: try target.connectionConfiguration(), id: 1, logger: quiet)
        do {
            let applied = try await PostgresSchema.migrate(c, log: quiet)
            if !applied.isEmpty { log.notice("postgres: schema migrated to version \(PostgresSchema.latest) (applied \(applied.map(String.init).joined(separator: ", ")))") }
            var positions: [String: Int] = [:]
            for try await (file, bytes) in try await c.query("SELECT file, bytes FROM ingestd.positions WHERE host_id = \(hostID)", logger: quiet).decode((String, Int64).self) {
                positions[file] = Int(bytes)
            }
            shipped = positions
        } catch {
            try? await c.close()
            throw error
        }
        connection = c
        recountLag()
        let wasFailing = status.lastError != nil
        status.state = "connected"
        status.lastError = nil
        log.log(level: wasFailing ? .notice : .info, "postgres: connected to \(target.description) as host \(hostID); \(status.lagRecords) record(s) to ship")
        await publish()
    }

    /// One transaction: the position row locked and checked, sources, duplicates, records,
    /// the position moved.
    private func ship(_ b: ShippingBatch) async throws {
        guard let connection else { return }
        let (host, file, log) = (hostID, b.file, quiet)
        enum Outcome: Sendable { case shipped(duplicates: Int), moved(Int) }
        let outcome: Outcome = try await connection.withTransaction(logger: log) { c in
            try await c.query("INSERT INTO ingestd.positions (host_id, file, bytes) VALUES (\(host), \(file), 0) ON CONFLICT DO NOTHING", logger: log)
            var at = 0
            for try await bytes in try await c.query("SELECT bytes FROM ingestd.positions WHERE host_id = \(host) AND file = \(file) FOR UPDATE", logger: log).decode(Int64.self) {
                at = Int(bytes)
            }
            // another run of this host (or a restored state dir) got further or less far:
            // start again from the database's position
            guard at == b.from else { return .moved(at) }
            let shas = b.sources.map(\.sha256).sorted()
            try await c.query("""
                INSERT INTO ingestd.sources (sha256, host_id, path, ingested_at, records)
                SELECT s.sha256, \(host), s.path, s.ingested_at, s.records
                FROM jsonb_to_recordset(\(b.sourcesJSON)::jsonb) AS s(sha256 text, path text, ingested_at timestamptz, records integer)
                ORDER BY s.sha256
                ON CONFLICT (sha256) DO NOTHING
                """, logger: log)
            var foreign: [String] = []
            for try await sha in try await c.query("SELECT sha256 FROM ingestd.sources WHERE sha256 = ANY(\(shas)) AND host_id <> \(host)", logger: log).decode(String.self) {
                foreign.append(sha)
            }
            if !foreign.isEmpty {
                try await c.query("""
                    INSERT INTO ingestd.duplicates (sha256, host_id, path, ingested_at)
                    SELECT s.sha256, \(host), s.path, s.ingested_at
                    FROM jsonb_to_recordset(\(b.sourcesJSON)::jsonb) AS s(sha256 text, path text, ingested_at timestamptz)
                    WHERE s.sha256 = ANY(\(foreign))
                    ON CONFLICT DO NOTHING
                    """, logger: log)
            }
            try await c.query("""
                INSERT INTO ingestd.records (id, sha256, host_id, path, paper, date, edition, section, title, subtitle,
                                             authors, kind, chars, keywords, summary, ingested_at, record, search)
                SELECT r->>'id', r->'source'->>'sha256', \(host), r->'source'->>'path', r->>'paper', r->>'date', r->>'edition',
                       r->>'section', r->>'title', r->>'subtitle',
                       ARRAY(SELECT jsonb_array_elements_text(r->'authors')), r->>'kind', (r->>'chars')::integer,
                       ARRAY(SELECT jsonb_array_elements_text(r->'keywords')), r->>'summary', (r->>'ingested_at')::timestamptz, r,
                       setweight(to_tsvector('simple', e->>'t'), 'A') || setweight(to_tsvector('simple', e->>'s'), 'B')
                         || setweight(to_tsvector('simple', e->>'a'), 'C') || setweight(to_tsvector('simple', e->>'b'), 'D')
                         || setweight(to_tsvector('simple', e->>'i'), 'D')
                FROM jsonb_array_elements(\(b.recordsJSON)::jsonb) AS e, LATERAL (SELECT e->'r' AS r) x
                WHERE NOT (r->'source'->>'sha256' = ANY(\(foreign)))
                ON CONFLICT (id) DO NOTHING
                """, logger: log)
            try await c.query("""
                UPDATE ingestd.positions SET bytes = \(b.to), records = records + \(b.lines), updated_at = now()
                WHERE host_id = \(host) AND file = \(file)
                """, logger: log)
            return .shipped(duplicates: foreign.count)
        }
        switch outcome {
        case .shipped(let duplicates):
            shipped[b.file] = b.to
            status.lagRecords = max(0, status.lagRecords - b.lines)
            status.shippedRecords += b.lines
            status.duplicateSources += duplicates
            status.lastShippedAt = RFC3339Clock.stamp(RFC3339Clock.now())
        case .moved(let at):
            log.notice("postgres: the database has host \(hostID) at byte \(at) of \(b.file), not \(b.from); shipping from there")
            shipped[b.file] = at
            recountLag()
        }
        status.state = "connected"
        status.lastError = nil
        writeCache()
        await publish()
    }

    private func failed(_ error: any Error) async {
        let message = PostgresProblem.describe(error)
        let state = PostgresProblem.isUnreachable(error) ? "unreachable" : "error"
        if status.lastError != message || status.state != state {
            log.warning("postgres: \(state == "unreachable" ? "cannot reach" : "error from") \(target.description): \(message); \(status.lagRecords) record(s) wait in records/, retrying")
        }
        status.state = state
        status.lastError = message
        await publish()
    }

    private func disconnect() async {
        guard let c = connection else { return }
        connection = nil
        try? await c.close()
    }

    /// Waits before the next attempt (1 s, doubling up to 30 s); a stop cuts it short.
    private func rest() async {
        let until = ContinuousClock.now + .seconds(pause)
        pause = min(pause * 2, Self.lastRetry)
        while !stopping, ContinuousClock.now < until {
            try? await Task.sleep(for: .milliseconds(100))
        }
    }

    private func recountLag() {
        var lag = 0
        for (file, end) in committed {
            lag += ShippingBatch.countLines(dir: recordsDir, file: file, from: min(shipped[file] ?? 0, end), to: end)
        }
        status.lagRecords = lag
    }

    private func publish() async {
        await report(status)
    }

    /// postgres-nio logs every query at debug and connection trouble at error; the shipper
    /// says what matters itself, once.
    private var quiet: Logger {
        var l = log
        l.logLevel = .critical
        return l
    }

    private struct Cache: Codable {
        var hostID: String
        var positions: [String: Int]
    }

    private func readCache() -> [String: Int] {
        guard let data = FileManager.default.contents(atPath: cachePath),
              let cache = try? JSONDecoder().decode(Cache.self, from: data), cache.hostID == hostID else { return [:] }
        return cache.positions
    }

    /// Not fsynced: it only estimates the lag until the database answers.
    private func writeCache() {
        guard let data = try? JSONEncoder().encode(Cache(hostID: hostID, positions: shipped)) else { return }
        let tmp = cachePath + ".tmp"
        if FileManager.default.createFile(atPath: tmp, contents: data) { _ = rename(tmp, cachePath) }
    }
}
