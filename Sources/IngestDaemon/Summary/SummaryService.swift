/// summary.json exists before the daemon says it runs, rolls with the clock every minute
/// even when nothing arrives, and is written a last time at stop.
struct SummaryService: DaemonService {
    let name = "summary"
    let store: SummaryStore
    private let loop = TaskBox()

    init(store: SummaryStore) {
        self.store = store
    }

    func start() async throws {
        await store.writeNow()
        loop.set(Task { [store] in
            while !Task.isCancelled {
                try? await Task.sleep(for: .seconds(60))
                if !Task.isCancelled { await store.writeNow() }
            }
        })
    }

    func shutdown() async {
        loop.cancel()
        await store.writeNow()
    }
}
