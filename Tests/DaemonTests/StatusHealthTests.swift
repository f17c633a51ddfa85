import Foundation
import Testing
@testable import IngestDaemon

/// `ingestd status` verdicts on crafted status documents.
@Suite struct StatusHealthTests {
    static func doc(now: Double) -> StatusDocument {
        StatusDocument(
            state: "running", pid: 1, version: "test", startedAt: RFC3339Clock.stamp(now - 100), updatedAt: RFC3339Clock.stamp(now),
            uptimeS: 100, inbox: "/in", stateDir: "/var", workers: 2, queue: .init(pending: 0, inFlight: 1), counters: .init(),
            lastIngest: nil, lastError: nil,
            watch: .init(mode: "inotify", watches: 1, overflows: 0, note: nil, lastScan: nil, reconciling: false),
            ratePerMin: 0, stalledS: 0, refreshIntervalS: 2, recentFailures: 0)
    }

    @Test func aFileHeldByAWorkerForOverAMinuteIsDegraded() {
        let now = Date().timeIntervalSince1970
        var d = Self.doc(now: now)
        d.workingOn = [.init(file: "fast.txt", since: RFC3339Clock.stamp(now - 2))]
        #expect(StatusHealth.judge(d, now: now).code == 0)
        d.workingOn!.append(.init(file: "slow.txt", since: RFC3339Clock.stamp(now - 75)))
        let v = StatusHealth.judge(d, now: now)
        #expect(v.code == 1 && v.reasons.contains { $0.hasPrefix("slow.txt in a worker for 7") })
        let text = StatusHealth.report(d, health: v)
        #expect(text.contains("working on: slow.txt (since "))
        #expect(text.contains("working on: fast.txt"))
    }

    @Test func aWriteFaultIsDegradedAndSaysWhat() {
        let now = Date().timeIntervalSince1970
        var d = Self.doc(now: now)
        d.state = "degraded"
        d.writeFault = "no space left on device (records)"
        let v = StatusHealth.judge(d, now: now)
        #expect(v.code == 1 && v.reasons == ["writes failing: no space left on device (records); retrying"])
    }

    @Test func statusJSONListsWorkingOnAlways() throws {
        let now = Date().timeIntervalSince1970
        let json = try JSONSerialization.jsonObject(with: Data(StatusFile.encode(Self.doc(now: now)))) as? [String: Any]
        #expect((json?["working_on"] as? [Any])?.isEmpty == true)
        #expect(json?["write_fault"] is NSNull)
    }
}
