#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// GB18030 (a superset of GBK and GB2312) through the C library's iconv, which is strict
/// about invalid input and several times faster than Foundation's converter.
enum GB18030 {
    /// The UTF-8 text, or nil if any byte sequence is not valid GB18030.
    static func decode(_ bytes: [UInt8]) -> String? {
        let cd = iconv_open("UTF-8", "GB18030")
        if cd == iconv_t(bitPattern: -1) { return nil }
        defer { iconv_close(cd) }

        let capacity = bytes.count * 2 + 16
        var out = [UInt8](repeating: 0, count: capacity)
        var input = bytes
        let produced: Int? = input.withUnsafeMutableBytes { inRaw in
            out.withUnsafeMutableBytes { outRaw in
                var inPtr: UnsafeMutablePointer<CChar>? = inRaw.baseAddress?.assumingMemoryBound(to: CChar.self)
                var inLeft = inRaw.count
                var outPtr: UnsafeMutablePointer<CChar>? = outRaw.baseAddress?.assumingMemoryBound(to: CChar.self)
                var outLeft = outRaw.count
                let r = iconv(cd, &inPtr, &inLeft, &outPtr, &outLeft)
                if r == -1 || inLeft != 0 { return nil }
                return outRaw.count - outLeft
            }
        }
        guard let n = produced else { return nil }
        return String(validating: out[..<n], as: UTF8.self)
    }
}
