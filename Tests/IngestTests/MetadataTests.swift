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

    // a03, f10, f03, c01: masthead and field forms of e-paper and forum pages
    @Test func issueNumbersLabelsAndForumDates() {
        #expect(MastheadLine.masthead(Fixtures.line("1886 期 / 第2版:2")) == PageMetadata(edition: "2", issue: "1886"),
                "a number in the section's slot is no section")
        #expect(MastheadLine.masthead(Fixtures.line("当前版:01版"))?.edition == "01")
        #expect(MastheadLine.masthead(Fixtures.line("A2:综合*新闻总第3307期 >2018-09-14编印")) == PageMetadata(date: "2018-09-14", edition: "A2", section: "综合*新闻", issue: "3307"))
        #expect(MastheadLine.masthead(Fixtures.line("2005.01.01 第01264期")) == PageMetadata(date: "2005-01-01", issue: "01264"))
        #expect(CrawlAnnotations.labelledFields("只看楼主 倒序阅读 0 发表于: 1985-06-24")?.date == "1985-06-24")
        // a09: a date among the page's controls is the page's date
        #expect(Furniture.classify(Fixtures.line("2009年5月4日 收藏 打印 推荐 朗读 评论 更多功能")) == .crawlNote(PageMetadata(date: "2009-05-04")))
        #expect(Furniture.classify(Fixtures.line("收藏 打印 推荐")) == .separator)
        #expect(CrawlAnnotations.labelledFields("他说，我们在发表于: 1985-06-24") == nil)
    }

    @Test func editionAndSection() {
        let a = MastheadLine.edition(Fixtures.line("第A11版:健康滁州·公益"))
        #expect(a?.edition == "A11")
        #expect(a?.section == "健康滁州·公益")
        #expect(MastheadLine.edition(Fixtures.line("第03版"))?.edition == "03")
        // numerals as printed, as the gold annotation records them (`第二版` → `二`)
        #expect(MastheadLine.edition(Fixtures.line("第三版 要闻"))?.edition == "三")
        #expect(MastheadLine.edition(Fixtures.line("第十二版"))?.edition == "十二")
        #expect(MastheadLine.edition(Fixtures.line("A3版\u{FF1A}经济"))?.section == "经济")
        #expect(MastheadLine.edition(Fixtures.line("出版发行工作取得进展。")) == nil)
    }

    @Test func chineseNumeralDates() {
        #expect(MastheadLine.dateOnly(Fixtures.line("二〇二二年十二月八日 星期四")) == "2022-12-08")
        #expect(MastheadLine.dateOnly(Fixtures.line("二○一九年三月二十八日")) == "2019-03-28")
        #expect(MastheadLine.dateOnly(Fixtures.line("星期四 2022年12月8日")) == "2022-12-08")
        #expect(MastheadLine.dateOnly(Fixtures.line("二〇二二年十三月八日")) == nil)
        #expect(MastheadLine.dateOnly(Fixtures.line("二〇二二年,我们迎来了新的发展。")) == nil)
    }

    /// The Republic of China's years (d01, d03 of the corpus; Taiwan's papers today).
    @Test func minguoDates() {
        #expect(MastheadLine.masthead(Fixtures.line("第二版 民国九年四月十二日")) == PageMetadata(date: "1920-04-12", edition: "二"))
        let d = MastheadLine.masthead(Fixtures.line("中华民国二十八年四月廿七日 晶报 星期四 第八版"))
        #expect(d?.date == "1939-04-27" && d?.edition == "八")
        #expect(MastheadLine.dateOnly(Fixtures.line("民国112年3月7日")) == "2023-03-07")
        // a lunar date and weekday alone are masthead, with no date of their own
        #expect(MastheadLine.masthead(Fixtures.line("庚申年二月廿四日 星期一")) == PageMetadata())
        #expect(MastheadLine.masthead(Fixtures.line("民国初年，蓝田“十人九厨”，一把铁勺走天下。")) == nil)
    }

    /// Date and edition on one line, in either order, with the weekday anywhere.
    @Test func combinedMastheadLines() {
        let a = MastheadLine.masthead(Fixtures.line("2022年12月08日 第3版:要闻"))
        #expect(a?.date == "2022-12-08" && a?.edition == "3" && a?.section == "要闻")
        let b = MastheadLine.masthead(Fixtures.line("第03版 \u{FF1A}要闻 2022年12月08日 星期四"))
        #expect(b?.date == "2022-12-08" && b?.edition == "03" && b?.section == "要闻")
        let c = MastheadLine.masthead(Fixtures.line("2022年12月08日第A11版:健康滁州·公益"))
        #expect(c?.edition == "A11" && c?.section == "健康滁州·公益")
        #expect(MastheadLine.masthead(Fixtures.line("2022年12月08日,我们出版了新书。")) == nil)
        let page = Fixtures.parse("第A3版 时政 2021年6月1日 星期二\n\n\n一个很好的标题在这里\n\n本报记者 张三\n\n这是第一段正文,讲了很多事情,而且内容很长很长很长很长很长很长很长很长很长很长很长很长很长很长。\n")
        #expect(page.metadata == PageMetadata(date: "2021-06-01", edition: "A3", section: "时政"))
        #expect(page.articles.map(\.title) == ["一个很好的标题在这里"])
    }

    /// The paper's name leading the masthead line, and the citation line web editions print
    /// under each article: both name the paper, and neither becomes a headline.
    @Test func paperNameInMastheadAndCitationLines() {
        let a = MastheadLine.masthead(Fixtures.line("人民日报 2023年05月10日 星期三 第01版：要闻"))
        #expect(a == PageMetadata(paper: "人民日报", date: "2023-05-10", edition: "01", section: "要闻"))
        #expect(MastheadLine.masthead(Fixtures.line("《光明日报》 2021-06-01"))?.paper == "光明日报")
        #expect(MastheadLine.masthead(Fixtures.line("人民日报海外版 第3版"))?.paper == "人民日报海外版")
        // a place or a section word before a date is not a paper; the line still gives the date
        #expect(MastheadLine.masthead(Fixtures.line("北京 2023年5月10日")) == PageMetadata(date: "2023-05-10"))
        #expect(MastheadLine.masthead(Fixtures.line("2023年5月10日 星期三 农历癸卯年三月廿一")) == PageMetadata(date: "2023-05-10"))
        #expect(MastheadLine.masthead(Fixtures.line("2023年5月10日，市长来到工地")) == nil)
        // editions without 版 beside a date, separators, credits on the masthead line
        #expect(MastheadLine.masthead(Fixtures.line("A3 要闻 2023年5月10日")) == PageMetadata(date: "2023-05-10", edition: "A3", section: "要闻"))
        #expect(MastheadLine.masthead(Fixtures.line("2023.05.10 / 第A03版 / 经济")) == PageMetadata(date: "2023-05-10", edition: "A03", section: "经济"))
        #expect(MastheadLine.masthead(Fixtures.line("第3版：要闻 2023年5月10日 责任编辑：张三")) == PageMetadata(date: "2023-05-10", edition: "3", section: "要闻"))
        #expect(MastheadLine.masthead(Fixtures.line("新华每日电讯 2023年05月10日 第3版"))?.paper == "新华每日电讯", "any name before date and edition")
        #expect(MastheadLine.masthead(Fixtures.line("A3 是一个好的开始")) == nil)
        let c = MastheadLine.citation(Fixtures.line("《 人民日报 》（ 2023年05月10日 01 版）"))
        #expect(c == PageMetadata(paper: "人民日报", date: "2023-05-10", edition: "01"))
        #expect(MastheadLine.citation(Fixtures.line("《光明日报》(2021年06月01日 05版)"))?.edition == "05")
        #expect(MastheadLine.citation(Fixtures.line("《红楼梦》(2021年06月01日)")) == nil, "a book, not a paper")
        #expect(MastheadLine.citation(Fixtures.line("《人民日报》发表评论员文章。")) == nil)

        let page = Fixtures.parse("""
        人民日报 2023年05月10日 星期三 第01版：要闻

        加快建设农业强国 推进农业农村现代化

        本报记者 张三

        　　5月的田野，处处是繁忙的春耕景象。在河南省周口市郸城县，大型播种机来回穿梭，农民们抢抓农时。
        　　专家表示，春耕生产开局良好，为全年粮食丰收打下了坚实基础。

        （责编：王五、赵六）

        《 人民日报 》（ 2023年05月10日 01 版）

        国务院常务会议部署推动大规模设备更新

        　　新华社北京5月9日电　国务院总理主持召开国务院常务会议，研究部署下一步重点工作。
        　　会议还研究了其他事项。

        《 人民日报 》（ 2023年05月10日 01 版）
        """)
        #expect(page.metadata == PageMetadata(paper: "人民日报", date: "2023-05-10", edition: "01", section: "要闻"))
        #expect(page.articles.map(\.title) == ["加快建设农业强国 推进农业农村现代化", "国务院常务会议部署推动大规模设备更新"])
        #expect(page.articles[0].paragraphs.last == "专家表示，春耕生产开局良好，为全年粮食丰收打下了坚实基础。", "editor credit removed")
        #expect(page.articles[1].paragraphs.last == "会议还研究了其他事项。", "citation removed")
    }

    /// Edition lines in the other forms e-paper sites print: a bare code with a colon, the
    /// section in brackets, the whole line in brackets, labelled fields.
    @Test func editionLineForms() {
        #expect(MastheadLine.masthead(Fixtures.line("A01：要闻")) == PageMetadata(edition: "A01", section: "要闻"))
        #expect(MastheadLine.masthead(Fixtures.line("第1版(要闻)")) == PageMetadata(edition: "1", section: "要闻"))
        #expect(MastheadLine.masthead(Fixtures.line("【第1版：要闻】")) == PageMetadata(edition: "1", section: "要闻"))
        #expect(MastheadLine.masthead(Fixtures.line("版次：A01 版名：要闻 日期：2022-12-08")) == PageMetadata(date: "2022-12-08", edition: "A01", section: "要闻"))
        #expect(MastheadLine.masthead(Fixtures.line("A3：这是一个句子，很长。")) == nil)
        #expect(MastheadLine.masthead(Fixtures.line("（2022年的工作）")) == nil)
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
