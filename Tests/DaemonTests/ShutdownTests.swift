import Foundation
import Logging
import Testing
@testable import IngestDaemon

/// Start order, the two-pass stop and its deadline, on stub services; then a stop requested
/// in the middle of a burst on the real daemon, in-process.
@Suite struct ShutdownTests {
    actor Journal {
        var lines: [String] = []
        func add(_ s: String) { lines.append(s) }
    }

    struct Stub: DaemonService {
        let name: String
        let journal: Journal
        var failsToStart = false
        var hangs = false
        func start() async throws {
            await journal.add("start \(name)")
            if failsToStart { throw CancellationError() }
        }
        func quiesce() async { await journal.add("quiesce \(name)") }
        func shutdown() async {
            await journal.add("shutdown \(name)")
            if hangs { try? await Task.sleep(for: .seconds(3600)) }
        }
    }

    @Test func servicesStartInOrderAndStopBackwardsInTwoPasses() async throws {
        let j = Journal()
        let group = ServiceGroup(services: ["status", "sink", "workers", "watcher"].map { Stub(name: $0, journal: j) })
        try await group.start()
        #expect(await group.shutdown(within: .seconds(10)))
        #expect(await j.lines == [
            "start status", "start sink", "start workers", "start watcher",
            "quiesce watcher", "quiesce workers", "quiesce sink", "quiesce status",
            "shutdown watcher", "shutdown workers", "shutdown sink", "shutdown status",
        ])
    }

    @Test func aServiceThatFailsToStartStopsTheOnesBeforeIt() async {
        let j = Journal()
        let group = ServiceGroup(services: [Stub(name: "a", journal: j), Stub(name: "b", journal: j, failsToStart: true), Stub(name: "c", journal: j)])
        await #expect(throws: CancellationError.self) { try await group.start() }
        #expect(await j.lines == ["start a", "start b", "quiesce a", "shutdown a"])
    }

    @Test func theDrainDeadlineBoundsAStuckShutdown() async throws {
        let j = Journal()
        let group = ServiceGroup(services: [Stub(name: "status", journal: j), Stub(name: "sink", journal: j, hangs: true)])
        try await group.start()
        // the stuck shutdown sleeps an hour: returning at all means the deadline ended the wait
        #expect(await group.shutdown(within: .milliseconds(300)) == false)
        #expect(await !j.lines.contains("shutdown status"), "status was stopped before the stuck sink")
    }

    /// The real daemon in this process: a stop in the middle of a burst finishes the files in
    /// flight, leaves the waiting ones in the inbox, loses nothing, and returns 0.
    @Test func stopMidBurstFinishesInFlightFilesAndLosesNothing() async throws {
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("ingestd-stop-\(UUID().uuidString.prefix(8))")
        defer { try? FileManager.default.removeItem(at: root) }
        var config = DaemonConfig()
        config.stateDir = root.path
        config.workers = 2
        config.settleSeconds = 0.2
        config.statusIntervalSeconds = 0.2
        let fixed = config
        let daemon = Daemon(config: fixed, reload: { fixed }, log: Logger(label: "test") { _ in SwiftLogNoOpLogHandler() })
        let run = Task { try await daemon.run() }
        let inbox = URL(fileURLWithPath: fixed.inboxPath)
        try await eventually("running") { Self.status(fixed)?["state"] as? String == "running" }
        let names = (0..<1500).map { "p\($0).txt" }
        for (i, name) in names.enumerated() { try Pages.unique(60_000 + i).write(to: inbox.appendingPathComponent(name)) }
        try await eventually("some pages in") { ((Self.status(fixed)?["counters"] as? [String: Any])?["files_ingested"] as? Int ?? 0) >= 20 }
        daemon.requestStop()
        #expect(try await run.value == 0)
        #expect(Self.status(fixed)?["state"] as? String == "stopped")

        let left = Set((try? FileManager.default.contentsOfDirectory(atPath: fixed.inboxPath)) ?? [])
        var records: [[String: Any]] = []
        for f in (try? FileManager.default.contentsOfDirectory(atPath: fixed.recordsPath)) ?? [] where f.hasSuffix(".jsonl") {
            for line in (FileManager.default.contents(atPath: fixed.recordsPath + "/" + f) ?? Data()).split(separator: 0x0A) {
                records.append(try #require(try JSONSerialization.jsonObject(with: Data(line)) as? [String: Any]))
            }
        }
        let (bySource, counts) = DaemonHarness.bySource(records)
        #expect(!left.isEmpty, "the whole burst finished before the stop: the test proves nothing")
        for name in names {
            if left.contains(name) {
                #expect(bySource[name] == nil, "\(name) has records but is still in the inbox")
            } else {
                #expect((bySource[name] ?? []).sorted() == Array(0..<(counts[name] ?? -1)), "\(name): records \((bySource[name] ?? []).sorted())")
            }
        }
        let ingested = (Self.status(fixed)?["counters"] as? [String: Any])?["files_ingested"] as? Int
        #expect(ingested == names.count - left.count)
    }

    static func status(_ c: DaemonConfig) -> [String: Any]? {
        guard let d = FileManager.default.contents(atPath: c.statusPath) else { return nil }
        return try? JSONSerialization.jsonObject(with: d) as? [String: Any]
    }
}
