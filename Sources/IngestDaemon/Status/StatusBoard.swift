import Foundation

/// The daemon's live state, owned by one actor; `snapshot()` renders `status.json`.
actor StatusBoard {
    private var doc: StatusDocument
    private let started: Double
    private var finishTimes: [Double] = []
    private var failureTimes: [Double] = []
    private var lastProgress: Double
    /// Files being parsed, by path, with when a worker took them.
    private var working: [String: Double] = [:]

    init(config: DaemonConfig, version: String, now: Double) {
        started = now
        lastProgress = now
        doc = StatusDocument(
            state: "starting", pid: getpid(), version: version,
            startedAt: RFC3339Clock.stamp(now), updatedAt: RFC3339Clock.stamp(now), uptimeS: 0,
            inbox: config.inboxPath, stateDir: config.stateDirURL.path, workers: config.resolvedWorkers,
            queue: .init(pending: 0, inFlight: 0), counters: .init(), lastIngest: nil, lastError: nil,
            watch: .init(mode: "inotify", watches: 0, overflows: 0, note: nil, lastScan: nil, reconciling: false),
            ratePerMin: 0, stalledS: 0, refreshIntervalS: config.statusIntervalSeconds, recentFailures: 0)
    }

    var state: String { doc.state }
    var counters: StatusDocument.Counters { doc.counters }

    func setState(_ s: String) { doc.state = s }
    func setWorkers(_ n: Int) { doc.workers = n }
    func setWatch(mode: String, note: String?) { doc.watch.mode = mode; doc.watch.note = note }
    func setWatches(_ n: Int) { doc.watch.watches = n }
    func overflowed() { doc.watch.overflows += 1; doc.watch.reconciling = true }
    func scanFinished(at: Double) { doc.watch.lastScan = RFC3339Clock.stamp(at); doc.watch.reconciling = false }

    func ingested(file: String, articles: Int, bytes: Int, at: Double) {
        doc.counters.filesIngested += 1
        doc.counters.articles += articles
        doc.counters.bytes += bytes
        doc.lastIngest = .init(at: RFC3339Clock.stamp(at), file: file, articles: articles)
        progressed(at)
    }

    func duplicate(bytes: Int, at: Double) {
        doc.counters.duplicates += 1
        doc.counters.bytes += bytes
        progressed(at)
    }

    func failed(file: String, message: String, at: Double) {
        doc.counters.failed += 1
        doc.lastError = .init(at: RFC3339Clock.stamp(at), file: file, message: message)
        failureTimes.append(at)
        progressed(at)
    }

    func setPostgres(_ p: StatusDocument.Postgres) { doc.postgres = p }
    func startWorking(_ file: String, at: Double) { working[file] = at }
    func stopWorking(_ file: String) { working[file] = nil }

    /// Our own storage refuses writes (`message`), or accepts them again (nil): the state
    /// is `degraded` meanwhile.
    func writeFault(_ message: String?, at: Double) {
        doc.writeFault = message
        if let message {
            doc.lastError = .init(at: RFC3339Clock.stamp(at), file: "", message: message)
            if doc.state == "running" { doc.state = "degraded" }
        } else if doc.state == "degraded" {
            doc.state = "running"
        }
    }

    /// A daemon-level error (not tied to one file), e.g. a watch that could not be added.
    func error(_ message: String, at: Double) {
        doc.lastError = .init(at: RFC3339Clock.stamp(at), file: "", message: message)
    }

    private func progressed(_ at: Double) {
        finishTimes.append(at)
        lastProgress = at
    }

    func snapshot(queue: (pending: Int, inFlight: Int), now: Double) -> StatusDocument {
        finishTimes.removeAll { $0 < now - 60 }
        failureTimes.removeAll { $0 < now - 300 }
        doc.queue = .init(pending: queue.pending, inFlight: queue.inFlight)
        doc.updatedAt = RFC3339Clock.stamp(now)
        doc.uptimeS = (now - started).rounded(toPlaces: 3)
        doc.ratePerMin = finishTimes.count
        doc.recentFailures = failureTimes.count
        if queue.pending + queue.inFlight == 0 { lastProgress = now }
        doc.stalledS = (now - lastProgress).rounded(toPlaces: 1)
        doc.workingOn = working.sorted { $0.value < $1.value }.map { .init(file: $0.key, since: RFC3339Clock.stamp($0.value)) }
        return doc
    }

    /// One line for systemd's `STATUS=`.
    func summaryLine(queue: (pending: Int, inFlight: Int)) -> String {
        let c = doc.counters
        let fault = doc.writeFault.map { "; writes failing: \($0)" } ?? ""
        return "\(doc.state): \(c.filesIngested) files, \(c.articles) articles, \(c.duplicates) duplicates, \(c.failed) failed; queue \(queue.pending)+\(queue.inFlight)\(fault)"
    }
}

package enum RFC3339Clock {
    package static func now() -> Double { Date().timeIntervalSince1970 }
    static func stamp(_ t: Double) -> String { RFC3339Format.format(t) }
}

extension Double {
    func rounded(toPlaces n: Int) -> Double {
        let p = pow(10.0, Double(n))
        return (self * p).rounded() / p
    }
}
