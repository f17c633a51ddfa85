import Foundation

/// Runs full scans of the inbox one at a time. A request made while a scan runs is
/// remembered and served by one more scan afterwards, so overflows, periodic rescans and
/// new folders never pile up scans. Files still settling (modified within `settle`) are
/// left for a follow-up scan.
actor ScanCoordinator {
    private let scanner: InboxScanner
    private let queue: WorkQueue
    private let settings: LiveSettings
    private let settle: Double
    private let onFinished: @Sendable (Double) async -> Void
    private var running = false
    private var again = false
    private var extraRoots: [String] = []
    private var followUp: Task<Void, Never>?
    private var stopped = false

    init(inbox: String, queue: WorkQueue, settings: LiveSettings, settle: Double, onFinished: @escaping @Sendable (Double) async -> Void) {
        scanner = InboxScanner(root: inbox)
        self.queue = queue
        self.settings = settings
        self.settle = settle
        self.onFinished = onFinished
    }

    func stop() {
        stopped = true
        followUp?.cancel()
    }

    /// Scans everything (or, with `folder`, just that new folder) without blocking the caller.
    func request(folder: String? = nil) {
        guard !stopped else { return }
        if let folder { extraRoots.append(folder) } else { again = true }
        guard !running else { return }
        running = true
        Task { await self.loop() }
    }

    private func loop() async {
        while !stopped, again || !extraRoots.isEmpty {
            let full = again
            again = false
            let roots = full ? [scanner.root] : extraRoots
            extraRoots.removeAll()
            var unsettled = false
            for root in roots {
                let filter = settings.limits.filter
                let settleLimit = Date().timeIntervalSince1970 - settle
                await InboxScanner(root: root).walk(filter: filter) { c in
                    if c.modified > settleLimit { unsettled = true; return true }
                    return await self.queue.put(c.path)
                }
            }
            if full { await onFinished(Date().timeIntervalSince1970) }
            if unsettled { scheduleFollowUp() }
        }
        running = false
    }

    private func scheduleFollowUp() {
        followUp?.cancel()
        let delay = settle + 0.2
        followUp = Task {
            try? await Task.sleep(for: .seconds(delay))
            if !Task.isCancelled { self.request() }
        }
    }
}
