import Foundation
import Glibc
import Testing

/// The files under systemd/, checked with systemd's own tools (they work without systemd
/// running), and the daemon run under the constraints the unit gives it.
@Suite(.serialized) struct SystemdUnitTests {
    static let systemd = BinaryLocator.repository.appendingPathComponent("systemd")

    static func tool(_ path: String, _ args: [String]) throws -> IngestCommandTests.Run {
        let p = Process()
        p.executableURL = URL(fileURLWithPath: path)
        p.arguments = args
        let out = Pipe(), err = Pipe()
        p.standardOutput = out
        p.standardError = err
        try p.run()
        let o = out.fileHandleForReading.readDataToEndOfFile()
        let e = err.fileHandleForReading.readDataToEndOfFile()
        p.waitUntilExit()
        return .init(status: p.terminationStatus, stdout: String(decoding: o, as: UTF8.self), stderr: String(decoding: e, as: UTF8.self))
    }

    static func temporaryFolder(_ name: String) throws -> URL {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("ingestd-\(name)-\(UUID().uuidString.prefix(8))")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        return dir
    }

    /// The unit with ExecStart pointing at the binary just built (verify checks that it exists).
    static func unitForThisBuild(in dir: URL) throws -> URL {
        let text = try String(contentsOf: systemd.appendingPathComponent("ingestd.service"), encoding: .utf8)
        let unit = dir.appendingPathComponent("ingestd.service")
        try text.replacingOccurrences(of: "/usr/local/bin/ingestd", with: BinaryLocator.ingestd).write(to: unit, atomically: true, encoding: .utf8)
        return unit
    }

    @Test func unitVerifiesClean() throws {
        let dir = try Self.temporaryFolder("verify")
        defer { try? FileManager.default.removeItem(at: dir) }
        let r = try Self.tool("/usr/bin/systemd-analyze", ["verify", try Self.unitForThisBuild(in: dir).path])
        #expect(r.status == 0)
        #expect(r.stderr.isEmpty && r.stdout.isEmpty, "systemd-analyze verify: \(r.stderr)\(r.stdout)")
        let text = try String(contentsOf: Self.systemd.appendingPathComponent("ingestd.service"), encoding: .utf8)
        for line in ["Type=notify", "NotifyAccess=main", "ExecStart=/usr/local/bin/ingestd run --config /etc/ingestd/ingestd.toml",
                     "ExecReload=/bin/kill -HUP $MAINPID", "Restart=on-failure", "User=ingestd", "Group=ingestd",
                     "StateDirectory=ingestd", "RuntimeDirectory=ingestd", "RuntimeDirectoryPreserve=yes", "ConfigurationDirectory=ingestd",
                     "PrivateNetwork=yes", "RestrictAddressFamilies=AF_UNIX", "CapabilityBoundingSet=", "SystemCallFilter=@system-service"] {
            #expect(text.split(separator: "\n").contains { $0 == line }, "\(line)")
        }
    }

    @Test func exposureIsAtMostOnePointFive() throws {
        let dir = try Self.temporaryFolder("security")
        defer { try? FileManager.default.removeItem(at: dir) }
        let r = try Self.tool("/usr/bin/systemd-analyze", ["security", "--offline=true", try Self.unitForThisBuild(in: dir).path])
        let all = r.stdout + r.stderr
        // "→ Overall exposure level for ingestd.service: 0.4 SAFE 😀"
        let line = try #require(all.split(separator: "\n").first { $0.contains("Overall exposure level") }, "\(all)")
        let figure = try #require(line.split(separator: ":").last?.split(separator: " ").first.flatMap { Double($0) }, "\(line)")
        #expect(figure <= 1.5, "\(line)")
    }

