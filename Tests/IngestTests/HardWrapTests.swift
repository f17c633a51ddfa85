import Testing
@testable import Ingest

/// Pages exported with hard line wraps (from a PDF or a fixed-width text export) read like
/// their paragraph-per-line originals.
@Suite struct HardWrapTests {
    /// Breaks every line longer than `limit` into pieces no wider than `limit`.
    static func wrapped(_ text: String, limit: Int, measure: (Unicode.Scalar) -> Int) -> String {
        var out: [String] = []
        for line in text.split(separator: "\n", omittingEmptySubsequences: false) {
            var piece = "", w = 0
            for s in line.unicodeScalars {
                if w + measure(s) > limit { out.append(piece); piece = ""; w = 0 }
                piece.unicodeScalars.append(s)
                w += measure(s)
            }
            out.append(piece)
        }
        return out.joined(separator: "\n")
    }

    static func original(_ name: String) -> ParsedPage { Fixtures.parse(Fixtures.seedText(name)) }

    @Test func wrappedByDisplayWidthReadsLikeTheOriginal() {
        for name in Fixtures.seedNames {
            let text = Self.wrapped(Fixtures.seedText(name), limit: 60) { HardWraps.isWide($0) ? 2 : 1 }
            #expect(Fixtures.parse(text).articles == Self.original(name).articles, "\(name)")
        }
    }

    @Test func wrappedEveryNCharactersReadsLikeTheOriginal() {
        for name in Fixtures.seedNames {
            let text = Self.wrapped(Fixtures.seedText(name), limit: 36) { _ in 1 }
            #expect(Fixtures.parse(text).articles == Self.original(name).articles, "\(name)")
        }
    }

    @Test func paragraphPerLinePagesAreLeftAlone() {
        for name in Fixtures.seedNames {
            let lines = PageLines.split(Fixtures.seedText(name))
            #expect(HardWraps.rejoin(lines) == lines, "\(name)")
        }
    }

    @Test func fullLinesJoinTheNextUnlessABlankLineSeparates() {
        let full = String(repeating: "党", count: 15)   // 30 cells
        let text = (0..<4).map { _ in full + "\n" + full + "\n末句。" }.joined(separator: "\n\n")
        let lines = PageLines.split(text)
        #expect(lines.map(\.text) == Array(repeating: full + full + "末句。", count: 4))
        #expect(lines.map(\.number) == [1, 5, 9, 13])
        #expect(HardWraps.width("党,a") == 4)
    }

    @Test func latinWordsKeepTheirSpaceAcrossTheWrap() {
        let row = "The quick brown fox jumps over the"   // 34 cells, narrow
        let text = (0..<6).map { _ in row + "\nlazy dog." }.joined(separator: "\n\n")
        #expect(PageLines.split(text).first?.text == row + " lazy dog.")
    }

    /// A layout that set curly quotes and dashes narrow (a Western font) wraps at a width the
    /// wide-quote measure misses; the narrow measure finds it.
    @Test func ambiguousPunctuationMeasuredEitherWay() {
        let text = Fixtures.seedText(Fixtures.seedNames[0])
        func narrowWidth(_ s: String) -> Int { HardWraps.width(s, ambiguousWide: false) }
        var wrapped: [String] = []
        for line in text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init) {
            var cur = ""
            for c in line {
                if narrowWidth(cur + String(c)) > 60 { wrapped.append(cur); cur = "" }
                cur.append(c)
            }
            wrapped.append(cur)
        }
        let a = Fixtures.parse(text), b = Fixtures.parse(wrapped.joined(separator: "\n"))
        #expect(a.articles.map(\.title) == b.articles.map(\.title))
        #expect(a.articles.map(\.paragraphs) == b.articles.map(\.paragraphs))
    }
}
