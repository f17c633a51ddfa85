/// A set of characters asked about once or more for every line of a page (box marks, the
/// last characters of byline words, family names, calendar words). A `Set<Unicode.Scalar>`
/// hashes each question with SipHash, which was 6 % of the time on a page of short lines;
/// here a character of the Basic Multilingual Plane is one bit of a 64 Kibit table (8 KiB).
struct ScalarSet: Sendable, ExpressibleByArrayLiteral {
    private var bits = [UInt64](repeating: 0, count: 1024)
    /// Characters beyond the BMP (rare in these lists).
    private var astral: Set<Unicode.Scalar> = []

    init<S: Sequence<Unicode.Scalar>>(_ scalars: S) {
        for s in scalars { insert(s) }
    }

    init(arrayLiteral scalars: Unicode.Scalar...) {
        self.init(scalars)
    }

    private mutating func insert(_ s: Unicode.Scalar) {
        if s.value < 0x10000 { bits[Int(s.value >> 6)] |= 1 << (s.value & 63) } else { astral.insert(s) }
    }

    @inline(__always)
    func contains(_ s: Unicode.Scalar) -> Bool {
        s.value < 0x10000 ? bits[Int(s.value >> 6)] & (1 << (s.value & 63)) != 0 : astral.contains(s)
    }
}
