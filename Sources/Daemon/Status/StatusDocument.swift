/// `status.json` as the SPEC defines it; extra fields (`rate_per_min`, `backlog`) are ours.
struct StatusDocument: Codable, Sendable, Equatable {
    struct Queue: Codable, Sendable, Equatable {
        var pending: Int
        var inFlight: Int
        enum CodingKeys: String, CodingKey { case pending, inFlight = "in_flight" }
    }

    struct Counters: Codable, Sendable, Equatable {
        var filesIngested = 0
        var articles = 0
        var duplicates = 0
        var failed = 0
        var bytes = 0
        enum CodingKeys: String, CodingKey {
            case articles, duplicates, failed, bytes
            case filesIngested = "files_ingested"
        }
    }

    struct LastIngest: Codable, Sendable, Equatable {
        var at: String
        var file: String
        var articles: Int
    }

    struct LastError: Codable, Sendable, Equatable {
        var at: String
        var file: String
        var message: String
    }

    struct Watch: Codable, Sendable, Equatable {
        /// `inotify`, or `poll` (with the reason in `note`).
        var mode: String
        var watches: Int
        var overflows: Int
        var note: String?
        /// When the last full scan of the inbox ended (RFC 3339), if any.
        var lastScan: String?
        /// True while a scan triggered by an overflow is still running.
        var reconciling: Bool
        enum CodingKeys: String, CodingKey {
            case mode, watches, overflows, note, reconciling
            case lastScan = "last_scan"
        }
    }

    var state: String
    var pid: Int32
    var version: String
    var startedAt: String
    var updatedAt: String
    var uptimeS: Double
    var inbox: String
    var stateDir: String
    var workers: Int
    var queue: Queue
    var counters: Counters
    var lastIngest: LastIngest?
    var lastError: LastError?
    var watch: Watch
    /// Files finished in the last 60 s.
    var ratePerMin: Int
    /// Seconds since a worker last finished a file while work was waiting (0 when idle).
    var stalledS: Double
    var refreshIntervalS: Double
    /// Failures in the last 5 minutes.
    var recentFailures: Int
    /// What of our own storage refuses writes right now (`no space left on device
    /// (records)`), nil while writes succeed.
    var writeFault: String? = nil
    /// The files the workers are parsing now, each with the time it was taken.
    var workingOn: [WorkingOn]? = nil

    struct WorkingOn: Codable, Sendable, Equatable {
        var file: String
        var since: String
    }

    enum CodingKeys: String, CodingKey {
        case state, pid, version, inbox, workers, queue, counters, watch
        case startedAt = "started_at", updatedAt = "updated_at", uptimeS = "uptime_s", stateDir = "state_dir"
        case lastIngest = "last_ingest", lastError = "last_error", ratePerMin = "rate_per_min", stalledS = "stalled_s"
        case refreshIntervalS = "refresh_interval_s", recentFailures = "recent_failures", writeFault = "write_fault", workingOn = "working_on"
    }

    /// Encodes with every SPEC field present (`null` for absent optionals).
    func encode(to encoder: any Encoder) throws {
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
    }
}
