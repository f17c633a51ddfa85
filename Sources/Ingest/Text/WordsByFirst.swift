/// A list of words looked up by the character each opens with. Per-line tests ask "does
/// this line open with one of these words" or "is this word one of these" for every line
/// of a page; a `Set<String>` hashes non-ASCII text through Unicode normalization and a
/// plain list compares every entry, and both showed in profiles of pages of short lines.
/// Here a line reads only the few words that share its first character, compared as bytes.
struct WordsByFirst: Sendable {
    private let byFirst: [Unicode.Scalar: [String]]
    /// One bit per first character (its value modulo 1024): most lines open with a character
    /// no word does, and one bit test refuses them before the dictionary is hashed.
    private let firsts: [UInt64]

    /// `words` keep their order within each first character (a list ordered longest first
    /// still finds the longest prefix first).
    init(_ words: [String]) {
        byFirst = Dictionary(grouping: words.filter { !$0.isEmpty }) { $0.unicodeScalars.first! }
        var bits = [UInt64](repeating: 0, count: 16)
        for f in byFirst.keys { bits[Int(f.value >> 6) & 15] |= 1 << (f.value & 63) }
        firsts = bits
    }

    @inline(__always)
    private func mayOpen(_ f: Unicode.Scalar) -> Bool {
        firsts[Int(f.value >> 6) & 15] & (1 << (f.value & 63)) != 0
    }

    /// The first word, in list order, that `text` opens with.
    func prefix<S: StringProtocol>(of text: S) -> String? {
        guard let f = text.unicodeScalars.first, mayOpen(f), let candidates = byFirst[f] else { return nil }
        return candidates.first { text.hasBytePrefix($0) }
    }

    /// Whether `text` is one of the words, byte for byte.
    func contains<S: StringProtocol>(_ text: S) -> Bool {
        guard let f = text.unicodeScalars.first, mayOpen(f), let candidates = byFirst[f] else { return false }
        let n = text.utf8.count
        return candidates.contains { $0.utf8.count == n && text.hasBytePrefix($0) }
    }
}
