import Foundation
import Ingest

/// Finds and loads the word dictionary and IDF table (Debian's python3-jieba files).
enum LexiconFiles {
    static let defaultDirectory = "/usr/lib/python3/dist-packages/jieba"
    static let dictionaryName = "dict.txt"
    static let idfName = "analyse/idf.txt"

    struct Missing: Error, CustomStringConvertible {
        let path: String
        var description: String {
            "cannot read the word dictionary at \(path): install it with `apt-get install python3-jieba`, or point `lexicon_dir` (INGESTD_LEXICON_DIR, --lexicon-dir) at a folder holding dict.txt and analyse/idf.txt"
        }
    }

    static func directory(_ override: String?) -> String {
        override ?? ProcessInfo.processInfo.environment["INGESTD_LEXICON_DIR"] ?? defaultDirectory
    }

    static func load(directory: String) throws -> Lexicon {
        let dictPath = directory + "/" + dictionaryName
        let idfPath = directory + "/" + idfName
        guard let dict = FileManager.default.contents(atPath: dictPath) else { throw Missing(path: dictPath) }
        guard let idf = FileManager.default.contents(atPath: idfPath) else { throw Missing(path: idfPath) }
        return try Lexicon(dictionary: [UInt8](dict), idf: [UInt8](idf))
    }
}
