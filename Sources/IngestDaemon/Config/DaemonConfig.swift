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
    var lexiconDir = "/usr/lib/python3/dist-packages/jieba"
    /// How long a stop may spend finishing files in flight before it leaves the rest in the
    /// inbox: the unit's `TimeoutStopSec` (30 s) minus a margin for the final writes.
    package var drainDeadlineSeconds = 25.0

    package init() {}

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

    struct Invalid: Error, CustomStringConvertible {
        let message: String
        var description: String { message }
    }

    /// Applies `key = value` settings (from the file or the environment), each through its
    /// entry in `ConfigKey.all`.
    mutating func apply(_ values: [String: TOMLSubset.Value], source: String) throws {
        for (key, value) in values.sorted(by: { $0.key < $1.key }) {
            let name = key.hasPrefix("ingestd.") ? String(key.dropFirst("ingestd.".count)) : key
            guard let setting = ConfigKey.byName[name] else {
                throw Invalid(message: "\(source): unknown setting `\(key)` (see config/ingestd.toml for the list)")
            }
            try setting.apply(&self, value, "\(source): `\(key)`")
        }
    }

    /// `INGESTD_WORKERS=4` → `workers = 4`; values are read as TOML values, bare words as strings.
    static func environmentValues(_ env: [String: String]) -> [String: TOMLSubset.Value] {
        var out: [String: TOMLSubset.Value] = [:]
        for key in ConfigKey.all {
            guard let raw = env[key.environmentName] else { continue }
            if let parsed = try? TOMLSubset.parse("v = \(raw)"), let v = parsed["v"] { out[key.name] = v } else { out[key.name] = .string(raw) }
        }
        return out
    }

    /// Looked for when no file is named: the repository's, then the installed service's.
    static let defaultFiles = ["config/ingestd.toml", "/etc/ingestd/ingestd.toml"]

    /// Defaults, then the file (explicit, `INGESTD_CONFIG`, or the first of `defaultFiles`
    /// present), then the
    /// environment; flags are applied by the caller.
    package static func load(file: String?, environment: [String: String]) throws -> (DaemonConfig, String?) {
        var config = DaemonConfig()
        var used: String?
        let candidate = file ?? environment["INGESTD_CONFIG"] ?? defaultFiles.first { FileManager.default.fileExists(atPath: $0) }
        if let path = candidate {
            guard let data = FileManager.default.contents(atPath: path) else { throw Invalid(message: "cannot read config file \(path)") }
            do {
                try config.apply(try TOMLSubset.parse(String(decoding: data, as: UTF8.self)), source: path)
            } catch let e as TOMLSubset.ParseError {
                throw Invalid(message: "\(path): \(e)")
            }
            used = path
        }
        try config.apply(environmentValues(environment), source: "environment")
        return (config, used)
    }
}
