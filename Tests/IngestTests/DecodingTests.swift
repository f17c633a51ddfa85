import Foundation
import Testing
@testable import Ingest

#if canImport(Glibc)
import Glibc
#endif

/// Encodings and refusals, on variants generated from a real seed page.
@Suite struct DecodingTests {
    static let name = Fixtures.seedNames[2]
    static let utf8 = Fixtures.seedBytes(name)
    static let text = Fixtures.seedText(name)

    /// UTF-8 → GB18030 through iconv, to make a GB18030 file from the seed.
    static func gb18030(_ s: String) -> [UInt8] { encode(s, to: "GB18030") }

    static func encode(_ s: String, to charset: String) -> [UInt8] {
        let cd = iconv_open(charset, "UTF-8")
        defer { iconv_close(cd) }
        var input = Array(s.utf8)
        var out = [UInt8](repeating: 0, count: input.count * 2 + 16)
        let n: Int = input.withUnsafeMutableBytes { inRaw in
            out.withUnsafeMutableBytes { outRaw in
                var ip = inRaw.baseAddress?.assumingMemoryBound(to: CChar.self)
                var il = inRaw.count
                var op = outRaw.baseAddress?.assumingMemoryBound(to: CChar.self)
                var ol = outRaw.count
                precondition(iconv(cd, &ip, &il, &op, &ol) != -1)
                return outRaw.count - ol
            }
        }
        return Array(out[..<n])
    }

    static func utf16(_ s: String, bigEndian: Bool) -> [UInt8] {
        var bytes: [UInt8] = bigEndian ? [0xFE, 0xFF] : [0xFF, 0xFE]
        for u in s.utf16 {
            let hi = UInt8(u >> 8), lo = UInt8(u & 0xFF)
            bytes += bigEndian ? [hi, lo] : [lo, hi]
        }
        return bytes
    }

    @Test func plainUTF8() throws {
        let d = try TextDecoding.decode(Self.utf8)
        #expect(d.encoding == .utf8)
        #expect(d.text == Self.text)
    }

    @Test func utf8WithBOM() throws {
        let d = try TextDecoding.decode([0xEF, 0xBB, 0xBF] + Self.utf8)
        #expect(d.encoding == .utf8BOM)
        #expect(d.text == Self.text)
    }

    @Test(arguments: [false, true]) func utf16WithBOM(bigEndian: Bool) throws {
        let d = try TextDecoding.decode(Self.utf16(Self.text, bigEndian: bigEndian))
        #expect(d.encoding == (bigEndian ? .utf16BE : .utf16LE))
        #expect(d.text == Self.text)
    }

    @Test func gb18030DetectedFromTheBytes() throws {
        let bytes = Self.gb18030(Self.text)
        #expect(String(validating: bytes, as: UTF8.self) == nil)
        let d = try TextDecoding.decode(bytes)
        #expect(d.encoding == .gb18030)
        #expect(d.text == Self.text)
    }

    /// A page's declared charset is a first guess, and a declaration that lies (a UTF-8 page
    /// that says gb2312, as saved pages do) loses to the bytes.
    @Test func declaredCharsetsAreHintsTheBytesDecide() throws {
        #expect(TextDecoding.declaredCharset(Array("<meta http-equiv=\"Content-Type\" content=\"text/html; Charset=GB2312\">".utf8)[...]) == "gb2312")
        #expect(TextDecoding.declaredCharset(Array("<meta charset='big5'>".utf8)[...]) == "big5")
        let page = "<html><head><meta charset=\"gb2312\"><title>標題</title></head><body><p>香港欖球隊公布決選名單。</p></body></html>"
        #expect(try TextDecoding.decode(Array(page.utf8)).encoding == .utf8)
        let big5Page = page.replacingOccurrences(of: "gb2312", with: "big5")
        let decoded = try TextDecoding.decode(Self.encode(big5Page, to: "CP950"))
        #expect(decoded.encoding == .big5 && decoded.text == big5Page)
    }

