import ArgumentParser
import Foundation
import IngestDaemon
import Ingest

/// `ingestd ingest FILE...`: parse once, print records as JSON Lines, touch no state.
struct IngestCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "ingest",
        abstract: "Parse files once and print their article records as JSON Lines on stdout.",
        discussion: "Touches no state. Exit status 0 if every file parsed, 1 if any failed (one line per failure on stderr)."
    )

    @Argument(help: "Page files to parse.")
    var files: [String]

    @Option(help: "Folder holding dict.txt and analyse/idf.txt (default: python3-jieba's).")
    var lexiconDir: String?

    @Flag(help: "Instead of records, print each line of each page with its role (masthead, headline, byline, body…), the record it went to and the signals that decided it.")
    var explain = false

    func run() throws {
        let lexicon: Lexicon
        do {
            lexicon = try LexiconFiles.load(directory: LexiconFiles.directory(lexiconDir))
        } catch {
            Console.error("ingestd: \(error)")
            throw ExitCode(2)
        }
        let ingestor = Ingestor(lexicon: lexicon)
        var failed = 0
        for file in files {
            guard let data = FileManager.default.contents(atPath: file) else {
                Console.error("ingestd: \(file): io: cannot read the file")
                failed += 1
                continue
            }
            if explain {
                do {
                    let rows = try ingestor.explain([UInt8](data))
                    FileHandle.standardOutput.write(Data(ExplainTable.render(file: file, rows).utf8))
                } catch {
                    Console.error("ingestd: \(file): \(error)")
                    failed += 1
                }
                continue
            }
            do {
                let result = try ingestor.ingest([UInt8](data), path: file, ingestedAt: Date().timeIntervalSince1970)
                var chunk = Data()
                for r in result.records { chunk.append(contentsOf: RecordJSON.line(r)) }
                FileHandle.standardOutput.write(chunk)
            } catch {
                Console.error("ingestd: \(file): \(error)")
                failed += 1
            }
        }
        if failed > 0 { throw ExitCode(1) }
    }
}
