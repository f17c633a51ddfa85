import Foundation
import Glibc
import Testing

/// The daemon as a service: `ingestd status` exit codes, SIGHUP reload, sd_notify.
@Suite(.serialized) struct ServiceTests {
    static func status(_ d: DaemonHarness, json: Bool = false) throws -> IngestCommandTests.Run {
        try IngestCommandTests.run(["status", "--status-file", d.stateDir.appendingPathComponent("status.json").path] + (json ? ["--json"] : []))
    }

    @Test func statusExitCodesFollowTheDaemon() throws {
        let d = try DaemonHarness("status")
        #expect(try Self.status(d).status == 3, "no status file: not running")
        try d.start()
        try Pages.seed(2).write(to: d.inbox.appendingPathComponent("ok.txt"))
        try waitUntil(timeout: 30, "ingest") { d.counter("files_ingested") == 1 }
        Thread.sleep(forTimeInterval: 0.6)
        let healthy = try Self.status(d)
        #expect(healthy.status == 0, "\(healthy.stdout)")
        #expect(healthy.stdout.contains("running"))
        #expect(healthy.stdout.contains("ok.txt"))
        let json = try Self.status(d, json: true)
        #expect((try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [String: Any])?["state"] as? String == "running")

        try Data().write(to: d.inbox.appendingPathComponent("empty.txt"))
        try waitUntil(timeout: 30, "failure") { d.counter("failed") == 1 }
        Thread.sleep(forTimeInterval: 0.6)
        let degraded = try Self.status(d)
        #expect(degraded.status == 1)
        #expect(degraded.stdout.contains("failure"))

        d.signal(SIGTERM)
        try d.waitForExit()
        let stopped = try Self.status(d)
        #expect(stopped.status == 3)
        #expect(stopped.stdout.contains("stopped"))
    }

    @Test func staleStatusMeansNotRunning() throws {
        let d = try DaemonHarness("stale")
        try d.start()
        d.killHard()
        Thread.sleep(forTimeInterval: 2)   // > 3 × 0.5 s refresh
        #expect(try Self.status(d).status == 3)
    }

    @Test func sighupReloadsTheConfigWithoutDroppingWork() throws {
        let d = try DaemonHarness("reload")
        let config = d.root.appendingPathComponent("ingestd.toml")
        try Data("include = [\"*.txt\"]\nworkers = 1\n".utf8).write(to: config)
        d.environment["INGESTD_WORKERS"] = nil
        d.environment["INGESTD_INCLUDE"] = nil
        try d.start(arguments: ["--config", config.path])
        try Pages.seed(2).write(to: d.inbox.appendingPathComponent("before.page"))
        try Pages.seed(0).write(to: d.inbox.appendingPathComponent("a.txt"))
        try waitUntil(timeout: 30, "txt ingested") { d.counter("files_ingested") == 1 }
        #expect(d.files(in: "inbox") == ["before.page"])
        try Data("include = [\"*.txt\", \"*.page\"]\nworkers = 2\n".utf8).write(to: config)
        d.signal(SIGHUP)
        try waitUntil(timeout: 10, "reload") { d.status()?["workers"] as? Int == 2 }
        try Pages.seed(1).write(to: d.inbox.appendingPathComponent("after.page"))
        try waitUntil(timeout: 30, "page ingested") { d.counter("files_ingested") == 2 }
        #expect(d.logShows("configuration reloaded"))
        // a broken file keeps the old configuration
        try Data("workers = [\n".utf8).write(to: config)
        d.signal(SIGHUP)
        try waitUntil(timeout: 10, "reload refused") { d.logText.contains("configuration not reloaded") }
        #expect(d.status()?["state"] as? String == "running")
        d.signal(SIGTERM)
        #expect(try d.waitForExit().status == 0)
    }

