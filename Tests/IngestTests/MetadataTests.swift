import Testing
@testable import Ingest

@Suite struct MetadataTests {
    @Test func mastheadDateForms() {
        #expect(MastheadLine.dateOnly(Fixtures.line("2022年12月08日")) == "2022-12-08")
        #expect(MastheadLine.dateOnly(Fixtures.line("2022年12月8日 星期四")) == "2022-12-08")
        #expect(MastheadLine.dateOnly(Fixtures.line("2022-12-08")) == "2022-12-08")
        #expect(MastheadLine.dateOnly(Fixtures.line("2019/3/5")) == "2019-03-05")
        // a date inside a sentence is not a masthead
        #expect(MastheadLine.dateOnly(Fixtures.line("2020年5月13日,县第二人民医院邀请专家培训。")) == nil)
        #expect(MastheadLine.dateOnly(Fixtures.line("2022年13月08日")) == nil)
    }

    @Test func editionAndSection() {
        let a = MastheadLine.edition(Fixtures.line("第A11版:健康滁州·公益"))
        #expect(a?.edition == "A11")
        #expect(a?.section == "健康滁州·公益")
        #expect(MastheadLine.edition(Fixtures.line("第03版"))?.edition == "03")
        #expect(MastheadLine.edition(Fixtures.line("第三版 要闻"))?.edition == "3")
        #expect(MastheadLine.edition(Fixtures.line("第十二版"))?.edition == "12")
        #expect(MastheadLine.edition(Fixtures.line("A3版\u{FF1A}经济"))?.section == "经济")
        #expect(MastheadLine.edition(Fixtures.line("出版发行工作取得进展。")) == nil)
    }

    @Test func issueNumber() {
        #expect(MastheadLine.issue(Fixtures.line("第171期")) == "171")
        #expect(MastheadLine.issue(Fixtures.line("总第3021期")) == "3021")
        #expect(MastheadLine.issue(Fixtures.line("第十二期")) == "12")
        #expect(MastheadLine.issue(Fixtures.line("第一期工程")) == nil)
    }

    static let trailer = "2022-12-08 ——滁州市卫健委扎实开展“六亮”工作纪实 2 2 滁州日报 content_82636.html 1 3 “红色引擎”添动力 基层组织焕新貌 /enpproperty-->"

    @Test func founderTrailerFields() throws {
        let t = try #require(FounderTrailer(Fixtures.line(Self.trailer)))
        #expect(t.date == "2022-12-08")
        #expect(t.paper == "滁州日报")
    }

    @Test func seedPageMetadataComesFromMastheadAndTrailer() {
        let page = Fixtures.parse(Fixtures.seedText(Fixtures.seedNames[2]))
        #expect(page.metadata == PageMetadata(paper: "滁州日报", date: "2022-12-08", edition: "A11", section: "健康滁州·公益"))
        #expect(page.furniture.contains(Self.trailer))
    }

    @Test func trailerDisagreeingWithThePageIsIgnored() {
        var text = Fixtures.seedText(Fixtures.seedNames[2])
        text = text.replacingOccurrences(of: "2022-12-08 ——", with: "2021-01-01 ——")
        let page = Fixtures.parse(text)
        #expect(page.metadata.paper == nil)
        #expect(page.metadata.date == "2022-12-08")
    }

    @Test func trailerNamingAnotherArticleIsIgnored() {
        let text = "一场探索创新的党建大考\n\n□王长新\n\n这是一场特殊的赶考,是一次全面深入的盘点。\n\n"
            + "2022-12-08 别的文章 2 2 滁州日报 content_1.html 1 3 另一个标题 /enpproperty-->\n"
        let page = Fixtures.parse(text)
        #expect(page.metadata.paper == nil)
        #expect(page.metadata.date == nil)
        #expect(page.articles.count == 1)
    }

    @Test func pagesWithoutMetadataSayNull() {
        let page = Fixtures.parse(Fixtures.seedText(Fixtures.seedNames[4]))
        #expect(page.metadata == PageMetadata())
        let withIssue = Fixtures.parse(Fixtures.seedText(Fixtures.seedNames[0]))
        #expect(withIssue.metadata.issue == "171")
        #expect(withIssue.metadata.date == nil)
    }
}
