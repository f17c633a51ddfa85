#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Exact substring search on UTF-8 bytes. Foundation's `contains`/`range(of:)` on Linux
/// goes through locale-aware CFString folding and was most of the parse time.
extension String {
    func hasSubstring(_ needle: String) -> Bool {
        utf8Offset(of: needle) != nil
    }

    /// Byte offset of the first occurrence of `needle` in the UTF-8 form, or nil.
    func utf8Offset(of needle: String) -> Int? {
        var hay = self
        var pin = needle
        return hay.withUTF8 { h in
            pin.withUTF8 { n -> Int? in
                guard !n.isEmpty else { return 0 }
                guard n.count <= h.count, let hb = h.baseAddress, let nb = n.baseAddress else { return nil }
                // memchr finds candidates for the last byte of the first character (the lead
                // byte of CJK text is nearly always one of a few values; the last is not);
                // memcmp checks the whole needle
                var k = 0
                while k + 1 < n.count, n[k + 1] & 0xC0 == 0x80 { k += 1 }
                var offset = k
                let last = h.count - n.count + k
                while offset <= last {
                    guard let hit = memchr(hb + offset, Int32(n[k]), last - offset + 1) else { return nil }
                    let at = UnsafeRawPointer(hit) - UnsafeRawPointer(hb) - k
                    if memcmp(hb + at, nb, n.count) == 0 { return at }
                    offset = at + k + 1
                }
                return nil
            }
        }
    }
}

extension StringProtocol {
    /// Prefix test on UTF-8 bytes (no Unicode canonical-equivalence work); `memcmp` on the
    /// contiguous bytes, since the generic sequence walk showed in per-line profiles.
    func hasBytePrefix<P: StringProtocol>(_ prefix: P) -> Bool {
        let fast = utf8.withContiguousStorageIfAvailable { h in
            prefix.utf8.withContiguousStorageIfAvailable { p in
                p.count <= h.count && sameBytes(h, from: 0, p)
            }
        }
        if let answer = fast ?? nil { return answer }
        return utf8.starts(with: prefix.utf8)
    }

    func hasByteSuffix<P: StringProtocol>(_ suffix: P) -> Bool {
        let fast = utf8.withContiguousStorageIfAvailable { h in
            suffix.utf8.withContiguousStorageIfAvailable { p in
                p.count <= h.count && sameBytes(h, from: h.count - p.count, p)
            }
        }
        if let answer = fast ?? nil { return answer }
        let a = utf8, b = suffix.utf8
        return a.count >= b.count && a.reversed().starts(with: b.reversed())
    }

    /// `needle` at `offset` in `hay` (which holds it): a loop, since the needles are a few
    /// bytes and a call to `memcmp` cost more than the comparison.
    @inline(__always)
    private func sameBytes(_ hay: UnsafeBufferPointer<UInt8>, from offset: Int, _ needle: UnsafeBufferPointer<UInt8>) -> Bool {
        var k = 0
        while k < needle.count {
            if hay[offset + k] != needle[k] { return false }
            k += 1
        }
        return true
    }

    /// Whether any byte of the UTF-8 form equals `byte` (an ASCII character).
    func containsASCII(_ byte: UInt8) -> Bool {
        anyByte { $0 == byte }
    }

    /// Whether any byte of the UTF-8 form passes `test`, read from the contiguous bytes (the
    /// generic walk over the UTF-8 view cost several times more per byte).
    @inline(__always)
    func anyByte(_ test: (UInt8) -> Bool) -> Bool {
        utf8.withContiguousStorageIfAvailable { $0.contains(where: test) } ?? utf8.contains(where: test)
    }
}
