import ArgumentParser
import IngestDaemon

@main
struct Ingestd: AsyncParsableCommand {
    static let version = DaemonVersion.current

    static let configuration = CommandConfiguration(
        commandName: "ingestd",
        abstract: "Watch an inbox of newspaper page files and turn each page into article records.",
        version: version,
        subcommands: [RunCommand.self, IngestCommand.self, StatusCommand.self, SummaryCommand.self, SearchCommand.self, ShowCommand.self, ReindexCommand.self, DemoCommand.self]
    )
}
