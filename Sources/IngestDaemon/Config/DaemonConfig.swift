import Foundation

/// Everything an operator can set. Precedence: command-line flags > environment
/// (`INGESTD_<KEY>`) > config file > these defaults. Relative paths in the file are taken
/// relative to the state directory (the state directory itself relative to the working
/// directory), so one setting moves the whole layout.
package struct DaemonConfig: Sendable, Equatable {
    package var stateDir = "./var"
    package var inbox = "inbox"
    var recordsDir = "records"
    var archiveDir = "archive"
    var failedDir = "failed"
    var summaryFile = "summary.json"
    package var statusFile = "status.json"
    var ledgerFile = "ledger.jsonl"
    /// Prometheus text exposition (node_exporter textfile collector); empty: not written.
    var metricsFile = ""
    /// Worker tasks; 0 means one per core.
    package var workers = 0
    package var include = ["*.txt", "*.text", "*.htm", "*.html"]
    package var exclude = [".*", "*.tmp", "*.part", "*.crdownload", "*.swp", "*~"]
    var maxFileBytes = 16 * 1024 * 1024
    /// Full scan of the inbox besides the events, to catch anything missed.
    var rescanIntervalSeconds = 300.0
    /// status.json refresh period (the SPEC requires at most 5 s).
    package var statusIntervalSeconds = 2.0
    /// A file found by a scan (not by an event) is taken only once unmodified this long, so
    /// a writer that pauses is not caught mid-file.
    package var settleSeconds = 3.0
    /// Scan period when inotify cannot be used (NFS/CIFS inbox, watch limit reached).
    var pollIntervalSeconds = 2.0
    /// Paths waiting in memory; the inbox itself holds the rest of the backlog.
    var queueCapacity = 256
    package var summaryWindowHours = 24
    package var lexiconDir = "/usr/lib/python3/dist-packages/jieba"
    /// The search index (SQLite, derived from records/); empty: none.
    package var indexFile = "index.sqlite"
    /// How long a stop may spend finishing files in flight before it leaves the rest in the
    /// inbox: the unit's `TimeoutStopSec` (30 s) minus a margin for the final writes.
    package var drainDeadlineSeconds = 25.0
    /// The fleet's PostgreSQL (`postgres://user:password@host:port/database?sslmode=…`, or a
    /// Unix socket folder as `?host=/path`); empty: no shipping.
    package var postgresURL = ""
    /// This host's name in the fleet database; empty: the hostname.
    package var postgresHostID = ""
    /// Records per shipping transaction.
    var postgresBatchRecords = 500

    package init() {}

    package var resolvedHostID: String {
        postgresHostID.isEmpty ? ProcessInfo.processInfo.hostName : postgresHostID
    }

    var resolvedWorkers: Int { workers > 0 ? workers : max(1, ProcessInfo.processInfo.activeProcessorCount) }

    func resolve(_ path: String) -> String {
        if path.hasPrefix("/") { return path }
        return (stateDirURL.path as NSString).appendingPathComponent(path)
    }

    var stateDirURL: URL { URL(fileURLWithPath: stateDir).standardizedFileURL }
    package var inboxPath: String { resolve(inbox) }
    package var recordsPath: String { resolve(recordsDir) }
    var archivePath: String { resolve(archiveDir) }
    var failedPath: String { resolve(failedDir) }
    package var summaryPath: String { resolve(summaryFile) }
    package var statusPath: String { resolve(statusFile) }
    var ledgerPath: String { resolve(ledgerFile) }
    var metricsPath: String? { metricsFile.isEmpty ? nil : resolve(metricsFile) }
    package var indexPath: String? { indexFile.isEmpty ? nil : resolve(indexFile) }

    struct Invalid: Error, CustomStringConvertible {
        let message: String
        var description: String { message }
    }

    /// Applies `key = value` settings (from the file or the environment), each through its
    /// entry in `ConfigKey.all`. A wrong value is an error naming the setting and the type it
    /// needs; an unknown key is returned as a warning (with the nearest known key), so a
    /// typo does not stop a service but is said.
    mutating func apply(_ values: [String: ConfigValue], source: String) throws -> [String] {
        var warnings: [String] = []
        for (key, value) in values.sorted(by: { $0.key < $1.key }) {
            let name = key.hasPrefix("ingestd.") ? String(key.dropFirst("ingestd.".count)) : key
            guard let setting = ConfigKey.byName[name] else {
                let hint = ConfigKey.nearest(to: name).map { " — did you mean `\($0)`?" } ?? " (config/ingestd.toml lists every setting)"
                warnings.append("\(source): unknown setting `\(key)` ignored\(hint)")
                continue
            }
            try setting.apply(&self, value, "\(source): `\(key)`")
        }
        return warnings
    }

    /// `INGESTD_WORKERS=4` → `workers = 4`; values are read as TOML values, bare words as
    /// strings. Relative paths are taken from `directory` (the working directory), as a
    /// shell user means them.
    static func environmentValues(_ env: [String: String], directory: String) -> [String: ConfigValue] {
        var out: [String: ConfigValue] = [:]
        for key in ConfigKey.all {
            guard let raw = env[key.environmentName] else { continue }
            if key.isPath {
                out[key.name] = .string(absolute(raw, from: directory))
            } else if let parsed = try? ConfigFile.parse("v = \(raw)", path: key.environmentName), let v = parsed["v"] {
                out[key.name] = v
            } else {
                out[key.name] = .string(raw)
            }
        }
        return out
    }

    /// A path as given on a command line: relative to `directory`; empty stays empty.
    package static func absolute(_ path: String, from directory: String = FileManager.default.currentDirectoryPath) -> String {
        guard !path.isEmpty, !path.hasPrefix("/") else { return path }
        return URL(fileURLWithPath: path, relativeTo: URL(fileURLWithPath: directory, isDirectory: true)).standardizedFileURL.path
    }

    /// Looked for when no file is named: the repository's, then the installed service's.
    static let defaultFiles = ["config/ingestd.toml", "/etc/ingestd/ingestd.toml"]

    /// The settings in force and what was said about them.
    package struct Loaded: Sendable {
        package var config: DaemonConfig
        /// The config file read, if any.
        package var file: String?
        /// Unknown keys, for the log (or stderr).
        package var warnings: [String]
    }

    /// Defaults, then the file (explicit, `INGESTD_CONFIG`, or the first of `defaultFiles`
    /// present), then the environment; flags are applied by the caller (`absolute(_:)`
    /// for paths).
    package static func load(file: String?, environment: [String: String],
                             directory: String = FileManager.default.currentDirectoryPath) throws -> Loaded {
        var loaded = Loaded(config: DaemonConfig(), file: nil, warnings: [])
        let candidate = file ?? environment["INGESTD_CONFIG"] ?? defaultFiles.first { FileManager.default.fileExists(atPath: $0) }
        if let path = candidate {
            guard let data = FileManager.default.contents(atPath: path) else { throw Invalid(message: "cannot read config file \(path)") }
            let values: [String: ConfigValue]
            do {
                values = try ConfigFile.parse(String(decoding: data, as: UTF8.self), path: path)
            } catch let e as ConfigFile.SyntaxError {
                throw Invalid(message: e.description)
            }
            loaded.warnings += try loaded.config.apply(values, source: path)
            loaded.file = path
        }
        loaded.warnings += try loaded.config.apply(environmentValues(environment, directory: directory), source: "environment")
        return loaded
    }
}
