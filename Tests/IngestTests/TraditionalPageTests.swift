import Foundation
import Testing
@testable import Ingest

/// Pages printed in traditional characters (the seeds converted with OpenCC, see
/// Fixtures/traditional/README.md) are read like their simplified originals, and their
/// records keep the traditional characters.
@Suite struct TraditionalPageTests {
    static let converted = [
        ("000_7b9d41ea9c0c1498", "s2t"), ("001_44639fe822d283e0", "s2tw"), ("003_842c0dfcb9118875", "s2hk"),
    ]

    static func text(_ name: String, _ config: String) -> String {
        String(decoding: try! Data(contentsOf: Fixtures.url("traditional", "\(name).\(config)", "txt")), as: UTF8.self)
    }

    /// Both sides through the same fold, so a comparison ignores only the script.
    static func folded(_ s: String) -> String {
        HanVariants.table.withUnsafeBufferPointer { table in
            String(decoding: s.utf16.map { HanVariants.simplified($0, table) }, as: UTF16.self)
        }
    }

    /// The same text in another script: OpenCC converts one character for one, and after
    /// the fold only variants that Unihan counts as simplified too (羣/群, 衞/卫, 著/着)
    /// may differ; they are common (羣 in every 群众), so up to a tenth is allowed. The lengths,
    /// which show where the parser cut, must agree exactly.
    static func same(_ a: String, _ b: String) -> Bool {
        let x = Array(folded(a).unicodeScalars), y = Array(folded(b).unicodeScalars)
        guard x.count == y.count else { return false }
        return Double(zip(x, y).filter { $0 != $1 }.count) <= 2 + 0.1 * Double(x.count)
    }

    static func same(_ a: [String], _ b: [String]) -> Bool {
        a.count == b.count && zip(a, b).allSatisfy { same($0, $1) }
    }

    static func same(_ a: String?, _ b: String?) -> Bool {
        a == nil ? b == nil : b.map { same(a!, $0) } ?? false
    }

