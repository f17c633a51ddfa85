import Foundation
import Glibc
import Testing

/// Our own storage refusing writes, on the real binary and a real filesystem: a small
/// tmpfs filled during a burst (as root, as CI runs; skipped with a message elsewhere), and
/// an fsync that fails with EIO through an LD_PRELOAD shim.
@Suite(.serialized) struct DiskFullTests {
    /// A tmpfs mounted for one test, unmounted by `unmount()` (also when the test fails).
    struct Tmpfs {
        let path: String
        static func mount(at path: String, size: String) -> Tmpfs? {
            guard getuid() == 0 else { return nil }
            try? FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
            return run(["mount", "-t", "tmpfs", "-o", "size=\(size)", "tmpfs", path]) == 0 ? Tmpfs(path: path) : nil
        }
        func unmount() { _ = run(["umount", "-l", path]) }
    }

    @discardableResult
    static func run(_ command: [String], environment: [String: String]? = nil) -> Int32 {
        let p = Process()
        p.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        p.arguments = command
        if let environment { p.environment = environment }
        p.standardOutput = FileHandle.nullDevice
        p.standardError = FileHandle.nullDevice
        guard (try? p.run()) != nil else { return -1 }
        p.waitUntilExit()
        return p.terminationStatus
    }

    /// Grows a file until the filesystem refuses more; returns its path.
    static func fill(_ dir: String) -> String {
        let path = dir + "/filler"
        let fd = open(path, O_WRONLY | O_CREAT | O_TRUNC, 0o600)
        let chunk = [UInt8](repeating: 0x20, count: 64 * 1024)
        while chunk.withUnsafeBytes({ write(fd, $0.baseAddress!, $0.count) }) > 0 {}
        // and the last few bytes
        var one: UInt8 = 0x20
        while write(fd, &one, 1) == 1 {}
        close(fd)
        return path
    }

    /// Every line of every records file parses as JSON; the parsed records.
    static func wholeRecords(_ d: DaemonHarness) -> (lines: Int, bad: Int, records: [[String: Any]]) {
        let dir = d.stateDir.appendingPathComponent("records").path
        var lines = 0, bad = 0
        var out: [[String: Any]] = []
        for f in ((try? FileManager.default.contentsOfDirectory(atPath: dir)) ?? []) where f.hasSuffix(".jsonl") {
            for line in (FileManager.default.contents(atPath: dir + "/" + f) ?? Data()).split(separator: 0x0A) {
                lines += 1
                if let obj = try? JSONSerialization.jsonObject(with: Data(line)) as? [String: Any] { out.append(obj) } else { bad += 1 }
            }
        }
        return (lines, bad, out)
    }

    /// Each of `names` archived, with its records exactly once and complete.
    static func checkExactlyOnce(_ d: DaemonHarness, names: Set<String>) {
        let (lines, bad, records) = wholeRecords(d)
        #expect(bad == 0, "\(bad) of \(lines) record lines are not JSON")
        let ids = records.map { $0["id"] as! String }
        #expect(Set(ids).count == ids.count, "duplicate record ids")
        let (bySource, counts) = DaemonHarness.bySource(records)
        #expect(Set(d.archived()) == names, "not archived: \(names.subtracting(d.archived()).sorted().prefix(5))")
        for name in names {
            #expect((bySource[name] ?? []).sorted() == Array(0..<(counts[name] ?? -1)), "\(name): records \((bySource[name] ?? []).sorted())")
        }
        #expect(d.files(in: "failed").isEmpty, "our own write faults sent files to failed/")
    }

    @Test func stateDiskFullDuringABurstLosesAndTearsNothing() throws {
        let d = try DaemonHarness("diskfull")
        guard let fs = Tmpfs.mount(at: d.stateDir.path, size: "40m") else {
            print("skipped: mounting a tmpfs needs root (CI runs as root)")
            return
        }
        defer { d.killHard(); fs.unmount() }
        let inbox = d.root.appendingPathComponent("drop")
        try FileManager.default.createDirectory(at: inbox, withIntermediateDirectories: true)
        try d.start(arguments: ["--inbox", inbox.path])
        var names = Set<String>()
        var states = Set<String>()
        var filler: String?
        var freedAt: Date?
        for i in 0..<500 {
            try Pages.unique(20_000 + i).write(to: inbox.appendingPathComponent("p\(i).txt"))
            names.insert("p\(i).txt")
            if i == 100 { filler = Self.fill(fs.path) }
            if let s = d.status()?["state"] as? String { states.insert(s) }
            if i % 20 == 0 { Thread.sleep(forTimeInterval: 0.05) }
        }
        // held full for 10 s while the daemon keeps running
        let heldUntil = Date().addingTimeInterval(10)
        while Date() < heldUntil {
            if let s = d.status()?["state"] as? String { states.insert(s) }
            Thread.sleep(forTimeInterval: 0.2)
        }
        #expect(states.contains("degraded"), "states seen while full: \(states)")
        #expect((d.status()?["write_fault"] as? String)?.contains("no space left on device") == true)
        let lastError = (d.status()?["last_error"] as? [String: Any])?["message"] as? String ?? ""
        #expect(lastError.contains("no space left on device"))
        if let filler { unlink(filler); freedAt = Date() }
        // drains without a restart
        do {
            try waitUntil(timeout: 180, "drain after space returned", poll: 0.5) {
                ((try? FileManager.default.contentsOfDirectory(atPath: inbox.path)) ?? ["x"]).isEmpty
                    && (d.status()?["queue"] as? [String: Int])?["in_flight"] == 0
            }
        } catch {
            let left = (try? FileManager.default.contentsOfDirectory(atPath: inbox.path)) ?? []
            Issue.record("""
                not drained: \(left.count) left in the inbox (\(left.sorted().prefix(5))), queue \(d.status()?["queue"] ?? "?"), \
                state \(d.status()?["state"] ?? "?"), write_fault \(d.status()?["write_fault"] ?? "?")
                log tail:
                \(d.logText.components(separatedBy: "\n").suffix(30).joined(separator: "\n"))
                """)
            throw error
        }
        try waitUntil(timeout: 10, "healthy again") { d.status()?["state"] as? String == "running" && d.status()?["write_fault"] is NSNull }
        #expect(freedAt != nil)
        d.signal(SIGTERM)
        #expect(try d.waitForExit(timeout: 30).status == 0)
        Self.checkExactlyOnce(d, names: names)
        // one warning per condition, not one per file
        let warnings = d.logText.components(separatedBy: "\n").filter { $0.contains("cannot write: no space left on device") }
        #expect(!warnings.isEmpty && warnings.count <= 6, "\(warnings.count) warnings")
        #expect(d.logShows("writes succeed again"))
    }

