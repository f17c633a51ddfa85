// The fuzz target over the bytes → records entry: decoding, HTML, the page rules, keywords
// and JSON, the whole pure pipeline a dropped file goes through. `scripts/fuzz.sh` builds it
// with libFuzzer and AddressSanitizer (-DFUZZING) and runs it on the seeds and the corpus;
// built normally it replays files given as arguments (what the fuzzer found, say).
import Foundation
#if !FUZZ_ONE_MODULE
import Ingest
#endif

enum FuzzEntry {
    /// Built once per process: the fuzzer calls `run` millions of times.
    static let ingestor: Ingestor = {
        let dir = ProcessInfo.processInfo.environment["INGESTD_LEXICON_DIR"] ?? "/usr/lib/python3/dist-packages/jieba"
        guard let dict = FileManager.default.contents(atPath: dir + "/dict.txt"),
              let idf = FileManager.default.contents(atPath: dir + "/analyse/idf.txt"),
              let lexicon = try? Lexicon(dictionary: [UInt8](dict), idf: [UInt8](idf)) else {
            fatalError("ingest-fuzz needs python3-jieba's dictionary in \(dir)")
        }
        return Ingestor(lexicon: lexicon)
    }()

    static let noHash = String(repeating: "0", count: 64)

    /// A typed failure is a fine outcome; a trap, a sanitizer report or a hang is a bug.
    static func run(_ bytes: [UInt8]) -> Int {
        guard let r = try? ingestor.ingest(bytes, path: "fuzz.txt", ingestedAt: 0, sha256: noHash) else { return 0 }
        var n = 0
        for rec in r.records { n += RecordJSON.line(rec).count }
        return n
    }
}

/// Builds the lexicon before the first input, so its seconds are not charged to an input.
@_cdecl("LLVMFuzzerInitialize")
public func fuzzInitialize(_ argc: UnsafeMutablePointer<CInt>, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?>) -> CInt {
    _ = FuzzEntry.ingestor
    return 0
}

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzTestOneInput(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    _ = FuzzEntry.run(Array(UnsafeBufferPointer(start: data, count: size)))
    return 0
}

#if !FUZZING
@main
struct Replay {
    static func main() {
        for path in CommandLine.arguments.dropFirst() {
            guard let data = FileManager.default.contents(atPath: path) else { print("\(path): cannot read"); continue }
            let start = Date()
            let bytes = FuzzEntry.run([UInt8](data))
            print(String(format: "%@: %d bytes of records in %.3f s", path, bytes, Date().timeIntervalSince(start)))
        }
    }
}
#endif