    @Test func sysusersAndTmpfilesMakeTheUserAndFolders() throws {
        let root = try Self.temporaryFolder("root")
        defer { try? FileManager.default.removeItem(at: root) }
        let fm = FileManager.default
        for sub in ["etc", "usr/lib/sysusers.d", "usr/lib/tmpfiles.d"] {
            try fm.createDirectory(at: root.appendingPathComponent(sub), withIntermediateDirectories: true)
        }
        try fm.copyItem(at: Self.systemd.appendingPathComponent("ingestd.sysusers"), to: root.appendingPathComponent("usr/lib/sysusers.d/ingestd.conf"))
        try fm.copyItem(at: Self.systemd.appendingPathComponent("ingestd.tmpfiles"), to: root.appendingPathComponent("usr/lib/tmpfiles.d/ingestd.conf"))

        let users = try Self.tool("/usr/bin/systemd-sysusers", ["--root=\(root.path)", "ingestd.conf"])
        #expect(users.status == 0, "\(users.stderr)")
        let passwd = try String(contentsOf: root.appendingPathComponent("etc/passwd"), encoding: .utf8)
        let group = try String(contentsOf: root.appendingPathComponent("etc/group"), encoding: .utf8)
        let user = try #require(passwd.split(separator: "\n").first { $0.hasPrefix("ingestd:") }).split(separator: ":", omittingEmptySubsequences: false)
        #expect(user[5] == "/var/lib/ingestd" && user[6] == "/usr/sbin/nologin")
        let gid = try #require(group.split(separator: "\n").first { $0.hasPrefix("ingestd:") }).split(separator: ":")[2]
        #expect(user[3] == gid, "the user's primary group is ingestd")

        let dirs = try Self.tool("/usr/bin/systemd-tmpfiles", ["--root=\(root.path)", "--create", "ingestd.conf"])
        #expect(dirs.status == 0, "\(dirs.stderr)")
        func mode(_ rel: String) -> (mode: mode_t, gid: gid_t)? {
            var st = stat()
            guard stat(root.appendingPathComponent(rel).path, &st) == 0 else { return nil }
            return (st.st_mode & 0o7777, st.st_gid)
        }
        #expect(mode("var/lib/ingestd/inbox")?.mode == 0o2770, "inbox: group-writable, setgid")
        #expect(mode("var/lib/ingestd/failed")?.mode == 0o2770)
        #expect(mode("var/lib/ingestd/archive")?.mode == 0o2750, "archive: group-readable")
        #expect(mode("var/lib/ingestd/records")?.mode == 0o2750, "records: group-readable")
        #expect(mode("var/lib/ingestd")?.mode == 0o750)
        #expect(mode("run/ingestd")?.mode == 0o750)
        #expect(mode("var/lib/ingestd/inbox").map { String($0.gid) } == String(gid))
    }

    @Test func installScriptStagesEveryFile() throws {
        let dest = try Self.temporaryFolder("install")
        defer { try? FileManager.default.removeItem(at: dest) }
        let p = Process()
        p.executableURL = URL(fileURLWithPath: "/bin/bash")
        p.arguments = [BinaryLocator.repository.appendingPathComponent("scripts/install.sh").path, "--no-build"]
        var env = ProcessInfo.processInfo.environment
        env["DESTDIR"] = dest.path
        env["INGESTD_INSTALL_BINARY"] = BinaryLocator.ingestd
        p.environment = env
        p.standardOutput = FileHandle.nullDevice
        try p.run()
        p.waitUntilExit()
        #expect(p.terminationStatus == 0)
        for (file, mode) in [("usr/local/bin/ingestd", 0o755), ("usr/local/lib/systemd/system/ingestd.service", 0o644),
                             ("usr/local/lib/sysusers.d/ingestd.conf", 0o644), ("usr/local/lib/tmpfiles.d/ingestd.conf", 0o644),
                             ("etc/ingestd/ingestd.toml", 0o644), ("usr/local/share/doc/ingestd/operations.md", 0o644),
                             ("usr/local/share/doc/ingestd/ingestd.toml.example", 0o644)] {
            var st = stat()
            #expect(stat(dest.appendingPathComponent(file).path, &st) == 0 && Int(st.st_mode & 0o777) == mode, "\(file)")
        }
        // the installed config is one the daemon accepts, pointing where the unit expects
        let check = try IngestCommandTests.run(["status", "--config", dest.appendingPathComponent("etc/ingestd/ingestd.toml").path, "--json"])
        #expect(check.status == 3, "no daemon: not running — but the config parsed: \(check.stderr)")
        #expect(check.stderr.isEmpty)
    }

