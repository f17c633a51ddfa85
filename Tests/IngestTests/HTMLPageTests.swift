import Foundation
import Testing
@testable import Ingest

/// Pages saved as HTML (`*.htm`/`*.html` are taken by default) read like their text.
@Suite struct HTMLPageTests {
    /// A seed page as an e-paper site serves it: one `<p>` per line, `&nbsp;` paragraphs for
    /// blank lines, escaped text, a script and a title in the head, and the Founder trailer
    /// back in its `<!--enpproperty …-->` comment with one tag per field.
    static func html(_ text: String) -> String {
        var out = ["<!DOCTYPE html>", "<html><head><meta charset=\"utf-8\"><title>电子版 第A11版</title>",
                   "<script>var s = \"<p>not text</p>\";</script><style>p { margin: 0 }</style></head><body>"]
        for line in text.split(separator: "\n", omittingEmptySubsequences: false) {
            if line.hasSuffix("/enpproperty-->") {
                let fields = line.dropLast("/enpproperty-->".count).split(separator: " ")
                out.append("<!--enpproperty " + fields.enumerated().map { "<f\($0)>\($1)</f\($0)>" }.joined() + "/enpproperty-->")
            } else if line.trimmingCharacters(in: .whitespaces).isEmpty {
                out.append("<p>&nbsp;</p>")
            } else {
                let escaped = line.replacingOccurrences(of: "&", with: "&amp;").replacingOccurrences(of: "<", with: "&lt;")
                    .replacingOccurrences(of: ">", with: "&gt;").replacingOccurrences(of: "\u{3000}", with: "&#12288;")
                out.append("<p>\(escaped)</p>")
            }
        }
        out.append("</body></html>")
        return out.joined(separator: "\n")
    }

    @Test(arguments: Fixtures.seedNames)
    func seedPageAsHTMLGivesTheSameRecords(_ name: String) throws {
        let plain = Fixtures.records(name)
        let page = Self.html(Fixtures.seedText(name))
        let records = try Fixtures.ingestor.ingest(Array(page.utf8), path: name + ".html", ingestedAt: 0).records
        #expect(records.count == plain.count)
        for (a, b) in zip(plain, records) {
            #expect(a.title == b.title && a.subtitle == b.subtitle && a.authors == b.authors && a.kind == b.kind)
            #expect(a.paragraphs == b.paragraphs)
            #expect(a.paper == b.paper && a.date == b.date && a.edition == b.edition && a.section == b.section)
        }
    }

