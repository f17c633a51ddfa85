import ArgumentParser
import Foundation
import IngestDaemon

/// `ingestd status`: reads status.json; the exit status says whether the daemon is healthy.
struct StatusCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "status",
        abstract: "Show the daemon's state from its status file.",
        discussion: """
        Exit status: 0 running and healthy; 1 running but degraded (a failure in the last 5 minutes, \
        an inotify overflow being reconciled, or work waiting with no file finished for 60 s); \
        3 not running (no status file, state stopped or failed, or updated_at older than 3 refresh intervals).
        """
    )

    @Option(help: "Config file, to find the status file.") var config: String?
    @Option(help: "Status file to read (overrides the config).") var statusFile: String?
    @Flag(help: "Print the status document as JSON.") var json = false

    func run() throws {
        let path: String
        if let statusFile {
            path = statusFile
        } else {
            let loaded = try DaemonConfig.load(file: config, environment: ProcessInfo.processInfo.environment)
            for w in loaded.warnings { Console.error(w) }
            let c = loaded.config
            path = c.statusPath
        }
        guard let data = FileManager.default.contents(atPath: path) else {
            if json { print("null") } else { print("ingestd is not running (no status file at \(path))") }
            throw ExitCode(3)
        }
        guard let doc = try? JSONDecoder().decode(StatusDocument.self, from: data) else {
            Console.error("ingestd: \(path) is not a status document")
            throw ExitCode(3)
        }
        let health = StatusHealth.judge(doc, now: RFC3339Clock.now())
        if json {
            FileHandle.standardOutput.write(data)
        } else {
            print(StatusHealth.report(doc, health: health))
        }
        if health.code != 0 { throw ExitCode(health.code) }
    }
}
