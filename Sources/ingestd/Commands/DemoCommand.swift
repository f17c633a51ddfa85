import ArgumentParser
import Foundation
import IngestDaemon
import Glibc
import Ingest
import Logging

/// `ingestd demo`: a daemon on a fresh state folder, the sample pages dropped into its
/// inbox the way a user would, progress while they are ingested, then the summary.
struct DemoCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "demo",
        abstract: "Run the daemon on a fresh state folder, drop seeds/ into its inbox, show progress and the summary."
    )

    static let marker = ".ingestd-demo"

    @Option(help: "State folder to create (replaced if an earlier demo made it).") var stateDir = "./var/demo"
    @Option(help: "Folder of sample pages.") var seeds = "seeds"
    @Flag(help: "Stay up for more files after the summary, until Ctrl-C.") var keepRunning = false

    func run() async throws {
        LoggingSystem.bootstrap { label in
            var h = LineLogHandler(label: label)
            h.logLevel = .warning
            return h
        }
        let log = Logger(label: "ingestd")
        let state = URL(fileURLWithPath: stateDir).standardizedFileURL
        try prepare(state)
        let filter = FileFilter(include: DaemonConfig().include, exclude: DaemonConfig().exclude)
        let pages = ((try? FileManager.default.contentsOfDirectory(atPath: seeds)) ?? []).filter { filter.accepts(name: $0) }.sorted()
        guard !pages.isEmpty else {
            Console.error("ingestd demo: no pages in \(seeds)/ (run it from the repository, or pass --seeds)")
            throw ExitCode(1)
        }
        var config = try DaemonConfig.load(file: nil, environment: [:]).config
        config.stateDir = state.path
        config.settleSeconds = 0.5
        config.statusIntervalSeconds = 0.5
        let settled = config
        let daemon = Daemon(config: settled, reload: { settled }, log: log)
        let running = Task { try await daemon.run() }

        let tty = isatty(STDOUT_FILENO) == 1
        print("ingestd demo: state folder \(state.path)")
        try await waitFor(seconds: 120) { Self.status(settled)?.state == "running" }
        // drop each page as a user would: copy under a temporary name, then rename in
        for name in pages {
            let tmp = config.inboxPath + "/." + name + ".part"
            try FileManager.default.copyItem(atPath: seeds + "/" + name, toPath: tmp)
            try FileManager.default.moveItem(atPath: tmp, toPath: config.inboxPath + "/" + name)
        }
        print("dropped \(pages.count) page(s) into \(config.inboxPath)")
        var shown = -1
        try await waitFor(seconds: 300) {
            guard let s = Self.status(config) else { return false }
            let done = s.counters.filesIngested + s.counters.duplicates + s.counters.failed
            if done != shown {
                shown = done
                Self.progress(done: done, total: pages.count, articles: s.counters.articles, tty: tty)
            }
            return done >= pages.count
        }
        if tty { print("") }
        // the summary is written within half a second of the last file
        try await Task.sleep(for: .seconds(1))
        if let data = FileManager.default.contents(atPath: config.summaryPath),
           let doc = try? JSONDecoder().decode(SummaryDocument.self, from: data) {
            print("")
            print(SummaryReport.render(doc))
        }
        print("")
        print("records: \(config.recordsPath)/   status: ingestd status --status-file \(config.statusPath)")
        if keepRunning {
            print("still running; drop more files into \(config.inboxPath) — Ctrl-C to stop")
        } else {
            daemon.requestStop()
        }
        let code = try await running.value
        if code != 0 { throw ExitCode(code) }
    }

    private func prepare(_ state: URL) throws {
        let fm = FileManager.default
        if fm.fileExists(atPath: state.path) {
            let contents = (try? fm.contentsOfDirectory(atPath: state.path)) ?? []
            guard contents.isEmpty || contents.contains(Self.marker) else {
                Console.error("ingestd demo: \(state.path) exists and was not made by a demo; choose another --state-dir")
                throw ExitCode(1)
            }
            try fm.removeItem(at: state)
        }
        try fm.createDirectory(at: state, withIntermediateDirectories: true)
        _ = fm.createFile(atPath: state.appendingPathComponent(Self.marker).path, contents: Data("made by ingestd demo; safe to delete\n".utf8))
    }

    static func status(_ c: DaemonConfig) -> StatusDocument? { try? StatusFile.read(c.statusPath) }

    static func progress(done: Int, total: Int, articles: Int, tty: Bool) {
        if tty {
            let width = 30
            let filled = total > 0 ? width * done / total : width
            let bar = String(repeating: "█", count: filled) + String(repeating: "░", count: width - filled)
            FileHandle.standardOutput.write(Data("\r\(bar) \(done)/\(total) pages, \(articles) articles".utf8))
        } else {
            print("progress: \(done)/\(total) pages, \(articles) articles")
        }
    }

    private func waitFor(seconds: Double, _ condition: () -> Bool) async throws {
        let end = Date().addingTimeInterval(seconds)
        while Date() < end {
            if condition() { return }
            try await Task.sleep(for: .milliseconds(100))
        }
        Console.error("ingestd demo: timed out")
        throw ExitCode(1)
    }
}

