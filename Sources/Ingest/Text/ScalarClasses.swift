/// Character classes the page rules are written in. They accept both full-width and
/// ASCII punctuation, because extracts from different papers use either.
enum Scalars {
    @inline(__always)
    static func isHan(_ s: Unicode.Scalar) -> Bool {
        let v = s.value
        return (0x4E00...0x9FFF).contains(v) || (0x3400...0x4DBF).contains(v)
            || (0xF900...0xFAFF).contains(v) || (0x20000...0x2FA1F).contains(v) || v == 0x3007
    }

    @inline(__always)
    static func isASCIIAlnum(_ s: Unicode.Scalar) -> Bool {
        let v = s.value
        return (0x30...0x39).contains(v) || (0x41...0x5A).contains(v) || (0x61...0x7A).contains(v)
    }

    @inline(__always)
    static func isDigit(_ s: Unicode.Scalar) -> Bool {
        let v = s.value
        return (0x30...0x39).contains(v) || (0xFF10...0xFF19).contains(v)
    }

    /// Marks that end a sentence: 。.!?!?… and their full-width forms.
    @inline(__always)
    static func isSentenceFinal(_ s: Unicode.Scalar) -> Bool {
        switch s {
        case "。", ".", "!", "?", "\u{FF01}", "\u{FF1F}", "…", "｡", "．": return true
        default: return false
        }
    }

    /// Marks that end a clause; a paragraph that stops on one was cut by the layout.
    @inline(__always)
    static func isClauseOpen(_ s: Unicode.Scalar) -> Bool {
        switch s {
        case ",", "\u{FF0C}", "、", "﹐", "﹑": return true
        default: return false
        }
    }

    /// Semicolons and colons close a list item or announce a list: never a column break.
    @inline(__always)
    static func isClauseFinal(_ s: Unicode.Scalar) -> Bool {
        switch s {
        case ";", "\u{FF1B}", ":", "\u{FF1A}": return true
        default: return false
        }
    }

    /// Closing quotes and brackets, which may follow the sentence-final mark.
    @inline(__always)
    static func isCloser(_ s: Unicode.Scalar) -> Bool {
        switch s {
        case "”", "’", "」", "』", ")", "\u{FF09}", "》", "】", "〕", "\"", "'", "〉", "]": return true
        default: return false
        }
    }

    @inline(__always)
    static func isOpener(_ s: Unicode.Scalar) -> Bool {
        switch s {
        case "“", "‘", "「", "『", "(", "\u{FF08}", "《", "【", "〔", "〈", "[": return true
        default: return false
        }
    }

    /// Unicode white space that pages use for indentation or padding.
    @inline(__always)
    static func isSpace(_ s: Unicode.Scalar) -> Bool {
        switch s.value {
        case 0x20, 0x09, 0x0B, 0x0C, 0xA0, 0x1680, 0x2000...0x200A, 0x202F, 0x205F, 0x3000: return true
        default: return false
        }
    }

    /// Invisible characters that carry no text: zero-width spaces and joiners, stray BOMs.
    @inline(__always)
    static func isInvisible(_ s: Unicode.Scalar) -> Bool {
        switch s.value {
        case 0x200B, 0x200C, 0x200D, 0x2060, 0xFEFF, 0x00AD: return true
        default: return false
        }
    }

    @inline(__always)
    static func isDash(_ s: Unicode.Scalar) -> Bool {
        switch s {
        case "—", "―", "─", "–", "-", "－", "━": return true
        default: return false
        }
    }
}

extension StringProtocol {
    /// Count of Unicode scalars: the unit every length rule here is stated in. Counted on
    /// the UTF-8 bytes (every byte that is not a continuation byte starts a scalar).
    var scalarCount: Int {
        utf8.withContiguousStorageIfAvailable { b in
            var n = 0
            for byte in b where byte & 0xC0 != 0x80 { n += 1 }
            return n
        } ?? unicodeScalars.count
    }

    /// Appends the UTF-16 form, transcoded straight from the UTF-8 bytes (the `utf16` view
    /// of a native string is slow for non-ASCII text).
    func appendUTF16(to units: inout [UInt16]) {
        let done: Void? = utf8.withContiguousStorageIfAvailable { b in
            var i = 0
            let n = b.count
            while i < n {
                let c = UInt32(b[i])
                if c < 0x80 {
                    units.append(UInt16(c)); i += 1
                } else if c < 0xE0 {
                    units.append(UInt16((c & 0x1F) << 6 | UInt32(b[i + 1] & 0x3F))); i += 2
                } else if c < 0xF0 {
                    units.append(UInt16((c & 0x0F) << 12 | UInt32(b[i + 1] & 0x3F) << 6 | UInt32(b[i + 2] & 0x3F))); i += 3
                } else {
                    let v = (c & 0x07) << 18 | UInt32(b[i + 1] & 0x3F) << 12 | UInt32(b[i + 2] & 0x3F) << 6 | UInt32(b[i + 3] & 0x3F)
                    let w = v - 0x10000
                    units.append(UInt16(0xD800 | (w >> 10))); units.append(UInt16(0xDC00 | (w & 0x3FF))); i += 4
                }
            }
        }
        if done == nil { units.append(contentsOf: utf16) }
    }
}

extension String {
    /// Drops white space at both ends (Unicode-aware, unlike Foundation on Linux).
    func trimmedSpaces() -> String {
        let u = unicodeScalars
        guard let first = u.firstIndex(where: { !Scalars.isSpace($0) }) else { return "" }
        let last = u.lastIndex(where: { !Scalars.isSpace($0) })!
        return String(u[first...last])
    }
}
