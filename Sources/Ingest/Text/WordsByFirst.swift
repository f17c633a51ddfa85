/// A list of words looked up by the character each opens with. Per-line tests ask "does
/// this line open with one of these words" or "is this word one of these" for every line
/// of a page; a `Set<String>` hashes non-ASCII text through Unicode normalization and a
/// plain list compares every entry, and both showed in profiles of pages of short lines.
/// Here a line reads only the few words filed under its first character (its value modulo
/// 1024: no hashing), compared as bytes.
struct WordsByFirst: Sendable {
    private let buckets: [[String]]

    /// `words` keep their order within each bucket (a list ordered longest first still finds
    /// the longest prefix first; words of two first characters that share a bucket can never
    /// both open one text).
    init(_ words: [String]) {
        var buckets = [[String]](repeating: [], count: 1024)
        for w in words { if let f = w.unicodeScalars.first { buckets[Self.bucket(f)].append(w) } }
        self.buckets = buckets
    }

    @inline(__always)
    private static func bucket(_ f: Unicode.Scalar) -> Int { Int(f.value & 1023) }

    /// The first word, in list order, that `text` opens with.
    func prefix<S: StringProtocol>(of text: S) -> String? {
        guard let f = text.unicodeScalars.first else { return nil }
        let candidates = buckets[Self.bucket(f)]
        guard !candidates.isEmpty else { return nil }
        return candidates.first { text.hasBytePrefix($0) }
    }

    /// Whether `text` is one of the words, byte for byte.
    func contains<S: StringProtocol>(_ text: S) -> Bool {
        guard let f = text.unicodeScalars.first else { return false }
        let candidates = buckets[Self.bucket(f)]
        guard !candidates.isEmpty else { return false }
        let n = text.utf8.count
        return candidates.contains { $0.utf8.count == n && text.hasBytePrefix($0) }
    }
}
