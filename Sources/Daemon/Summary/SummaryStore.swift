import Foundation
import Ingest

/// The daemon's rolling summary: updated after every committed file, persisted as
/// `summary.json` (the document) and `summary.state.json` (the buckets, to survive
/// restarts). Writes are coalesced: at most every `interval`, never more than that behind.
actor SummaryStore {
    private var summary: RollingSummary
    private let documentPath: String
    private let statePath: String
    private var dirty = false
    private var writer: Task<Void, Never>?
    let interval: Double

    static func statePath(for document: String) -> String {
        ((document as NSString).deletingPathExtension) + ".state.json"
    }

    init(documentPath: String, windowHours: Int, now: Double, interval: Double = 0.5) {
        self.documentPath = documentPath
        self.statePath = Self.statePath(for: documentPath)
        self.interval = interval
        if let data = FileManager.default.contents(atPath: statePath),
           var loaded = try? JSONDecoder().decode(RollingSummary.self, from: data) {
            loaded.windowHours = windowHours
            summary = loaded
        } else {
            summary = RollingSummary(windowHours: windowHours, createdAt: now)
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
        try? Self.write(summary, documentPath: documentPath, statePath: statePath, now: RFC3339Clock.now())
    }

    static func write(_ s: RollingSummary, documentPath: String, statePath: String, now: Double) throws {
        let state = JSONEncoder()
        try DurableFiles.replace(statePath, with: Array(try state.encode(s)))
        try DurableFiles.replace(documentPath, with: SummaryReport.encode(s.document(now: now)))
    }
}
