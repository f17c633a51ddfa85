import Foundation

/// The SPEC's exit codes for `ingestd status`, and the few lines it prints.
package enum StatusHealth {
    package struct Verdict: Equatable {
        package var code: Int32
        package var reasons: [String]
    }

    static let stallLimit = 60.0
    /// A file held by a worker longer than this is a degraded reason (real pages take ms).
    static let slowFileLimit = 60.0

    static func parse(_ stamp: String) -> Double? {
        let f = ISO8601DateFormatter()
        f.formatOptions = [.withInternetDateTime, .withFractionalSeconds]
        return f.date(from: stamp)?.timeIntervalSince1970
    }

    package static func judge(_ doc: StatusDocument, now: Double) -> Verdict {
        if doc.state == "stopped" || doc.state == "failed" { return Verdict(code: 3, reasons: ["state \(doc.state)"]) }
        let age = parse(doc.updatedAt).map { now - $0 } ?? .infinity
        if age > 3 * max(doc.refreshIntervalS, 0.2) {
            return Verdict(code: 3, reasons: ["status not updated for \(Int(age)) s (process gone?)"])
        }
        var reasons: [String] = []
        if let fault = doc.writeFault { reasons.append("writes failing: \(fault); retrying") }
        if doc.recentFailures > 0 { reasons.append("\(doc.recentFailures) failure(s) in the last 5 minutes") }
        if doc.watch.reconciling { reasons.append("reconciling after an inotify overflow") }
        let pg = doc.postgres
        if pg.state == "unreachable" || pg.state == "error" {
            reasons.append("postgres \(pg.state): \(pg.lastError ?? "?"); \(pg.lagRecords) record(s) waiting, retrying")
        }
        if doc.stalledS >= stallLimit { reasons.append("queue not moving for \(Int(doc.stalledS)) s") }
        for w in doc.workingOn ?? [] {
            if let since = parse(w.since), now - since > slowFileLimit {
                reasons.append("\(w.file) in a worker for \(Int(now - since)) s")
            }
        }
        return Verdict(code: reasons.isEmpty ? 0 : 1, reasons: reasons)
    }

    package static func report(_ d: StatusDocument, health: Verdict) -> String {
        let verdict = health.code == 0 ? "healthy" : health.code == 1 ? "degraded: " + health.reasons.joined(separator: "; ") : "not running (" + health.reasons.joined(separator: "; ") + ")"
        var lines = [
            "ingestd \(d.version) — \(d.state), pid \(d.pid), up \(duration(d.uptimeS)) — \(verdict)",
            "inbox \(d.inbox) (watch: \(d.watch.mode), \(d.watch.watches) folder(s), \(d.watch.overflows) overflow(s)); state \(d.stateDir)",
            "queue: \(d.queue.pending) waiting, \(d.queue.inFlight) in flight, \(d.workers) worker(s); \(d.ratePerMin) file(s) in the last minute",
            "ingested \(d.counters.filesIngested) file(s), \(d.counters.articles) article(s), \(d.counters.duplicates) duplicate(s), \(d.counters.failed) failed, \(d.counters.bytes) bytes",
        ]
        if let l = d.lastIngest { lines.append(LineLogHandler.oneLine("last ingest: \(l.file) (\(l.articles) article(s)) at \(l.at)")) }
        if let e = d.lastError { lines.append(LineLogHandler.oneLine("last error: \(e.file.isEmpty ? "" : e.file + ": ")\(e.message) at \(e.at)")) }
        let pg = d.postgres
        if pg.state != "off" {
            lines.append("postgres: \(pg.state) (\(pg.target ?? "?"), host \(pg.hostID ?? "?")); \(pg.lagRecords) record(s) to ship, \(pg.shippedRecords) shipped, \(pg.duplicateSources) duplicate source(s) since start")
        }
        if let note = d.watch.note { lines.append("note: \(note)") }
        let now = parse(d.updatedAt) ?? 0
        for w in d.workingOn ?? [] {
            let held = parse(w.since).map { String(format: "%.1f s", max(0, now - $0)) } ?? "?"
            lines.append(LineLogHandler.oneLine("working on: \(w.file) (since \(w.since), \(held))"))
        }
        return lines.joined(separator: "\n")
    }

    static func duration(_ s: Double) -> String {
        let t = Int(s)
        if t < 60 { return "\(t) s" }
        if t < 3600 { return "\(t / 60) min \(t % 60) s" }
        return "\(t / 3600) h \(t / 60 % 60) min"
    }
}
