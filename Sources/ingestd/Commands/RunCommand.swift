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
        Relative paths in flags and INGESTD_* variables are taken from the working directory; \
        relative paths inside the config file from state_dir. \
        SIGTERM/SIGINT stop after the files in flight; SIGHUP reloads the configuration.
        """
    )

    @Option(help: "Config file (TOML).") var config: String?
    @Option(help: "Folder to watch (relative to the working directory).") var inbox: String?
    @Option(help: "State folder: records, archive, failed, status, summary (relative to the working directory).") var stateDir: String?
    @Option(help: "Worker count (default: one per core).") var workers: Int?
    @Option(help: "Where to write status.json (relative to the working directory).") var statusFile: String?

    /// The settings in force: defaults < file < environment < flags. Unknown keys are
    /// logged, not fatal.
    func effectiveConfig(log: Logger) throws -> DaemonConfig {
        let loaded = try DaemonConfig.load(file: config, environment: ProcessInfo.processInfo.environment)
        for w in loaded.warnings { log.warning("\(w)") }
        var c = loaded.config
        if let stateDir { c.stateDir = DaemonConfig.absolute(stateDir) }
        if let inbox { c.inbox = DaemonConfig.absolute(inbox) }
        if let workers { c.workers = workers }
        if let statusFile { c.statusFile = DaemonConfig.absolute(statusFile) }
        return c
    }

    func run() async throws {
        LoggingSystem.bootstrap { LineLogHandler(label: $0) }
        let log = Logger(label: "ingestd")
        let initial: DaemonConfig
        do {
            initial = try effectiveConfig(log: log)
        } catch {
            log.critical("\(error)")
            throw ExitCode(2)
        }
        let me = self
        let daemon = Daemon(config: initial, reload: { try me.effectiveConfig(log: log) }, log: log)
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