    /// What the unit imposes, without systemd: a user that can write only its state folder,
    /// no network, umask 0027.
    @Test(.enabled(if: getuid() == 0 && FileManager.default.isExecutableFile(atPath: "/usr/bin/unshare"), "needs root for unshare -n and setpriv"))
    func runsWithoutNetworkAsAnUnprivilegedUser() throws {
        let d = try DaemonHarness("confined")
        // the harness root (the daemon's working directory) stays root's; only the state folder is the daemon's
        try FileManager.default.createDirectory(at: d.stateDir, withIntermediateDirectories: true)
        #expect(chown(d.stateDir.path, 65534, 65534) == 0)
        try d.start(launcher: ["/usr/bin/unshare", "--net", "--", "/usr/bin/setpriv", "--reuid=65534", "--regid=65534", "--clear-groups",
                               "--", "/bin/sh", "-c", "umask 0027 && exec \"$0\" \"$@\""])
        for i in 0..<3 { try Pages.seed(i).write(to: d.inbox.appendingPathComponent("p\(i).txt")) }
        try waitUntil(timeout: 60, "ingested") { d.counter("files_ingested") == 3 }
        // a network namespace with only loopback: the daemon never needed one
        let net = try String(contentsOfFile: "/proc/\(d.pid)/net/dev", encoding: .utf8)
        let interfaces = net.split(separator: "\n").dropFirst(2).compactMap { $0.split(separator: ":").first?.trimmingCharacters(in: .whitespaces) }
        #expect(interfaces == ["lo"], "\(net)")
        // what it made is group-readable, not world-readable, and owned by the daemon's user
        let records = d.stateDir.appendingPathComponent("records")
        let day = try #require(FileManager.default.contentsOfDirectory(atPath: records.path).first { $0.hasSuffix(".jsonl") })
        var st = stat()
        #expect(stat(records.appendingPathComponent(day).path, &st) == 0)
        #expect(st.st_mode & 0o777 == 0o640 && st.st_uid == 65534)
        #expect(stat(d.stateDir.appendingPathComponent("archive").path, &st) == 0 && st.st_mode & 0o777 == 0o750)
        // nothing written outside the state folder (its working directory is not its to write)
        #expect(try FileManager.default.contentsOfDirectory(atPath: d.root.path).sorted() == ["daemon.log", "var"])
        d.signal(SIGTERM)
        #expect(try d.waitForExit().status == 0)
        #expect(d.status()?["state"] as? String == "stopped")
    }

    /// A folder the daemon's user cannot list (made with umask 077, say) is reported in the
    /// log and the status once, not skipped in silence; its files are taken once it is readable.
    @Test(.enabled(if: getuid() == 0, "needs root to run the daemon as another user"))
    func anUnreadableSubfolderIsReportedAndTakenOnceReadable() throws {
        let d = try DaemonHarness("unreadable", settings: ["INGESTD_RESCAN_INTERVAL_S": "1"])
        let hidden = d.inbox.appendingPathComponent("private")
        try FileManager.default.createDirectory(at: hidden, withIntermediateDirectories: true)
        try Pages.seed(0).write(to: hidden.appendingPathComponent("p0.txt"))
        #expect(chown(hidden.appendingPathComponent("p0.txt").path, 65534, 65534) == 0)
        for dir in [d.stateDir, d.inbox, hidden] { #expect(chown(dir.path, 65534, 65534) == 0) }
        #expect(chmod(hidden.path, 0o300) == 0, "writable and searchable, not listable")
        try d.start(launcher: ["/usr/bin/setpriv", "--reuid=65534", "--regid=65534", "--clear-groups", "--"])
        try Pages.seed(1).write(to: d.inbox.appendingPathComponent("p1.txt"))
        try waitUntil(timeout: 60, "the readable file ingested") { d.counter("files_ingested") == 1 }
        let message = "cannot read folder \(hidden.path): Permission denied"
        #expect(d.logShows(message))
        let lastError = d.status()?["last_error"] as? [String: Any]
        #expect((lastError?["message"] as? String)?.hasPrefix(message) == true, "\(String(describing: lastError))")
        Thread.sleep(forTimeInterval: 2.5)  // two more rescans at 1 s
        #expect(d.logText.components(separatedBy: message).count - 1 == 1, "reported once, not at every rescan")
        #expect(FileManager.default.fileExists(atPath: hidden.appendingPathComponent("p0.txt").path), "left where it was")

        #expect(chmod(hidden.path, 0o700) == 0)
        try waitUntil(timeout: 30, "taken once readable") { d.counter("files_ingested") == 2 }
        #expect(d.archived().contains("private/p0.txt"))
        d.signal(SIGTERM)
        #expect(try d.waitForExit().status == 0)
    }
}