    @Test func seedsAreSimplifiedAndConvertedPagesTraditional() {
        for name in Fixtures.seedNames { #expect(!HanVariants.isTraditional(Fixtures.seedText(name)), "\(name)") }
        for (name, config) in Self.converted { #expect(HanVariants.isTraditional(Self.text(name, config)), "\(name).\(config)") }
    }

    @Test func aSimplifiedPageQuotingTraditionalNamesStaysSimplified() {
        let page = Fixtures.seedText(Fixtures.seedNames[0]) + "\n台湾《聯合報》和香港《明報》報道。\n"
        #expect(!HanVariants.isTraditional(page))
        #expect(Fixtures.parse(page).traditional == false)
    }

    @Test func traditionalPagesSplitLikeTheirOriginals() {
        for (name, config) in Self.converted {
            let original = Fixtures.parse(Fixtures.seedText(name))
            let page = Fixtures.parse(Self.text(name, config))
            #expect(page.traditional)
            #expect(page.articles.count == original.articles.count, "\(name).\(config)")
            for (a, b) in zip(original.articles, page.articles) {
                #expect(a.kind == b.kind, "\(a.title)")
                #expect(Self.same(a.title, b.title), "\(b.title)")
                #expect(Self.same(a.subtitle, b.subtitle), "\(a.title)")
                #expect(Self.same(a.kicker, b.kicker), "\(a.title)")
                #expect(Self.same(a.authors, b.authors), "\(a.title)")
                #expect(Self.same(a.authorNote, b.authorNote), "\(a.title)")
                #expect(a.paragraphs.count == b.paragraphs.count, "\(a.title)")
                for (x, y) in zip(a.paragraphs, b.paragraphs) where !Self.same(x, y) {
                    Issue.record("\(a.title): paragraph \(x.prefix(16))… (\(x.unicodeScalars.count)) read as \(y.prefix(16))… (\(y.unicodeScalars.count))")
                }
            }
            #expect(page.metadata.date == original.metadata.date)
            #expect(page.metadata.edition == original.metadata.edition)
            #expect(Self.same(page.metadata.paper, original.metadata.paper))
            #expect(Self.same(page.metadata.section, original.metadata.section))
        }
    }

    @Test func bylineFormsInTraditionalCharacters() {
        let page = Fixtures.parse(Self.text("001_44639fe822d283e0", "s2tw"))
        let authors = page.articles.flatMap(\.authors)
        #expect(authors.contains("索朗瓊珠"), "本報記者 索朗瓊珠")
        #expect(authors.contains("孫文娟") && authors.contains("劉團飛"), "(記者 孫文娟 通訊員 劉團飛)")
        #expect(page.articles.contains { $0.kind == .photo && $0.authors == ["孫文娟"] }, "本報記者 孫文娟 攝")
        let qa = Fixtures.parse(Self.text("003_842c0dfcb9118875", "s2hk"))
        #expect(qa.articles.first?.kind == .qa, "問/答 turns")
        #expect(qa.articles.contains { $0.authors == ["吳凌"] }, "本報訊(通訊員 吳凌)")
    }

    @Test func recordsKeepThePagesOwnCharacters() {
        for (name, config) in Self.converted {
            let text = Self.text(name, config)
            let printed = Set(text.unicodeScalars)
            for a in Fixtures.parse(text).articles {
                for field in [a.title] + a.authors + a.paragraphs {
                    let foreign = field.unicodeScalars.filter { !printed.contains($0) }
                    #expect(foreign.isEmpty, "\(field.prefix(20)) has characters the page never printed: \(String(String.UnicodeScalarView(foreign)))")
                }
            }
        }
    }

    @Test func foldIsExactWhenAPageMixesForms() throws {
        // 為 and 爲 share 为; 报 is printed too, so 報 cannot be folded back unambiguously
        let lines = (0..<20).map { _ in "這是爲了說明問題的報道。本報記者說明爲何為此而來,也有报字。" }
        let page = lines.joined(separator: "\n")
        let fold = try #require(TraditionalFold(page: page))
        #expect(fold.folded.contains("為") && fold.folded.contains("爲"), "two sources of 为 stay as printed")
        #expect(fold.folded.contains("報") && fold.folded.contains("报"), "报 is printed, so 報 stays")
        #expect(fold.folded.contains("这") && fold.folded.contains("问题"))
        #expect(fold.restore(fold.folded) == page)
    }

    @Test func keywordsAreLookedUpInSimplifiedAndPrintedAsOnThePage() {
        let records = try! Fixtures.ingestor.ingest(Array(Self.text("000_7b9d41ea9c0c1498", "s2t").utf8), path: "t.txt", ingestedAt: 0).records
        let originals = Fixtures.records("000_7b9d41ea9c0c1498")
        var overlap = 0.0
        for (a, b) in zip(originals, records) {
            let expected = Set(a.keywords.map(Self.folded))
            overlap += Double(b.keywords.filter { expected.contains(Self.folded($0)) }.count) / Double(max(1, a.keywords.count))
            #expect(b.keywords.allSatisfy { $0.count >= 2 })
        }
        #expect(overlap / Double(originals.count) >= 0.8)
        #expect(records[0].keywords.contains("黨史") && records[0].keywords.contains("辦實事"), "\(records[0].keywords)")
    }

    /// A page from Taiwan and one from Hong Kong, in their own bylines and openers.
    @Test func taiwanAndHongKongPages() {
        let tw = Fixtures.parse("台北捷運新線通車 首日人潮湧現\n\n記者王小明／台北報導\n\n　　台北捷運環狀線北段今天正式通車，首日吸引大批民眾搭乘體驗。捷運公司表示，各站秩序良好。\n　　不少民眾一早就到車站排隊，希望搶先體驗新路線。\n")
        #expect(tw.articles.map(\.title) == ["台北捷運新線通車 首日人潮湧現"])
        #expect(tw.articles.first?.authors == ["王小明"])
        let hk = Fixtures.parse("失業率持續回落\n\n【明報專訊】香港特區政府昨日公布最新失業率數字，顯示勞動市場持續改善，失業率有望進一步下降。\n　　發言人指出，零售及餐飲業的就業情況明顯好轉。\n")
        #expect(hk.articles.first?.paragraphs.first?.hasPrefix("香港特區政府") == true)
        #expect(hk.articles.first?.kind == .brief)
    }

    /// Labelled exports in traditional characters (`標題:`) are read after the fold.
    @Test func labelledExportInTraditionalCharacters() {
        let p = Fixtures.parse("標題：臺北捷運新線通車\n作者：記者王小明\n日期：2023-05-10\n正文：台北捷運環狀線北段今天正式通車，首日吸引大批民眾搭乘體驗。捷運公司表示，通車首日運量超過十萬人次，各站秩序良好。\n")
        #expect(p.articles.map(\.title) == ["臺北捷運新線通車"])
        #expect(p.articles.first?.authors == ["王小明"])
        #expect(p.metadata.date == "2023-05-10")
    }
}
