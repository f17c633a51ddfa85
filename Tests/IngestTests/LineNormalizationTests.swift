import Testing
@testable import Ingest

@Suite struct LineNormalizationTests {
    @Test func unicodeSpacesFoldAndInvisiblesVanish() {
        let text = "\u{3000}\u{3000}党史学习\u{00A0}\u{00A0}教育\u{200B}开展\u{FEFF}以来。  \n"
        let lines = PageLines.split(text)
        #expect(lines.map(\.text) == ["党史学习 教育开展以来。"])
        #expect(lines[0].length == 12)
    }

    @Test func gapsCountBlankLinesBetweenItems() {
        let lines = PageLines.split("a\n\nb\n\n\n\nc\r\n\r\nd\re")
        #expect(lines.map(\.text) == ["a", "b", "c", "d", "e"])
        #expect(lines.map(\.gap) == [0, 1, 3, 1, 0])
        #expect(lines.map(\.number) == [1, 3, 7, 9, 10])
    }

    @Test func seedLinesKeepTheirPunctuation() {
        let lines = PageLines.split(Fixtures.seedText(Fixtures.seedNames[0]))
        #expect(lines.contains { $0.text == "(作者系南通市总工会党组书记、副主席)" })
        #expect(lines.first?.text == "第171期")
        #expect(lines.first?.gap == 4)
    }

    /// A page extracted with a space after every character reads like the page itself.
    @Test func letterSpacedPagesAreRepaired() {
        for name in Fixtures.seedNames {
            let text = Fixtures.seedText(name)
            let spaced = text.split(separator: "\n", omittingEmptySubsequences: false)
                .map { $0.map(String.init).joined(separator: " ") }.joined(separator: "\n")
            let a = Fixtures.parse(text), b = Fixtures.parse(spaced)
            #expect(a.articles == b.articles, "\(name)")
            #expect(a.metadata == b.metadata, "\(name)")
        }
        #expect(LetterSpacing.repaired(Fixtures.seedText(Fixtures.seedNames[0])) == nil, "an ordinary page is left alone")
        #expect(LetterSpacing.repaired("全 市 经 济 运 行 稳 中 向 好 ，  本 报 记 者  王 芳 。 今 年 以 来 全 市 上 下 坚 持 稳 中 求 进") == "全市经济运行稳中向好， 本报记者 王芳。今年以来全市上下坚持稳中求进")
    }
}
