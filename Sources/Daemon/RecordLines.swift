import Foundation
import Ingest

/// Records as JSON Lines: one compact object per line, keys in SPEC order, UTF-8 kept
/// readable (no `\u` escapes for Chinese, no escaped slashes).
struct RecordLines {
    private let encoder: JSONEncoder = {
        let e = JSONEncoder()
        e.outputFormatting = [.withoutEscapingSlashes]
        return e
    }()

    func line(_ record: ArticleRecord) throws -> Data {
        var d = try encoder.encode(record)
        d.append(0x0A)
        return d
    }
}