    /// Traditional-character pages from Taiwan (Big5 as Windows writes it) and Hong Kong
    /// (Cantonese characters only HKSCS has), told apart from GB18030 by their bytes.
    @Test func big5AndHKSCSDetectedFromTheBytes() throws {
        let tw = TraditionalPageTests.text("001_44639fe822d283e0", "s2tw")
        let big5 = try TextDecoding.decode(Self.encode(tw, to: "CP950"))
        #expect(big5.encoding == .big5)
        #expect(big5.text == tw)
        #expect(Fixtures.parse(big5.text).articles.map(\.title) == Fixtures.parse(tw).articles.map(\.title))

        let hk = tw + "\n佢哋話呢度嘅嘢好正。\n"
        let hkscs = try TextDecoding.decode(Self.encode(hk, to: "BIG5-HKSCS"))
        #expect(hkscs.encoding == .big5HKSCS)
        #expect(hkscs.text == hk)

        // and a GB18030 page is never read as Big5
        #expect(try TextDecoding.decode(Self.gb18030(tw)).encoding == .gb18030)
    }

    @Test func everyEncodingGivesTheSameArticles() throws {
        let reference = Fixtures.parse(Self.text)
        for bytes in [Self.gb18030(Self.text), Self.utf16(Self.text, bigEndian: false), [0xEF, 0xBB, 0xBF] + Self.utf8] {
            let d = try TextDecoding.decode(bytes)
            #expect(Fixtures.parse(d.text) == reference)
        }
    }

    @Test func crlfAndCRLineEndingsReadLikeLF() throws {
        for name in Fixtures.seedNames {
            let lf = Fixtures.seedText(name)
            let reference = Fixtures.parse(lf)
            #expect(Fixtures.parse(lf.replacingOccurrences(of: "\n", with: "\r\n")) == reference)
            #expect(Fixtures.parse(lf.replacingOccurrences(of: "\n", with: "\r")) == reference)
        }
    }

    @Test func emptyAndWhitespaceOnlyAreRefused() {
        #expect(throws: IngestFailure.self) { try TextDecoding.decode([]) }
        do {
            _ = try TextDecoding.decode(Array(" \n\r\n\u{3000}\n".utf8))
            Issue.record("white space only must be refused")
        } catch {
            #expect(error.code == .empty)
        }
    }

    @Test func binaryIsRefused() {
        let png: [UInt8] = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0x00, 0x00, 0x00, 0x0D, 0x49, 0x48, 0x44, 0x52]
        do { _ = try TextDecoding.decode(png); Issue.record("PNG accepted") } catch { #expect(error.code == .binary) }
        var noisy = Array(Self.utf8.prefix(400))
        for i in stride(from: 0, to: noisy.count, by: 10) { noisy[i] = 0x01 }
        do { _ = try TextDecoding.decode(noisy); Issue.record("control bytes accepted") } catch { #expect(error.code == .binary) }
    }

    @Test func invalidBytesAreUndecodableWithAnOffset() {
        let bytes = Array("第A11版".utf8) + [0xFF, 0xFE, 0xFD, 0x80, 0x80] + Array("正文".utf8)
        do {
            _ = try TextDecoding.decode(Array(bytes.dropFirst(0)) + [0x41])
            Issue.record("invalid bytes accepted")
        } catch {
            #expect(error.code == .undecodable)
            #expect(error.detail.contains("offset"))
        }
    }

    @Test func truncatedUTF8TailIsDroppedAndReported() throws {
        let cut = Array((Self.utf8 + Array("完".utf8)).dropLast(1))   // cut inside a 3-byte character
        let d = try TextDecoding.decode(cut)
        #expect(d.encoding == .utf8)
        #expect(d.warnings.count == 1)
        #expect(Self.text.hasPrefix(d.text))
    }

    @Test func truncatedUTF16IsReported() throws {
        let bytes = Array(Self.utf16(Self.text, bigEndian: false).dropLast(1))
        let d = try TextDecoding.decode(bytes)
        #expect(!d.warnings.isEmpty)
    }

    @Test func truncatedGB18030IsRefusedNotGuessed() {
        let bytes = Array(Self.gb18030(Self.text + "完").dropLast(1))
        #expect(throws: IngestFailure.self) { try TextDecoding.decode(bytes) }
    }
}