    /// `ingestd run --inbox drop` watches ./drop (the working directory's), as every Unix tool
    /// would; an unknown key in the file is a warning naming the nearest known one.
    @Test func relativeFlagsAreTakenFromTheWorkingDirectory() throws {
        let d = try DaemonHarness("relflags")
        defer { d.killHard() }
        let drop = d.root.appendingPathComponent("drop")
        try FileManager.default.createDirectory(at: drop, withIntermediateDirectories: true)
        let config = d.root.appendingPathComponent("c.toml")
        try Data("worker = 2\n".utf8).write(to: config)
        try d.start(arguments: ["--inbox", "drop", "--config", config.path])
        #expect(d.status()?["inbox"] as? String == drop.path)
        try Pages.seed(0).write(to: drop.appendingPathComponent("a.txt"))
        try waitUntil(timeout: 30, "ingested from ./drop") { d.counter("files_ingested") == 1 }
        #expect(d.logShows("unknown setting `worker` ignored — did you mean `workers`?"))
        d.signal(SIGTERM)
        #expect(try d.waitForExit().status == 0)
    }

    @Test func systemdNotifyProtocol() throws {
        let d = try DaemonHarness("notify")
        let socketPath = d.root.appendingPathComponent("notify.sock").path
        let listener = try DatagramListener(path: socketPath)
        d.environment["NOTIFY_SOCKET"] = socketPath
        d.environment["WATCHDOG_USEC"] = "1000000"
        try d.start()
        try waitUntil(timeout: 10, "READY=1") { listener.messages().contains("READY=1") }
        try waitUntil(timeout: 10, "STATUS=") { listener.messages().contains { $0.hasPrefix("STATUS=") } }
        let start = Date()
        try waitUntil(timeout: 10, "three WATCHDOG=1") { listener.messages().filter { $0 == "WATCHDOG=1" }.count >= 3 }
        #expect(Date().timeIntervalSince(start) < 3, "watchdog every 0.5 s for WATCHDOG_USEC=1 s")
        // and not faster: about four pings in two seconds
        let before = listener.messages().filter { $0 == "WATCHDOG=1" }.count
        Thread.sleep(forTimeInterval: 2)
        let pings = listener.messages().filter { $0 == "WATCHDOG=1" }.count - before
        #expect((3...6).contains(pings), "\(pings) WATCHDOG=1 in 2 s; expected one per 0.5 s")
        d.signal(SIGHUP)
        try waitUntil(timeout: 10, "RELOADING=1 then READY=1") {
            let m = listener.messages()
            guard let r = m.firstIndex(where: { $0.hasPrefix("RELOADING=1") }) else { return false }
            return m[r...].contains("READY=1")
        }
        d.signal(SIGTERM)
        try d.waitForExit()
        #expect(listener.messages().contains("STOPPING=1"))
    }
}

/// A unix datagram socket collecting what the daemon sends to $NOTIFY_SOCKET.
final class DatagramListener: @unchecked Sendable {
    // @unchecked: `received` is only touched under `lock`; `fd` is written once in init.
    private let fd: Int32
    private let lock = NSLock()
    private var received: [String] = []
    private let path: String

    init(path: String) throws {
        self.path = path
        fd = socket(AF_UNIX, Int32(SOCK_DGRAM.rawValue), 0)
        var addr = sockaddr_un()
        addr.sun_family = sa_family_t(AF_UNIX)
        withUnsafeMutableBytes(of: &addr.sun_path) { raw in for (i, b) in path.utf8.enumerated() { raw[i] = b } }
        let ok = withUnsafePointer(to: &addr) { $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(fd, $0, socklen_t(MemoryLayout<sockaddr_un>.size)) } }
        guard ok == 0 else { throw POSIXError(.EADDRINUSE) }
        let thread = Thread { [self] in
            var buf = [UInt8](repeating: 0, count: 4096)
            while true {
                let n = recv(fd, &buf, buf.count, 0)
                if n <= 0 { return }
                let text = String(decoding: buf[..<n], as: UTF8.self)
                self.lock.withLock { self.received.append(contentsOf: text.split(separator: "\n").map(String.init)) }
            }
        }
        thread.start()
    }

    deinit {
        shutdown(fd, Int32(SHUT_RDWR))
        close(fd)
        unlink(path)
    }

    func messages() -> [String] { lock.withLock { received } }
}
