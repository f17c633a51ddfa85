import Foundation
@testable import Ingest

/// The seed pages and their gold annotation, copied into the test bundle so the tests do
/// not depend on anything outside the repository; and one shared lexicon.
enum Fixtures {
    static let seedNames = [
        "000_7b9d41ea9c0c1498", "001_44639fe822d283e0", "002_d70ca1f07125791b",
        "003_842c0dfcb9118875", "004_b404388370d46431",
    ]

    static func url(_ folder: String, _ name: String, _ ext: String) -> URL {
        Bundle.module.url(forResource: name, withExtension: ext, subdirectory: "Fixtures/\(folder)")!
    }

    static func seedBytes(_ name: String) -> [UInt8] {
        [UInt8](try! Data(contentsOf: url("seeds", name, "txt")))
    }

    static func seedText(_ name: String) -> String {
        String(decoding: seedBytes(name), as: UTF8.self)
    }

    static func gold(_ name: String) -> [String: Any] {
        try! JSONSerialization.jsonObject(with: Data(contentsOf: url("gold", name, "json"))) as! [String: Any]
    }

    /// Built once per test process (a few seconds in debug builds).
    static let lexicon: Lexicon = {
        let dir = ProcessInfo.processInfo.environment["INGESTD_LEXICON_DIR"] ?? "/usr/lib/python3/dist-packages/jieba"
        let dict = FileManager.default.contents(atPath: dir + "/dict.txt")
        let idf = FileManager.default.contents(atPath: dir + "/analyse/idf.txt")
        precondition(dict != nil && idf != nil, "tests need python3-jieba's dictionary in \(dir) (apt-get install python3-jieba)")
        return try! Lexicon(dictionary: [UInt8](dict!), idf: [UInt8](idf!))
    }()

    static let ingestor = Ingestor(lexicon: lexicon)

    static func parse(_ text: String) -> ParsedPage {
        PageParser.parse(text, spansWord: lexicon.spansWord)
    }

    static func records(_ name: String) -> [ArticleRecord] {
        try! ingestor.ingest(seedBytes(name), path: name + ".txt", ingestedAt: 0).records
    }

    /// One line of a page as the parser sees it.
    static func line(_ text: String, gap: Int = 1) -> PageLine {
        PageLine(text: text, number: 1, gap: gap)
    }
}
