import Foundation

package enum StatusFile {
    static func encode(_ doc: StatusDocument) throws -> [UInt8] {
        let e = JSONEncoder()
        e.outputFormatting = [.prettyPrinted, .withoutEscapingSlashes, .sortedKeys]
        return Array(try e.encode(doc)) + [0x0A]
    }

    package static func read(_ path: String) throws -> StatusDocument {
        guard let data = FileManager.default.contents(atPath: path) else {
            throw CocoaError(.fileReadNoSuchFile)
        }
        return try JSONDecoder().decode(StatusDocument.self, from: data)
    }
}

extension StatusFile {
    /// Leaves a `failed` status behind when the daemon cannot start or dies on an error.
    package static func markFailed(_ path: String, reason: String) throws {
        let now = RFC3339Clock.now()
        var doc = (try? read(path)) ?? StatusDocument(
            state: "failed", pid: getpid(), version: DaemonVersion.current, startedAt: RFC3339Clock.stamp(now),
            updatedAt: RFC3339Clock.stamp(now), uptimeS: 0, inbox: "", stateDir: "", workers: 0,
            queue: .init(pending: 0, inFlight: 0), counters: .init(), lastIngest: nil, lastError: nil,
            watch: .init(mode: "none", watches: 0, overflows: 0, note: nil, lastScan: nil, reconciling: false),
            ratePerMin: 0, stalledS: 0, refreshIntervalS: 2, recentFailures: 0)
        doc.state = "failed"
        doc.pid = getpid()
        doc.updatedAt = RFC3339Clock.stamp(now)
        doc.lastError = .init(at: RFC3339Clock.stamp(now), file: "", message: reason)
        try DurableFiles.makeDirectories((path as NSString).deletingLastPathComponent)
        try DurableFiles.replace(path, with: encode(doc))
    }
}
