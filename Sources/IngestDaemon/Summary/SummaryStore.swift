import Foundation
import Ingest
import Logging

/// The daemon's rolling summary: updated after every committed file, persisted as
/// `summary.json` (the document) and `summary.state.json` (the buckets, to survive
/// restarts). Writes are coalesced: at most every `interval`, never more than that behind.
package actor SummaryStore {
    private var summary: RollingSummary
    private let documentPath: String
    private let statePath: String
    private var dirty = false
    private var writer: Task<Void, Never>?
    /// A failing write is logged once, and its recovery once, not every half second.
    private var writeFailing = false
    private let log: Logger
    let interval: Double

    package static func statePath(for document: String) -> String {
        ((document as NSString).deletingPathExtension) + ".state.json"
    }

    init(documentPath: String, windowHours: Int, now: Double, log: Logger, interval: Double = 0.5) {
        self.documentPath = documentPath
        self.statePath = Self.statePath(for: documentPath)
        self.interval = interval
        self.log = log
        summary = RollingSummary(windowHours: windowHours, createdAt: now)
        guard let data = FileManager.default.contents(atPath: statePath) else { return }
        do {
            var loaded = try JSONDecoder().decode(RollingSummary.self, from: data)
            loaded.windowHours = windowHours
            summary = loaded
        } catch {
            // the records are intact; only the aggregate is lost, and it can be recomputed
            log.warning("summary state \(statePath) is unreadable (\(error)); starting an empty summary — `ingestd summary --rebuild` recomputes it from records/")
        }
    }

    func committed(_ records: [ArticleRecord], at t: Double) { summary.addFile(records, at: t); changed() }
    func duplicate(at t: Double) { summary.addDuplicate(at: t); changed() }
    func failed(at t: Double) { summary.addFailure(at: t); changed() }

    private func changed() {
        dirty = true
        guard writer == nil else { return }
        writer = Task {
            try? await Task.sleep(for: .seconds(interval))
            self.writeNow()
            self.writer = nil
        }
    }

    /// Writes both files now (also used at start and stop, so the window keeps rolling in the file).
    func writeNow() {
        dirty = false
        do {
            try Self.write(summary, documentPath: documentPath, statePath: statePath, now: RFC3339Clock.now())
            if writeFailing { log.info("summary written again to \(documentPath)") }
            writeFailing = false
        } catch {
            if !writeFailing { log.error("cannot write the summary to \(documentPath): \(error); ingesting goes on, the summary is retried on the next file") }
            writeFailing = true
        }
    }

    package static func write(_ s: RollingSummary, documentPath: String, statePath: String, now: Double) throws {
        let state = JSONEncoder()
        try DurableFiles.replace(statePath, with: Array(try state.encode(s)))
        try DurableFiles.replace(documentPath, with: SummaryReport.encode(s.document(now: now)))
    }
}
