/// The paths waiting for a worker, bounded. Producers (events, scans) suspend when it is
/// full, so a burst of 20 000 files costs `capacity` paths of memory, not 20 000: the inbox
/// itself is the backlog. A path is held at most once, whether waiting or in flight, which
/// absorbs repeated CLOSE_WRITE events and the overlap between events and scans.
actor WorkQueue {
    private var capacity: Int
    private var waiting: [String] = []
    private var head = 0
    private var known = Set<String>()
    private var inFlight = Set<String>()
    private var takers: [CheckedContinuation<String?, Never>] = []
    private var putters: [CheckedContinuation<Void, Never>] = []
    private var closed = false
    /// Completed items, for the "queue not moving" health check.
    private(set) var completed = 0

    init(capacity: Int) {
        self.capacity = max(1, capacity)
    }

    var pending: Int { waiting.count - head }
    var inFlightCount: Int { inFlight.count }

    func setCapacity(_ n: Int) { capacity = max(1, n); wakePutters() }

    /// Adds a path unless it is already waiting or in flight; waits while the queue is full.
    /// Returns false once the queue is closed.
    @discardableResult
    func put(_ path: String) async -> Bool {
        while !closed, pending >= capacity {
            await withCheckedContinuation { putters.append($0) }
        }
        guard !closed else { return false }
        guard !known.contains(path), !inFlight.contains(path) else { return true }
        if let taker = takers.first {
            takers.removeFirst()
            inFlight.insert(path)
            taker.resume(returning: path)
            return true
        }
        known.insert(path)
        waiting.append(path)
        return true
    }

    /// The next path for a worker, or nil once the queue is closed (waiting paths stay in
    /// the inbox and are found again by the next start-up scan).
    func take() async -> String? {
        if closed { return nil }
        if head < waiting.count {
            let path = waiting[head]
            head += 1
            if head > 1024, head * 2 > waiting.count { waiting.removeFirst(head); head = 0 }
            known.remove(path)
            inFlight.insert(path)
            wakePutters()
            return path
        }
        return await withCheckedContinuation { takers.append($0) }
    }

    func done(_ path: String) {
        inFlight.remove(path)
        completed += 1
    }

    /// Stops handing out work: workers finish their current file and get nil.
    func close() {
        closed = true
        for t in takers { t.resume(returning: nil) }
        takers.removeAll()
        wakePutters()
        waiting.removeAll()
        head = 0
        known.removeAll()
    }

    private func wakePutters() {
        let ready = putters
        putters.removeAll()
        for p in ready { p.resume() }
    }
}
