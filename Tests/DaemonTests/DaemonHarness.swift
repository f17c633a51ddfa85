import Foundation
import Glibc

/// A real `ingestd run` on a temporary state folder. Cleans up what it starts, by PID.
final class DaemonHarness {
    let root: URL
    let stateDir: URL
    var inbox: URL { stateDir.appendingPathComponent("inbox") }
    let logURL: URL
    var process: Process?
    var environment: [String: String]

    init(_ name: String, settings: [String: String] = [:]) throws {
        root = FileManager.default.temporaryDirectory.appendingPathComponent("ingestd-e2e-\(name)-\(UUID().uuidString.prefix(8))")
        stateDir = root.appendingPathComponent("var")
        logURL = root.appendingPathComponent("daemon.log")
        try FileManager.default.createDirectory(at: root, withIntermediateDirectories: true)
        var env = ProcessInfo.processInfo.environment
        env.removeValue(forKey: "NOTIFY_SOCKET")
        env["INGESTD_STATUS_INTERVAL_S"] = "0.5"
        env["INGESTD_SETTLE_S"] = "1"
        env["INGESTD_WORKERS"] = "2"
        for (k, v) in settings { env[k] = v }
        environment = env
    }

    deinit {
        if let p = process, p.isRunning { kill(p.processIdentifier, SIGKILL); p.waitUntilExit() }
        try? FileManager.default.removeItem(at: root)
    }

    var pid: Int32 { process?.processIdentifier ?? 0 }

    /// Starts the daemon and waits until its status says `running`.
    /// `launcher`: a command that ends by exec'ing the binary given after it (same PID).
    func start(arguments: [String] = [], launcher: [String] = [], timeout: Double = 90) throws {
        let p = Process()
        let command = launcher + [BinaryLocator.ingestd, "run", "--state-dir", stateDir.path] + arguments
        p.executableURL = URL(fileURLWithPath: command[0])
        p.arguments = Array(command.dropFirst())
        p.environment = environment
        p.currentDirectoryURL = root
        if !FileManager.default.fileExists(atPath: logURL.path) { _ = FileManager.default.createFile(atPath: logURL.path, contents: nil) }
        let log = try FileHandle(forWritingTo: logURL)
        log.seekToEndOfFile()
        p.standardError = log
        p.standardOutput = log
        try p.run()
        process = p
        try waitUntil(timeout: timeout, "daemon running") { self.status()?["state"] as? String == "running" && (self.status()?["pid"] as? Int).map(Int32.init) == p.processIdentifier }
    }

    func signal(_ sig: Int32) { if pid > 0 { kill(pid, sig) } }

    /// Builds the C `source` into a shared object beside the state and preloads it into the
    /// daemon (fault injection); false, with a message, where no C compiler is at hand.
    func preload(_ name: String, source: String) throws -> Bool {
        let shim = root.appendingPathComponent(name + ".so").path
        let file = root.appendingPathComponent(name + ".c").path
        try source.write(toFile: file, atomically: true, encoding: .utf8)
        guard DiskFullTests.run(["cc", "-shared", "-fPIC", "-o", shim, file, "-ldl"]) == 0 else {
            print("skipped: no C compiler to build the \(name) shim")
            return false
        }
        environment["LD_PRELOAD"] = shim
        return true
    }

    /// Waits for the process to exit; returns its status and how long it took.
    @discardableResult
    func waitForExit(timeout: Double = 30) throws -> (status: Int32, seconds: Double) {
        guard let p = process else { return (0, 0) }
        let start = Date()
        try waitUntil(timeout: timeout, "daemon exit") { !p.isRunning }
        p.waitUntilExit()
        return (p.terminationStatus, Date().timeIntervalSince(start))
    }

    func killHard() {
        signal(SIGKILL)
        process?.waitUntilExit()
    }

    func status() -> [String: Any]? {
        guard let d = FileManager.default.contents(atPath: stateDir.appendingPathComponent("status.json").path) else { return nil }
        return try? JSONSerialization.jsonObject(with: d) as? [String: Any]
    }

    func counter(_ name: String) -> Int { ((status()?["counters"] as? [String: Any])?[name] as? Int) ?? -1 }

    var logText: String { (try? String(contentsOf: logURL, encoding: .utf8)) ?? "" }

