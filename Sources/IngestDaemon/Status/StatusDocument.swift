/// `status.json` as the SPEC defines it; extra fields (`rate_per_min`, `backlog`) are ours.
package struct StatusDocument: Codable, Sendable, Equatable {
    package struct Queue: Codable, Sendable, Equatable {
        package var pending: Int
        package var inFlight: Int
        enum CodingKeys: String, CodingKey { case pending, inFlight = "in_flight" }
    }

    package struct Counters: Codable, Sendable, Equatable {
        package var filesIngested = 0
        package var articles = 0
        package var duplicates = 0
        package var failed = 0
        package var bytes = 0
        enum CodingKeys: String, CodingKey {
            case articles, duplicates, failed, bytes
            case filesIngested = "files_ingested"
        }
    }

    package struct LastIngest: Codable, Sendable, Equatable {
        package var at: String
        package var file: String
        package var articles: Int
    }

    package struct LastError: Codable, Sendable, Equatable {
        package var at: String
        package var file: String
        package var message: String
    }

    package struct Watch: Codable, Sendable, Equatable {
        /// `inotify`, or `poll` (with the reason in `note`).
        package var mode: String
        package var watches: Int
        package var overflows: Int
        package var note: String?
        /// When the last full scan of the inbox ended (RFC 3339), if any.
        package var lastScan: String?
        /// True while a scan triggered by an overflow is still running.
        package var reconciling: Bool
        enum CodingKeys: String, CodingKey {
            case mode, watches, overflows, note, reconciling
            case lastScan = "last_scan"
        }
    }

    package var state: String
    package var pid: Int32
    package var version: String
    package var startedAt: String
    package var updatedAt: String
    package var uptimeS: Double
    package var inbox: String
    package var stateDir: String
    package var workers: Int
    package var queue: Queue
    package var counters: Counters
    package var lastIngest: LastIngest?
    package var lastError: LastError?
    package var watch: Watch
    /// Files finished in the last 60 s.
    package var ratePerMin: Int
    /// Seconds since a worker last finished a file while work was waiting (0 when idle).
    package var stalledS: Double
    package var refreshIntervalS: Double
    /// Failures in the last 5 minutes.
    package var recentFailures: Int
    /// What of our own storage refuses writes right now (`no space left on device
    /// (records)`), nil while writes succeed.
    package var writeFault: String? = nil
    /// The files the workers are parsing now, each with the time it was taken.
    package var workingOn: [WorkingOn]? = nil

    /// The fleet shipper (`[postgres]`): `state` is `off` when none is configured.
    package var postgres = Postgres()

    package struct Postgres: Codable, Sendable, Equatable {
        /// `off`, `connecting`, `connected`, `unreachable` (retrying), or `error` (the server
        /// refuses what is sent; retrying).
        package var state = "off"
        package var hostID: String?
        /// The database, without its password.
        package var target: String?
        /// Records committed here and not yet in PostgreSQL.
        package var lagRecords = 0
        /// Since the start: records sent, and sources another host had sent first.
        package var shippedRecords = 0
        package var duplicateSources = 0
        package var lastShippedAt: String?
        package var lastError: String?
        package init() {}
        enum CodingKeys: String, CodingKey {
            case state, target
            case hostID = "host_id", lagRecords = "lag_records", shippedRecords = "shipped_records"
            case duplicateSources = "duplicate_sources", lastShippedAt = "last_shipped_at", lastError = "last_error"
        }
    }

    package struct WorkingOn: Codable, Sendable, Equatable {
        package var file: String
        package var since: String
    }

    enum CodingKeys: String, CodingKey {
        case state, pid, version, inbox, workers, queue, counters, watch
        case startedAt = "started_at", updatedAt = "updated_at", uptimeS = "uptime_s", stateDir = "state_dir"
        case lastIngest = "last_ingest", lastError = "last_error", ratePerMin = "rate_per_min", stalledS = "stalled_s"
        case refreshIntervalS = "refresh_interval_s", recentFailures = "recent_failures", writeFault = "write_fault", workingOn = "working_on"
        case postgres
    }

    /// Encodes with every SPEC field present (`null` for absent optionals).
    package func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(state, forKey: .state)
        try c.encode(pid, forKey: .pid)
        try c.encode(version, forKey: .version)
        try c.encode(startedAt, forKey: .startedAt)
        try c.encode(updatedAt, forKey: .updatedAt)
        try c.encode(uptimeS, forKey: .uptimeS)
        try c.encode(inbox, forKey: .inbox)
        try c.encode(stateDir, forKey: .stateDir)
        try c.encode(workers, forKey: .workers)
        try c.encode(queue, forKey: .queue)
        try c.encode(counters, forKey: .counters)
        try c.encode(lastIngest, forKey: .lastIngest)
        try c.encode(lastError, forKey: .lastError)
        try c.encode(watch, forKey: .watch)
        try c.encode(ratePerMin, forKey: .ratePerMin)
        try c.encode(stalledS, forKey: .stalledS)
        try c.encode(refreshIntervalS, forKey: .refreshIntervalS)
        try c.encode(recentFailures, forKey: .recentFailures)
        try c.encode(writeFault, forKey: .writeFault)
        try c.encode(workingOn ?? [], forKey: .workingOn)
        try c.encode(postgres, forKey: .postgres)
    }
}