    @Test func markupBecomesLinesAndEntitiesCharacters() throws {
        let text = try #require(HTMLText.extract("""
            <html><body><h1>标题&mdash;一</h1><div>甲&nbsp;乙 &amp; 丙 &#x4E01; &#25098; &bogus; a < b</div>
            <!-- 注释 --><p>第一段<br>第二段</p><noscript>启用脚本</noscript></body></html>
            """))
        let lines = text.split(separator: "\n").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
        #expect(lines == ["标题—一", "甲\u{A0}乙 & 丙 丁 戊 &bogus; a < b", "第一段", "第二段"])
    }

    @Test func onlyDocumentsThatStartWithMarkupAreHTML() {
        #expect(HTMLText.extract("正文里写着 <p> 这样的字样。\n第二行") == nil)
        #expect(HTMLText.extract("<标题>\n正文。") == nil, "angle brackets as punctuation")
        #expect(HTMLText.extract("  \n<div>段落</div>") != nil)
    }

    /// Broken markup degrades to text; it never traps or loops.
    @Test func malformedMarkupNeverFails() {
        for doc in ["<html><p>未闭合", "<html><script>var a = 1;", "<html><!-- 没有结束", "<html><p class=\"x>引号未闭合</p>",
                    "<html>&#xFFFFFFFF; &#0; &", "<html><", "<html></"] {
            #expect(HTMLText.extract(doc) != nil, "\(doc)")
        }
        #expect(HTMLText.extract("<html><p>未闭合")?.contains("未闭合") == true)
    }

    /// A news page as sites save it: menus, a share bar, teaser lists, comments and a footer
    /// around one article (structure modelled on the corpus's web-html pages).
    static let newsPage = """
        <!DOCTYPE html><html><head><meta charset="utf-8">
        <title>悲慟！北市士林年邁母子 住處上吊自殺身亡 - 社會 - 中時新聞網</title>
        <meta property="og:title" content="悲慟！北市士林年邁母子 住處上吊自殺身亡 - 社會"></head><body>
        <nav class="main-nav"><ul><li><a href="/">首頁</a></li><li><a href="/a">政治</a></li><li><a href="/b">社會</a></li>
        <li><a href="/c">國際</a></li><li><a href="/d">娛樂</a></li><li><a href="/e">體育</a></li></ul></nav>
        <article class="article-box"><header class="article-header">
        <h1 class="article-title">悲慟！北市士林年邁母子 住處上吊自殺身亡</h1>
        <div class="meta-info"><time datetime="2018-09-16 15:31"><span class="hour">15:31</span><span class="date">2018/09/16</span></time>
        <div class="source">中時 </div><div class="author"><a href="/reporter/899">謝明俊</a></div></div>
        <div class="social-share"><ul><li><a href="#">Facebook</a></li><li><a href="#">Line</a></li><li><a href="#">複製連結</a></li></ul></div>
        </header>
        <div class="article-body">
        <figure><img src="a.jpg"><figcaption>士林一年邁母子在住處上吊身亡。</figcaption></figure>
        <p>士林一年邁母子在住處雙雙上吊身亡，警方獲報到場，發現兩人已無生命跡象。</p>
        <p>據了解，母子兩人平日深居簡出，鄰居表示近來未見兩人出門，家屬察覺有異後報警。</p>
        <p>消防人員到場後，立即將兩人送往醫院及馬偕醫院急救。</p>
        <div class="related-news"><h3>相關新聞</h3><ul><li><a href="/1">北市男子墜樓身亡 警方調查中</a></li>
        <li><a href="/2">新北婦人家中身亡 疑似久病厭世</a></li><li><a href="/3">桃園火警一死兩傷</a></li></ul></div>
        </div></article>
        <div class="comment-rule"><p>中時新聞網對留言系統使用者發布的文字、圖片或檔案保有片面修改或移除的權利。</p>
        <p>發言前，務必先閱讀留言板規則，謝謝配合。</p></div>
        <footer class="footer"><p>Copyright © 2018 China Times. All rights reserved.</p><a href="/about">關於我們</a></footer>
        </body></html>
        """

    @Test func aNewsPageGivesItsOneArticleNotTheMenus() throws {
        let records = try Fixtures.ingestor.ingest(Array(Self.newsPage.utf8), path: "news.html", ingestedAt: 0).records
        #expect(records.count == 1)
        let r = try #require(records.first)
        #expect(r.title == "悲慟！北市士林年邁母子 住處上吊自殺身亡")
        #expect(r.authors == ["謝明俊"])
        #expect(r.paragraphs.first == "士林一年邁母子在住處雙雙上吊身亡，警方獲報到場，發現兩人已無生命跡象。" || r.paragraphs.first == "士林一年邁母子在住處上吊身亡。")
        #expect(r.paragraphs.last == "消防人員到場後，立即將兩人送往醫院及馬偕醫院急救。")
        #expect(!r.paragraphs.joined().contains("留言") && !r.paragraphs.joined().contains("相關新聞") && !r.paragraphs.joined().contains("首頁"))
        #expect(r.date == "2018-09-16")
    }

    @Test func theHeadlineIsTheH1TheTitleAgreesWith() {
        var doc = HTMLDocument.parse("<html><head><title>法国全国大罢工再次严重影响交通-新华网</title></head><body><h1>新华网</h1><div><p>正文。</p></div></body></html>")
        #expect(ReaderMode.headline(doc, before: doc.nodes.count).0 == "法国全国大罢工再次严重影响交通")
        doc = HTMLDocument.parse("<html><head><title>血濺桃機 他把老婆丟下樓再跳樓 | 焦點事件 | 社會 | 聯合新聞網</title></head><body><h1>血濺桃機 他把老婆丟下樓再跳樓</h1></body></html>")
        #expect(ReaderMode.headline(doc, before: doc.nodes.count).0 == "血濺桃機 他把老婆丟下樓再跳樓")
        #expect(ReaderMode.paper("教大查譏蔡若蓮標語 | 蘋果日報 | 要聞港聞 | 20170909") == "蘋果日報")
        #expect(ReaderMode.titleDate("教大查譏蔡若蓮標語 | 蘋果日報 | 要聞港聞 | 20170909") == "2017-09-09")
    }

    @Test func theTreeClosesWhatBrowsersClose() {
        let doc = HTMLDocument.parse("<div><p>一<p>二<ul><li>甲<li>乙</ul></div><br><img src=x>尾")
        let tags = doc.nodes.map(\.tag)
        #expect(tags.filter { $0 == "p" }.count == 2 && tags.filter { $0 == "li" }.count == 2)
        // the second <p> is a sibling of the first, not its child
        let ps = doc.nodes.indices.filter { doc.nodes[$0].tag == "p" }
        #expect(doc.nodes[ps[0]].parent == doc.nodes[ps[1]].parent)
        // nesting beyond the depth limit is read as siblings, never recursed without bound
        let deep = HTMLDocument.parse(String(repeating: "<div>", count: 10_000) + "字")
        #expect(deep.nodes.count == 10_002)
    }

    /// A one-paragraph article beside a comment policy of many sentences (h07 of the corpus):
    /// text inside comments is never the article.
    @Test func aContainerInsideCommentsIsNeverTheArticle() throws {
        let rules = (1...8).map { "<p>第\($0)条：请勿发表攻击、侮辱或违法的内容，违者删除，谢谢配合。</p>" }.joined()
        let page = """
            <html><head><title>北市士林年邁母子 住處上吊自殺身亡 - 社會</title></head><body>
            <nav><a href="/">首頁</a><a href="/b">社會</a><a href="/c">國際</a></nav>
            <h1>北市士林年邁母子 住處上吊自殺身亡</h1>
            <div class="article-body"><p>北市士林區一處民宅16日下午驚傳一對母子在陽台上吊，消防局據報派出人車趕往，送醫急救。</p></div>
            <section id="comments" class="comments"><div class="card card-body">\(rules)</div></section>
            </body></html>
            """
        let r = try #require(try Fixtures.ingestor.ingest(Array(page.utf8), path: "p.html", ingestedAt: 0).records.first)
        #expect(r.paragraphs == ["北市士林區一處民宅16日下午驚傳一對母子在陽台上吊，消防局據報派出人車趕往，送醫急救。"])
    }

    /// A site prints date, time and paper before the byline (h05 of the corpus).
    @Test func dateTimeAndPaperBeforeTheByline() {
        let (rest, date, paper) = ReaderMode.cleanHeader("2019-03-18 23:59聯合報 記者陳嘉寧／即時報導")
        #expect(rest == "記者陳嘉寧／即時報導" && date == "2019-03-18" && paper == "聯合報")
        #expect(ReaderMode.namesAsPrinted("記者陳嘉寧／即時報導", bare: false) == ["陳嘉寧"])
        #expect(ReaderMode.cleanHeader("半月谈记者 史卫燕").0 == "半月谈记者 史卫燕")
    }

    /// h10, h11, h05, h07: the fields a site prints around the article — a publication stamp
    /// of its own, a breadcrumb trail (section = first crumb after home), a category label.
    @Test func stampBreadcrumbAndCategoryGiveThePageFields() throws {
        #expect(ReaderMode.printedTimestamp(" 2019-12-10 07:57:40") == "2019-12-10")
        #expect(ReaderMode.printedTimestamp("18:56 2017/09/08") == "2017-09-08")
        #expect(ReaderMode.printedTimestamp("发布日期：2019-09-23 14:34:05") == "2019-09-23")
        #expect(ReaderMode.printedTimestamp("2019-12-10") == nil, "a date without a time of day may be any date")
        #expect(ReaderMode.printedTimestamp("据了解，2019-12-10 07:57 发生的事") == nil)
        let trail = HTMLDocument.parse("<div id=\"nav\"><a href=\"/\">udn</a> / <a href=\"/c\">社會</a> / <b>焦點事件</b></div><div><p>正文。</p></div>")
        #expect(ReaderMode.breadcrumbSection(trail.nodes, before: trail.nodes.count) == "社會")
        let marked = HTMLDocument.parse("<ol class=\"breadcrumb\"><li><a href=\"/\">首頁</a></li><li><a href=\"/s\">社會</a></li></ol>")
        #expect(ReaderMode.breadcrumbSection(marked.nodes, before: marked.nodes.count) == "社會")
        let menu = HTMLDocument.parse("<nav><a href=\"/\">首頁</a><a href=\"/b\">社會</a><a href=\"/c\">國際</a></nav>")
        #expect(ReaderMode.breadcrumbSection(menu.nodes, before: menu.nodes.count) == nil, "a menu is no trail")
        let labelled = HTMLDocument.parse("<div>发布日期：2019-09-23 14:34:05&nbsp;&nbsp;所属分类：<a href=\"/x\">头条</a></div>")
        #expect(ReaderMode.categoryLabel(labelled.nodes) == "头条")
    }
}
