import ArgumentParser
import Foundation
import IngestDaemon
import Ingest

/// `ingestd summary`: the rolling summary, readable or as JSON; `--rebuild` recomputes it
/// from `records/`.
struct SummaryCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "summary",
        abstract: "Print the rolling summary (totals, window, keywords with trends, papers, dates, latest headlines).",
        discussion: "Works while the daemon runs and after it stopped. --rebuild recomputes summary.json from records/ (run it with the daemon stopped)."
    )

    @Option(help: "Config file, to find the state folder.") var config: String?
    @Option(help: "State folder (overrides the config).") var stateDir: String?
    @Flag(help: "Print summary.json as it is.") var json = false
    @Flag(help: "Recompute the summary from records/ and write it.") var rebuild = false

    func run() throws {
        let loaded = try DaemonConfig.load(file: config, environment: ProcessInfo.processInfo.environment)
        for w in loaded.warnings { Console.error(w) }
        var c = loaded.config
        if let stateDir { c.stateDir = DaemonConfig.absolute(stateDir) }
        let path = c.summaryPath
        if rebuild {
            let rebuilt = try Self.rebuild(c)
            Console.out("rebuilt \(path) from \(rebuilt.totals.articles) record(s) of \(rebuilt.totals.files) file(s)")
        }
        guard let data = FileManager.default.contents(atPath: path) else {
            Console.error("ingestd: no summary at \(path) yet (has the daemon run with this state folder?)")
            throw ExitCode(1)
        }
        if json {
            FileHandle.standardOutput.write(data)
            return
        }
        let doc = try JSONDecoder().decode(SummaryDocument.self, from: data)
        print(SummaryReport.render(doc))
    }

    /// Reads every record line and writes a fresh summary (duplicate and failure counts are
    /// kept from the old state, since they leave no records).
    static func rebuild(_ c: DaemonConfig, now: Double = RFC3339Clock.now()) throws -> RollingSummary {
        let statePath = SummaryStore.statePath(for: c.summaryPath)
        let old = FileManager.default.contents(atPath: statePath).flatMap { try? JSONDecoder().decode(RollingSummary.self, from: $0) }
        var records: [ArticleRecord] = []
        let files = (try? FileManager.default.contentsOfDirectory(atPath: c.recordsPath)) ?? []
        let decoder = JSONDecoder()
        for f in files.sorted() where f.hasSuffix(".jsonl") {
            guard let data = FileManager.default.contents(atPath: c.recordsPath + "/" + f) else { continue }
            for line in data.split(separator: 0x0A) where !line.isEmpty {
                records.append(try decoder.decode(ArticleRecord.self, from: Data(line)))
            }
        }
        let s = RollingSummary.rebuild(from: records, windowHours: c.summaryWindowHours, createdAt: old?.createdAt ?? now,
                                       duplicatesAndFailures: old)
        try DurableFiles.makeDirectories((c.summaryPath as NSString).deletingLastPathComponent)
        try SummaryStore.write(s, documentPath: c.summaryPath, statePath: statePath, now: now)
        return s
    }
}
