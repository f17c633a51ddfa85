import Foundation

/// The daemon's services in start order: outputs before the stages that feed them (status,
/// summary, sink, workers, scans, watcher, watchdog), so nothing produces into a consumer
/// that is not running yet. A stop runs the list backwards: the watcher stops first, the
/// workers finish their files, the sink makes them durable, status says `stopped` last.
struct ServiceGroup: Sendable {
    let services: [any DaemonService]

    /// Starts each service in order; when one fails, the ones started are shut down
    /// (backwards) and the error is rethrown.
    func start() async throws {
        for (i, service) in services.enumerated() {
            do {
                try await service.start()
            } catch {
                let started = ServiceGroup(services: Array(services[..<i]))
                _ = await started.shutdown(within: .seconds(10))
                throw error
            }
        }
    }

    /// Quiesces every service, then shuts each down, backwards. Returns false when
    /// `deadline` passed first: the shutdowns still running are left behind (what is not
    /// durable stays in the inbox for the next start, by the commit protocol).
    func shutdown(within deadline: Duration) async -> Bool {
        let order = services.reversed()
        return await Self.race(deadline) {
            for s in order { await s.quiesce() }
            for s in order { await s.shutdown() }
        }
    }

    /// Runs `work`; true if it finished within `limit`, false if the limit came first.
    static func race(_ limit: Duration, _ work: @escaping @Sendable () async -> Void) async -> Bool {
        let once = Once()
        return await withCheckedContinuation { (c: CheckedContinuation<Bool, Never>) in
            Task {
                await work()
                await once.resume(c, with: true)
            }
            Task {
                try? await Task.sleep(for: limit)
                await once.resume(c, with: false)
            }
        }
    }

    private actor Once {
        private var done = false
        func resume(_ c: CheckedContinuation<Bool, Never>, with value: Bool) {
            guard !done else { return }
            done = true
            c.resume(returning: value)
        }
    }
}
