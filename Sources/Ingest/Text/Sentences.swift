/// Sentence boundaries in Chinese running text: after 。!?(full-width or ASCII)… and any
/// closing quotes or brackets that follow. An ASCII `.` ends a sentence only before a space
/// or the end, so `1.5` and `www.x.cn` stay whole. Scans the UTF-8 bytes.
enum Sentences {
    static func split(_ text: String) -> [String] {
        var out: [String] = []
        var t = text
        t.withUTF8 { b in
            let n = b.count
            var start = 0
            var i = 0
            func emit(_ end: Int) {
                var s = start, e = end
                while s < e, b[s] == 0x20 { s += 1 }
                while e > s, b[e - 1] == 0x20 { e -= 1 }
                if e > s { out.append(String(decoding: UnsafeBufferPointer(rebasing: b[s..<e]), as: UTF8.self)) }
                start = end
            }
            while i < n {
                let c = b[i]
                var endLen = 0
                if c == 0xE3, i + 2 < n, b[i + 1] == 0x80, b[i + 2] == 0x82 { endLen = 3 } // 。
                else if c == 0xEF, i + 2 < n, b[i + 1] == 0xBC, b[i + 2] == 0x81 || b[i + 2] == 0x9F { endLen = 3 } // ！？
                else if c == 0xEF, i + 2 < n, b[i + 1] == 0xBD, b[i + 2] == 0xA1 { endLen = 3 } // ｡
                else if c == 0xE2, i + 2 < n, b[i + 1] == 0x80, b[i + 2] == 0xA6 { // …, ends after the last of a run
                    if !(i + 5 < n && b[i + 3] == 0xE2 && b[i + 4] == 0x80 && b[i + 5] == 0xA6) { endLen = 3 }
                } else if c == 0x21 || c == 0x3F { endLen = 1 }
                else if c == 0x2E, i + 1 >= n || b[i + 1] == 0x20 || b[i + 1] >= 0x80 { endLen = 1 }
                if endLen == 0 {
                    i += c < 0x80 ? 1 : c >= 0xF0 ? 4 : c >= 0xE0 ? 3 : 2
                    continue
                }
                i += endLen
                // closing quotes and brackets stay with their sentence
                while i < n {
                    if b[i] == 0x22 || b[i] == 0x27 || b[i] == 0x29 || b[i] == 0x5D { i += 1; continue }
                    if i + 2 < n, let s = Unicode.Scalar(scalar(b, i)), Scalars.isCloser(s) { i += 3; continue }
                    break
                }
                emit(i)
            }
            if start < n { emit(n) }
        }
        return out
    }

    @inline(__always)
    private static func scalar(_ b: UnsafeBufferPointer<UInt8>, _ i: Int) -> UInt32 {
        guard b[i] & 0xF0 == 0xE0 else { return 0 }
        return UInt32(b[i] & 0x0F) << 12 | UInt32(b[i + 1] & 0x3F) << 6 | UInt32(b[i + 2] & 0x3F)
    }

    /// The first sentence without its closing mark: the title of an untitled item.
    static func firstWithoutStop(_ text: String) -> String {
        guard var first = split(text).first else { return text }
        // the closing mark goes, whichever it is (`…是否錯誤?` → `…是否錯誤`)
        while let last = first.unicodeScalars.last, last == "。" || last == "." || last == "｡" || last == "?" || last == "？" || last == "!" || last == "！" {
            first = String(first.unicodeScalars.dropLast())
        }
        return first
    }
}
