import Foundation
import Testing
@testable import IngestDaemon

/// The bounded, deduplicating queue between the watcher/scans and the workers.
@Suite struct WorkQueueTests {
    @Test func aPathIsHeldOnceWhetherWaitingOrInFlight() async {
        let q = WorkQueue(capacity: 8)
        await q.put("/in/a.txt")
        await q.put("/in/a.txt")  // a second CLOSE_WRITE, or a scan overlapping the event
        #expect(await q.pending == 1)
        #expect(await q.take() == "/in/a.txt")
        await q.put("/in/a.txt")  // in flight: still the same file
        #expect(await q.pending == 0)
        #expect(await q.inFlightCount == 1)
        await q.done("/in/a.txt")
        await q.put("/in/a.txt")  // finished: a new write of that name is new work
        #expect(await q.pending == 1)
        #expect(await q.completed == 1)
    }

    @Test func producersWaitWhileTheQueueIsFull() async throws {
        let q = WorkQueue(capacity: 2)
        await q.put("/in/1")
        await q.put("/in/2")
        let third = Task { await q.put("/in/3") }
        try await Task.sleep(for: .milliseconds(100))
        #expect(await q.pending == 2, "a third path got in past the capacity")
        #expect(await q.take() == "/in/1")
        #expect(await third.value)
        #expect(await q.pending == 2)
    }

    @Test func closingWakesWaitingWorkersAndDropsWaitingPaths() async throws {
        let q = WorkQueue(capacity: 4)
        let worker = Task { await q.take() }
        try await Task.sleep(for: .milliseconds(50))
        await q.put("/in/x")  // handed straight to the waiting worker
        #expect(await worker.value == "/in/x")
        await q.put("/in/y")
        let idle = Task { () -> String? in
            _ = await q.take()  // takes y
            return await q.take()  // waits
        }
        try await Task.sleep(for: .milliseconds(50))
        await q.close()
        #expect(await idle.value == nil)
        #expect(await q.put("/in/z") == false)
        #expect(await q.pending == 0)
    }

    @Test func capacityCanGrowOnReload() async throws {
        let q = WorkQueue(capacity: 1)
        await q.put("/in/1")
        let second = Task { await q.put("/in/2") }
        try await Task.sleep(for: .milliseconds(50))
        await q.setCapacity(4)
        #expect(await second.value)
        #expect(await q.pending == 2)
    }
}