    @Test func ledgerFullAtTheCommitPointThenKillNineWhileFull() throws {
        let d = try DaemonHarness("ledgerfull")
        guard let fs = Tmpfs.mount(at: d.root.appendingPathComponent("ledgerfs").path, size: "1m") else {
            print("skipped: mounting a tmpfs needs root (CI runs as root)")
            return
        }
        defer { d.killHard(); fs.unmount() }
        d.environment["INGESTD_LEDGER_FILE"] = fs.path + "/ledger.jsonl"
        try d.start()
        // some pages committed, then the ledger's filesystem full
        var names = Set<String>()
        for i in 0..<10 {
            try Pages.unique(30_000 + i).write(to: d.inbox.appendingPathComponent("a\(i).txt"))
            names.insert("a\(i).txt")
        }
        try waitUntil(timeout: 60, "first pages") { d.counter("files_ingested") == 10 }
        let filler = Self.fill(fs.path)
        for i in 0..<40 {
            try Pages.unique(31_000 + i).write(to: d.inbox.appendingPathComponent("b\(i).txt"))
            names.insert("b\(i).txt")
        }
        // (a ledger line or two may still fit in the page the ledger file already holds)
        try waitUntil(timeout: 30, "degraded") { (d.status()?["write_fault"] as? String)?.contains("(ledger)") == true }
        let committed = d.counter("files_ingested")
        Thread.sleep(forTimeInterval: 2)
        #expect(d.counter("files_ingested") == committed, "nothing is acknowledged while the ledger cannot be written")
        #expect(committed < 50)
        // no record of an uncommitted batch is left in the records files
        #expect(Self.wholeRecords(d).bad == 0)
        d.killHard()
        unlink(filler)
        try d.start()
        try waitUntil(timeout: 120, "drain after restart", poll: 0.5) {
            d.files(in: "inbox").isEmpty && (d.status()?["queue"] as? [String: Int])?["in_flight"] == 0
        }
        d.signal(SIGTERM)
        #expect(try d.waitForExit(timeout: 30).status == 0)
        Self.checkExactlyOnce(d, names: names)
    }

    /// EIO from fdatasync on a records file, once: the batch is never acknowledged, nothing of
    /// it stays, and the retry commits it exactly once.
    @Test func eioOnFsyncNeverAcknowledgesABatch() throws {
        let d = try DaemonHarness("eio")
        guard try d.preload("failsync", source: Self.shimSource) else { return }
        defer { d.killHard() }
        d.environment["FAULT_PATH_PART"] = "/records/"
        d.environment["FAULT_NTH"] = "3"
        try d.start()
        var names = Set<String>()
        for i in 0..<12 {
            try Pages.unique(40_000 + i).write(to: d.inbox.appendingPathComponent("e\(i).txt"))
            names.insert("e\(i).txt")
            try waitUntil(timeout: 30, "page \(i)") { d.counter("files_ingested") == i + 1 }
        }
        d.signal(SIGTERM)
        #expect(try d.waitForExit(timeout: 30).status == 0)
        #expect(d.logShows("cannot write: input/output error (records)"))
        #expect(d.logShows("writes succeed again"))
        Self.checkExactlyOnce(d, names: names)
    }

    /// Makes the FAULT_NTH-th fdatasync of a file whose path contains FAULT_PATH_PART fail with EIO.
    static let shimSource = """
    #define _GNU_SOURCE
    #include <dlfcn.h>
    #include <errno.h>
    #include <stdio.h>
    #include <stdlib.h>
    #include <string.h>
    #include <unistd.h>
    static int calls;
    int fdatasync(int fd) {
        static int (*real)(int);
        if (!real) real = (int (*)(int))dlsym(RTLD_NEXT, "fdatasync");
        const char *part = getenv("FAULT_PATH_PART");
        const char *nth = getenv("FAULT_NTH");
        char link[64], path[4096];
        snprintf(link, sizeof link, "/proc/self/fd/%d", fd);
        ssize_t n = readlink(link, path, sizeof path - 1);
        if (part && nth && n > 0) {
            path[n] = 0;
            if (strstr(path, part) && __atomic_add_fetch(&calls, 1, __ATOMIC_SEQ_CST) == atoi(nth)) { errno = EIO; return -1; }
        }
        return real(fd);
    }
    """
}
