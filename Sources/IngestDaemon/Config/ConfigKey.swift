import Foundation

/// Every setting, declared once: its name in the file, its `INGESTD_<NAME>` variable and how
/// a value is checked and stored. The defaults are the properties of `DaemonConfig`;
/// `config/ingestd.toml` lists each key with its default (a test holds the three together).
struct ConfigKey: Sendable {
    let name: String
    /// A path: relative values are taken from the state dir in the file, from the working
    /// directory on the command line and in `INGESTD_*` variables.
    var isPath = false
    /// Stores a value; `what` names the setting and where it came from, for error messages.
    let apply: @Sendable (inout DaemonConfig, ConfigValue, _ what: String) throws -> Void

    /// `postgres.url` → `INGESTD_POSTGRES_URL`.
    var environmentName: String { "INGESTD_" + name.uppercased().replacingOccurrences(of: ".", with: "_") }

    static let all: [ConfigKey] = [
        .path("state_dir", \.stateDir),
        .path("inbox", \.inbox),
        .path("records_dir", \.recordsDir),
        .path("archive_dir", \.archiveDir),
        .path("failed_dir", \.failedDir),
        .path("summary_file", \.summaryFile),
        .path("status_file", \.statusFile),
        .path("ledger_file", \.ledgerFile),
        .path("metrics_file", \.metricsFile),
        .integer("workers", \.workers),
        .strings("include", \.include),
        .strings("exclude", \.exclude),
        .integer("max_file_bytes", \.maxFileBytes),
        .number("rescan_interval_s", \.rescanIntervalSeconds),
        .number("status_interval_s", \.statusIntervalSeconds, within: 0.2...5),
        .number("settle_s", \.settleSeconds),
        .number("poll_interval_s", \.pollIntervalSeconds, within: 0.1...Double.greatestFiniteMagnitude),
        .integer("queue_capacity", \.queueCapacity, atLeast: 1),
        .integer("summary_window_hours", \.summaryWindowHours, atLeast: 1),
        .number("drain_deadline_s", \.drainDeadlineSeconds, within: 1...3600),
        .path("lexicon_dir", \.lexiconDir),
        .path("index_file", \.indexFile),
        .string("postgres.url", \.postgresURL),
        .string("postgres.host_id", \.postgresHostID),
        .integer("postgres.batch_records", \.postgresBatchRecords, atLeast: 1),
    ]

    static let byName: [String: ConfigKey] = Dictionary(uniqueKeysWithValues: all.map { ($0.name, $0) })

    /// The known key nearest to a mistyped one (`worker` → `workers`), if any is close.
    static func nearest(to name: String) -> String? {
        let scored = all.map { ($0.name, distance(Array(name), Array($0.name))) }.min { $0.1 < $1.1 }
        guard let (best, d) = scored, d <= max(2, name.count / 3) else { return nil }
        return best
    }

    /// Levenshtein distance (keys are short).
    static func distance(_ a: [Character], _ b: [Character]) -> Int {
        var row = Array(0...b.count)
        for (i, ca) in a.enumerated() {
            var diagonal = row[0]
            row[0] = i + 1
            for (j, cb) in b.enumerated() {
                let above = row[j + 1]
                row[j + 1] = min(above + 1, row[j] + 1, diagonal + (ca == cb ? 0 : 1))
                diagonal = above
            }
        }
        return row[b.count]
    }

    typealias Path<T> = WritableKeyPath<DaemonConfig, T> & Sendable

    static func string(_ name: String, _ path: Path<String>) -> ConfigKey {
        ConfigKey(name: name) { config, value, what in
            guard case .string(let s) = value else { throw DaemonConfig.Invalid(message: "\(what) must be a string, not \(value.kind)") }
            config[keyPath: path] = s
        }
    }

    static func path(_ name: String, _ path: Path<String>) -> ConfigKey {
        var key = string(name, path)
        key.isPath = true
        return key
    }

    static func integer(_ name: String, _ path: Path<Int>, atLeast floor: Int = 0) -> ConfigKey {
        ConfigKey(name: name) { config, value, what in
            guard case .integer(let i) = value, i >= 0 else { throw DaemonConfig.Invalid(message: "\(what) must be a whole number ≥ 0, not \(value.kind)") }
            config[keyPath: path] = max(floor, i)
        }
    }

    static func number(_ name: String, _ path: Path<Double>, within range: ClosedRange<Double> = 0...Double.greatestFiniteMagnitude) -> ConfigKey {
        ConfigKey(name: name) { config, value, what in
            let d: Double
            switch value {
            case .integer(let i): d = Double(i)
            case .float(let f): d = f
            default: throw DaemonConfig.Invalid(message: "\(what) must be a number, not \(value.kind)")
            }
            config[keyPath: path] = min(range.upperBound, max(range.lowerBound, d))
        }
    }

    /// A list of strings, or one string of space-separated words (handy in the environment).
    static func strings(_ name: String, _ path: Path<[String]>) -> ConfigKey {
        ConfigKey(name: name) { config, value, what in
            if case .string(let s) = value {
                config[keyPath: path] = s.split(separator: " ").map(String.init)
                return
            }
            guard case .array(let items) = value else { throw DaemonConfig.Invalid(message: "\(what) must be a list of strings, not \(value.kind)") }
            config[keyPath: path] = try items.map { item in
                guard case .string(let s) = item else { throw DaemonConfig.Invalid(message: "\(what) must be a list of strings, not a list holding \(item.kind)") }
                return s
            }
        }
    }
}
