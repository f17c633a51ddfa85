#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The legacy Chinese encodings through the C library's iconv, which is strict about
/// invalid input and several times faster than Foundation's converter: GB18030 (a superset
/// of GBK and GB2312) for the mainland; Big5 for Taiwan and Hong Kong, as Windows writes it
/// (CP950) or with the Hong Kong supplement (HKSCS) — neither is a superset of the other
/// in glibc (CP950 has `／` at A1FE, HKSCS its extra characters).
enum IconvText {
    enum Charset: String, CaseIterable {
        case gb18030 = "GB18030"
        case cp950 = "CP950"
        case big5HKSCS = "BIG5-HKSCS"
    }

    /// The UTF-8 text, or nil if any byte sequence is not valid in `charset`.
    static func decode(_ bytes: [UInt8], from charset: Charset) -> String? {
        let cd = iconv_open("UTF-8", charset.rawValue)
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
