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
}
