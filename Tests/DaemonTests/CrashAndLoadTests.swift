import Foundation
import Glibc
import Testing

/// The guarantees under stress: kill -9 at random moments, inotify overflow, SIGTERM
/// during a burst.
@Suite(.serialized) struct CrashAndLoadTests {
    /// Every file is in exactly one of inbox, archive, failed; every archived page has its
    /// records exactly once (unique ids, indexes 0..<count), and no records exist for
    /// anything else.
    static func checkInvariants(_ d: DaemonHarness, names: Set<String>, expectDrained: Bool) {
        let inbox = Set(d.files(in: "inbox"))
        let archived = d.archived()
        let failed = Set(d.files(in: "failed").filter { !$0.hasSuffix(".error.json") })
        #expect(Set(archived).count == archived.count, "a file archived twice")
        let all = inbox.union(archived).union(failed)
        #expect(all == names, "lost: \(names.subtracting(all).sorted().prefix(5)) extra: \(all.subtracting(names).sorted().prefix(5))")
        #expect(inbox.isDisjoint(with: archived) && inbox.isDisjoint(with: failed) && failed.isDisjoint(with: archived))
        if expectDrained { #expect(inbox.isEmpty && failed.isEmpty) }

        let records = d.records()
        let ids = records.map { $0["id"] as! String }
        #expect(Set(ids).count == ids.count, "duplicate record ids: \(ids.count - Set(ids).count)")
        let (bySource, counts) = DaemonHarness.bySource(records)
        for name in archived {
            let indexes = bySource[name] ?? []
            #expect(indexes.sorted() == Array(0..<(counts[name] ?? -1)), "\(name): records \(indexes.sorted())")
        }
        // a kill between the ledger commit and the archive rename leaves complete records
        // for a file still in the inbox; the restart archives it without new records
        for name in inbox where bySource[name] != nil {
            #expect(bySource[name]!.sorted() == Array(0..<(counts[name] ?? -1)), "\(name): partial records")
        }
        #expect(Set(bySource.keys).isSubset(of: Set(archived).union(inbox)), "records of files neither archived nor waiting")
    }

    @Test func killNineAtRandomMomentsLosesAndRepeatsNothing() throws {
        let d = try DaemonHarness("crash")
        try d.start()
        var names = Set<String>()
        for i in 0..<500 {
            let name = "burst/p\(i).txt"
            try FileManager.default.createDirectory(at: d.inbox.appendingPathComponent("burst"), withIntermediateDirectories: true)
            try Pages.unique(i).write(to: d.inbox.appendingPathComponent(name))
            names.insert(name)
        }
        var rng = SystemRandomNumberGenerator()
        for round in 0..<5 {
            Thread.sleep(forTimeInterval: Double.random(in: 0.3...2.5, using: &rng))
            d.killHard()
            Self.checkInvariants(d, names: names, expectDrained: false)
            if round < 4 { try d.start() }
        }
        try d.start()
        try waitUntil(timeout: 600, "drain after crashes", poll: 0.5) { d.files(in: "inbox").isEmpty && (d.status()?["queue"] as? [String: Int])?["in_flight"] == 0 }
        d.signal(SIGTERM)
        #expect(try d.waitForExit(timeout: 30).status == 0)
        Self.checkInvariants(d, names: names, expectDrained: true)
    }

    @Test func inotifyOverflowIsReconciledByARescan() throws {
        let maxQueued = Int((try? String(contentsOfFile: "/proc/sys/fs/inotify/max_queued_events", encoding: .utf8))?
            .trimmingCharacters(in: .whitespacesAndNewlines) ?? "16384") ?? 16384
        let d = try DaemonHarness("overflow", settings: ["INGESTD_RESCAN_INTERVAL_S": "0"])
        try d.start()
        let dir = d.inbox.appendingPathComponent("flood")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        try waitUntil(timeout: 30, "folder watched") { (d.status()?["watch"] as? [String: Any])?["watches"] as? Int == 2 }
        d.signal(SIGSTOP)
        // each new file raises IN_CREATE and IN_CLOSE_WRITE: this is more events than the kernel queues
        let count = maxQueued / 2 + 1000
        var names = Set<String>()
        for i in 0..<count {
            try Pages.small(i).write(to: dir.appendingPathComponent("s\(i).txt"))
            names.insert("flood/s\(i).txt")
        }
        d.signal(SIGCONT)
        try waitUntil(timeout: 900, "all \(count) ingested", poll: 1) { d.counter("files_ingested") == count }
        let overflows = (d.status()?["watch"] as? [String: Any])?["overflows"] as? Int ?? 0
        #expect(overflows >= 1)
        #expect(d.logShows("overflowed"))
        d.signal(SIGTERM)
        #expect(try d.waitForExit(timeout: 30).status == 0)
        Self.checkInvariants(d, names: names, expectDrained: true)
        #expect(d.records().count == count)
    }

    @Test func sigtermDuringABurstStopsCleanlyWithinTenSeconds() throws {
        let d = try DaemonHarness("sigterm")
        try d.start()
        var names = Set<String>()
        for i in 0..<300 {
            try Pages.unique(10_000 + i).write(to: d.inbox.appendingPathComponent("t\(i).txt"))
            names.insert("t\(i).txt")
        }
        try waitUntil(timeout: 60, "work under way") { d.counter("files_ingested") > 10 }
        d.signal(SIGTERM)
        let (status, seconds) = try d.waitForExit(timeout: 30)
        #expect(status == 0)
        #expect(seconds < 10)
        #expect(d.status()?["state"] as? String == "stopped")
        Self.checkInvariants(d, names: names, expectDrained: false)
        // a restart finishes the rest
        try d.start()
        try waitUntil(timeout: 300, "drain", poll: 0.5) { d.files(in: "inbox").isEmpty && (d.status()?["queue"] as? [String: Int])?["in_flight"] == 0 }
        d.signal(SIGTERM)
        try d.waitForExit()
        Self.checkInvariants(d, names: names, expectDrained: true)
    }
}
