import Foundation

/// The files of records/ as readers of it (the search index, the shipper) see them.
enum RecordFiles {
    /// `<day>.jsonl`, oldest day first.
    static func names(in dir: String) -> [String] {
        ((try? FileManager.default.contentsOfDirectory(atPath: dir)) ?? []).filter { $0.hasSuffix(".jsonl") }.sorted()
    }

    /// Each file's length. Read at start before the sink runs, all of it is committed
    /// (recovery has cut what was not).
    static func lengths(in dir: String) -> [String: Int] {
        var out: [String: Int] = [:]
        for file in names(in: dir) {
            out[file] = (try? FileManager.default.attributesOfItem(atPath: dir + "/" + file))?[.size] as? Int ?? 0
        }
        return out
    }
}
