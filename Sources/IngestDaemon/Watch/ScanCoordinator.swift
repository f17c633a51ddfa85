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
    private let events: EventBus
    private var running = false
    private var again = false
    private var extraRoots: [String] = []
    private var followUp: Task<Void, Never>?
    private var stopped = false
    /// Unlistable folders already logged: each is reported once, and again only after it
    /// was readable for a while (a full scan listed it).
    private var reported: Set<String> = []

    init(inbox: String, queue: WorkQueue, settings: LiveSettings, settle: Double, events: EventBus) {
        scanner = InboxScanner(root: inbox)
        self.queue = queue
        self.settings = settings
        self.settle = settle
        self.events = events
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
            var unreadable: [InboxScanner.Unreadable] = []
            for root in roots {
                let filter = settings.limits.filter
                let settleLimit = Date().timeIntervalSince1970 - settle
                unreadable += await InboxScanner(root: root).walk(filter: filter) { c in
                    if c.modified > settleLimit { unsettled = true; return true }
                    return await self.queue.put(c.path)
                }
            }
            await report(unreadable, afterFullScan: full)
            if full { await events.emit(.scanFinished(at: Date().timeIntervalSince1970)) }
            if unsettled { scheduleFollowUp() }
        }
        running = false
    }

    private func report(_ unreadable: [InboxScanner.Unreadable], afterFullScan full: Bool) async {
        for u in unreadable where !reported.contains(u.path) {
            let message = u.errno == EILSEQ
                ? "cannot take \(u.path): its name is not valid UTF-8 (shown with �); it stays in the inbox until renamed (e.g. convmv -f gbk -t utf8 --notest)"
                : "cannot read folder \(u.path): \(u.reason); files in it stay in the inbox until the daemon's user can list it (make it group-readable: chmod g+rx)"
            await events.emit(.problem(message, level: .warning, at: Date().timeIntervalSince1970))
            if reported.count < 10_000 { reported.insert(u.path) }
        }
        if full { reported.formIntersection(unreadable.map(\.path)) }
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
