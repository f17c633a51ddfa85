import ArgumentParser
import Foundation
import IngestDaemon
import Logging

/// `ingestd run`: the daemon in the foreground, logging to stderr.
struct RunCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "run",
        abstract: "Run the daemon in the foreground (logs on stderr).",
        discussion: """
        Settings come from flags, then INGESTD_* environment variables, then the config file \
        (--config, else $INGESTD_CONFIG, else config/ingestd.toml or /etc/ingestd/ingestd.toml if present), then built-in defaults with state dir ./var. \
        SIGTERM/SIGINT stop after the files in flight; SIGHUP reloads the configuration.
        """
    )

    @Option(help: "Config file (TOML).") var config: String?
    @Option(help: "Folder to watch.") var inbox: String?
    @Option(help: "State folder (records, archive, failed, status, summary).") var stateDir: String?
    @Option(help: "Worker count (default: one per core).") var workers: Int?
    @Option(help: "Where to write status.json.") var statusFile: String?

    func effectiveConfig() throws -> DaemonConfig {
        var (c, _) = try DaemonConfig.load(file: config, environment: ProcessInfo.processInfo.environment)
        if let stateDir { c.stateDir = stateDir }
        if let inbox { c.inbox = inbox }
        if let workers { c.workers = workers }
        if let statusFile { c.statusFile = statusFile }
        return c
    }

    func run() async throws {
        LoggingSystem.bootstrap { LineLogHandler(label: $0) }
        let log = Logger(label: "ingestd")
        let initial: DaemonConfig
        do {
            initial = try effectiveConfig()
        } catch {
            log.critical("\(error)")
            throw ExitCode(2)
        }
        let me = self
        let daemon = Daemon(config: initial, reload: { try me.effectiveConfig() }, log: log)
        do {
            let code = try await daemon.run()
            if code != 0 { throw ExitCode(code) }
        } catch let exit as ExitCode {
            throw exit
        } catch {
            log.critical("cannot run: \(error)")
            try? StatusFile.markFailed(initial.statusPath, reason: "\(error)")
            throw ExitCode(1)
        }
    }
}