    /// Whether the log shows `text` within `timeout` seconds. The log and status.json are
    /// separate subscribers of the daemon's events, so a line can land just after the status
    /// that a test waited for.
    func logShows(_ text: String, timeout: Double = 5) -> Bool {
        (try? waitUntil(timeout: timeout, "log shows \(text)") { logText.contains(text) }) != nil
    }

    /// Every record line in records/*.jsonl, parsed.
    func records() -> [[String: Any]] {
        let dir = stateDir.appendingPathComponent("records")
        let files = (try? FileManager.default.contentsOfDirectory(atPath: dir.path)) ?? []
        var out: [[String: Any]] = []
        for f in files.sorted() where f.hasSuffix(".jsonl") {
            let data = FileManager.default.contents(atPath: dir.appendingPathComponent(f).path) ?? Data()
            for line in data.split(separator: 0x0A) {
                if let obj = try? JSONSerialization.jsonObject(with: Data(line)) as? [String: Any] { out.append(obj) }
            }
        }
        return out
    }

    /// Records grouped by source path: the `index` of each, and the page's `count`.
    static func bySource(_ records: [[String: Any]]) -> (indexes: [String: [Int]], counts: [String: Int]) {
        var indexes: [String: [Int]] = [:]
        var counts: [String: Int] = [:]
        for r in records {
            let s = r["source"] as! [String: Any]
            indexes[s["path"] as! String, default: []].append(s["index"] as! Int)
            counts[s["path"] as! String] = s["count"] as? Int
        }
        return (indexes, counts)
    }

    /// Relative paths of the files (and links) below a folder of the state dir.
    func files(in folder: String) -> [String] {
        let base = stateDir.appendingPathComponent(folder)
        guard let e = FileManager.default.enumerator(atPath: base.path) else { return [] }
        var out: [String] = []
        while let rel = e.nextObject() as? String {
            var st = stat()
            guard lstat(base.appendingPathComponent(rel).path, &st) == 0, st.st_mode & S_IFMT != S_IFDIR else { continue }
            out.append(rel)
        }
        return out.sorted()
    }

    /// Archived files with the `YYYY-MM-DD/` prefix removed.
    func archived() -> [String] { files(in: "archive").map { String($0.split(separator: "/", maxSplits: 1)[1]) } }

    func failedReport(_ rel: String) -> [String: Any]? {
        let p = stateDir.appendingPathComponent("failed").appendingPathComponent(rel + ".error.json").path
        return FileManager.default.contents(atPath: p).flatMap { try? JSONSerialization.jsonObject(with: $0) as? [String: Any] }
    }
}

struct Timeout: Error, CustomStringConvertible {
    let what: String
    var description: String { "timed out waiting for \(what)" }
}

func waitUntil(timeout: Double, _ what: String, poll: Double = 0.05, _ condition: () -> Bool) throws {
    let end = Date().addingTimeInterval(timeout)
    while Date() < end {
        if condition() { return }
        Thread.sleep(forTimeInterval: poll)
    }
    if condition() { return }
    throw Timeout(what: what)
}

/// `waitUntil` for async tests: it suspends instead of blocking a thread of the cooperative
/// pool (on two cores, two blocked threads stall every actor in the test process, the
/// in-process daemon's included). Timeouts are generous: blocking end-to-end tests running
/// alongside can hold the pool for a while.
func eventually(timeout: Double = 120, _ what: String, _ condition: () async -> Bool) async throws {
    let end = Date().addingTimeInterval(timeout)
    while Date() < end {
        if await condition() { return }
        try await Task.sleep(for: .milliseconds(50))
    }
    if await condition() { return }
    throw Timeout(what: what)
}

/// Page text: the seeds, and small generated pages with unique content.
enum Pages {
    static func seed(_ i: Int) -> Data {
        let dir = BinaryLocator.repository.appendingPathComponent("seeds")
        let names = (try? FileManager.default.contentsOfDirectory(atPath: dir.path).filter { $0.hasSuffix(".txt") }.sorted()) ?? []
        return FileManager.default.contents(atPath: dir.appendingPathComponent(names[i % names.count]).path)!
    }

    /// A seed page made unique by an issue-number line (page furniture), so its articles are unchanged.
    static func unique(_ n: Int) -> Data {
        Data("第\(n)期\n\n".utf8) + seed(n)
    }

    /// A small one-article page.
    static func small(_ n: Int) -> Data {
        Data("第\(n)号简讯标题\n\n□张三\n\n本市今天发布第\(n)号通知,要求各单位做好相关工作。\n".utf8)
    }
}
