import Foundation
import Glibc
import Ingest

/// Finds and loads the word dictionary and IDF table (Debian's python3-jieba files).
package enum LexiconFiles {
    static let defaultDirectory = "/usr/lib/python3/dist-packages/jieba"
    static let dictionaryName = "dict.txt"
    static let idfName = "analyse/idf.txt"

    struct Missing: Error, CustomStringConvertible {
        let path: String
        var description: String {
            "cannot read the word dictionary at \(path): install it with `apt-get install python3-jieba`, or point `lexicon_dir` (INGESTD_LEXICON_DIR, --lexicon-dir) at a folder holding dict.txt and analyse/idf.txt"
        }
    }

    package static func directory(_ override: String?) -> String {
        override ?? ProcessInfo.processInfo.environment["INGESTD_LEXICON_DIR"] ?? defaultDirectory
    }

    package static func load(directory: String) throws -> Lexicon {
        let dictPath = directory + "/" + dictionaryName
        let idfPath = directory + "/" + idfName
        guard let dict = readBytes(dictPath) else { throw Missing(path: dictPath) }
        guard let idf = readBytes(idfPath) else { throw Missing(path: idfPath) }
        let lexicon = try Lexicon(dictionary: consume dict, idf: consume idf)
        releaseFreedMemory()
        return lexicon
    }

    /// The build's scratch arrays are freed by now; glibc keeps such pages unless asked.
    /// (`malloc_trim` is glibc-specific and not in Swift's Glibc module: found by name.)
    static func releaseFreedMemory() {
        typealias Trim = @convention(c) (Int) -> Int32
        guard let symbol = dlsym(UnsafeMutableRawPointer(bitPattern: 0), "malloc_trim") else { return }
        _ = unsafeBitCast(symbol, to: Trim.self)(0)
    }

    /// The file's bytes in one allocation (no `Data` in between: the lexicon build is the
    /// daemon's peak of memory).
    static func readBytes(_ path: String) -> [UInt8]? {
        let fd = open(path, O_RDONLY | O_CLOEXEC)
        guard fd >= 0 else { return nil }
        defer { close(fd) }
        var st = stat()
        guard fstat(fd, &st) == 0 else { return nil }
        return try? FileProcessor.readAll(fd, expected: Int(st.st_size))
    }
}
