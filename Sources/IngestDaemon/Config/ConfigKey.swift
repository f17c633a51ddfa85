/// Every setting, declared once: its name in the file, its `INGESTD_<NAME>` variable and how
/// a value is checked and stored. The defaults are the properties of `DaemonConfig`;
/// `config/ingestd.toml` lists each key with its default (a test holds the three together).
struct ConfigKey: Sendable {
    let name: String
    /// Stores a value; `what` names the setting and where it came from, for error messages.
    let apply: @Sendable (inout DaemonConfig, TOMLSubset.Value, _ what: String) throws -> Void

    var environmentName: String { "INGESTD_" + name.uppercased() }

    static let all: [ConfigKey] = [
        .string("state_dir", \.stateDir),
        .string("inbox", \.inbox),
        .string("records_dir", \.recordsDir),
        .string("archive_dir", \.archiveDir),
        .string("failed_dir", \.failedDir),
        .string("summary_file", \.summaryFile),
        .string("status_file", \.statusFile),
        .string("ledger_file", \.ledgerFile),
        .string("metrics_file", \.metricsFile),
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
        .string("lexicon_dir", \.lexiconDir),
    ]

    static let byName: [String: ConfigKey] = Dictionary(uniqueKeysWithValues: all.map { ($0.name, $0) })

    typealias Path<T> = WritableKeyPath<DaemonConfig, T> & Sendable

    static func string(_ name: String, _ path: Path<String>) -> ConfigKey {
        ConfigKey(name: name) { config, value, what in
            guard case .string(let s) = value else { throw DaemonConfig.Invalid(message: "\(what) must be a string") }
            config[keyPath: path] = s
        }
    }

    static func integer(_ name: String, _ path: Path<Int>, atLeast floor: Int = 0) -> ConfigKey {
        ConfigKey(name: name) { config, value, what in
            guard case .integer(let i) = value, i >= 0 else { throw DaemonConfig.Invalid(message: "\(what) must be a whole number ≥ 0") }
            config[keyPath: path] = max(floor, i)
        }
    }

    static func number(_ name: String, _ path: Path<Double>, within range: ClosedRange<Double> = 0...Double.greatestFiniteMagnitude) -> ConfigKey {
        ConfigKey(name: name) { config, value, what in
            let d: Double
            switch value {
            case .integer(let i): d = Double(i)
            case .float(let f): d = f
            default: throw DaemonConfig.Invalid(message: "\(what) must be a number")
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
            guard case .array(let items) = value else { throw DaemonConfig.Invalid(message: "\(what) must be a list of strings") }
            config[keyPath: path] = try items.map { item in
                guard case .string(let s) = item else { throw DaemonConfig.Invalid(message: "\(what) must be a list of strings") }
                return s
            }
        }
    }
}
