import Foundation
import Testing
@testable import Ingest

/// Page → articles on the seed pages' layout accidents, and on variants of them.
@Suite struct PageSplitTests {
    static func page(_ i: Int) -> ParsedPage { Fixtures.parse(Fixtures.seedText(Fixtures.seedNames[i])) }

    @Test func commentaryPageWithBoxedBylinesAndAuthorNotes() {
        let p = Self.page(0)
        #expect(p.articles.map(\.title) == ["用心用情用力 为职工群众办实事", "用党史光辉照亮检察新征程", "从党史中汲取前行力量", "以“融合党建”新理念引领公立医院新发展"])
        #expect(p.articles.allSatisfy { $0.authorNote?.hasPrefix("作者系") == true && $0.kind == .article })
        // the column banner between byline and body is furniture, not text or subtitle
        #expect(p.articles[1].subtitle == nil)
        #expect(p.articles[1].paragraphs.first?.hasPrefix("百年党史是一部马克思") == true)
        #expect(p.furniture.contains("学党史 悟思想 办实事 开新局"))
        #expect(p.furniture.contains("E-mail:zqgg8840@sina.com"))
        // section headings stay inside the body as paragraphs of their own
        #expect(p.articles[3].paragraphs.contains("“1”:坚定一个理念凝聚共识"))
    }

    @Test func headlinePrintedAfterItsBody() {
        let p = Self.page(1)
        let a = p.articles.first { $0.title == "推动机关党的建设始终走在前头" }
        #expect(a?.authors == ["索朗琼珠"])
        #expect(a?.paragraphs.first?.hasPrefix("中共中央印发的") == true)
        #expect(a?.paragraphs.last?.hasSuffix("重点和难点问题。") == true)
        // and the article above it no longer holds that body
        #expect(p.articles[0].paragraphs.last?.hasSuffix("70.6岁。") == true)
        #expect(p.furniture.contains("显担当"))
        #expect(p.furniture.contains("作表率"))
    }

    @Test func photoWithCreditLine() {
        let p = Self.page(1)
        let photo = p.articles.first { $0.kind == .photo }
        #expect(photo?.title == "在拉林四电第一根避雷针架设时,中铁电气化局拉林四电指挥部党员先锋队带头行动")
        #expect(photo?.authors == ["孙文娟"])
        #expect(photo?.paragraphs.count == 2)
    }

    @Test func photoWithCreditAtTheEndOfTheCaption() {
        let photo = Self.page(3).articles.first { $0.kind == .photo }
        #expect(photo?.authors == ["徐海燕"])
        #expect(photo?.paragraphs.last?.hasSuffix("贡献力量。") == true)
        #expect(photo?.title.hasSuffix("贡献力量") == true)
    }

    @Test func interviewWithHeadlineInTheMiddleOfItsBody() {
        let p = Self.page(3)
        let qa = p.articles[0]
        #expect(qa.kind == .qa)
        #expect(qa.title == "立足新起点 担当新使命 奋力开创新时代射阳工会工作新局面")
        #expect(qa.subtitle == "县总工会负责人就群众关心的相关话题接受提问")
        #expect(qa.paragraphs.first?.hasPrefix("工会是工人阶级") == true)
        #expect(qa.paragraphs.contains { $0.contains("全面落实县十五届六次党代工作要求") })
        #expect(!qa.paragraphs.contains { $0.contains("立足新起点") })
        // the hotline box above it is furniture
        for box in ["政风", "热线", "县纪委监委", "热线电话:82367900、69966891", "主办"] { #expect(p.furniture.contains(box)) }
    }

    @Test func datelineBriefs() {
        let briefs = Self.page(3).articles.filter { $0.kind == .brief }
        #expect(briefs.map(\.authors) == [["吴凌"], ["陆伟"], ["王荣", "李文全"], ["陈洪飞"]])
        #expect(briefs.allSatisfy { !$0.paragraphs[0].hasPrefix("本报讯") })
    }

    @Test func kickerAndBareNameBylineOnAPage() {
        let p = Self.page(1)
        let last = p.articles.last
        #expect(last?.title == "利用微型党课平台开展微宣讲")
        #expect(last?.subtitle == "嘉黎县麦地卡乡")
        #expect(p.articles.first { $0.title == "“驻村老兵”建强村组织的故事" }?.subtitle == "记昌都市吉中乡卡琼村第一书记米玛次仁")
        #expect(Self.page(2).articles[0].authors == ["王宇"])
    }

    @Test func elisionLinesStayInTheBody() {
        let a = Self.page(4).articles[0]
        #expect(a.paragraphs.filter { $0 == "……" }.count == 2)
        #expect(a.subtitle == "2016年聊城市直卫生计生系统党组织书记抓党建述职评议侧记")
        #expect(a.authors == ["王长新", "李敏"])
    }

    /// The same pages with full-width punctuation (as many extracts have) read the same.
    @Test func fullWidthPunctuationReadsTheSame() {
        let toFullWidth: [Character: Character] = [",": "\u{FF0C}", ":": "\u{FF1A}", ";": "\u{FF1B}", "(": "\u{FF08}", ")": "\u{FF09}", "?": "\u{FF1F}", "!": "\u{FF01}"]
        for name in Fixtures.seedNames {
            let text = Fixtures.seedText(name)
            let wide = String(text.map { toFullWidth[$0] ?? $0 })
            let a = Fixtures.parse(text), b = Fixtures.parse(wide)
            #expect(a.articles.map(\.title).count == b.articles.map(\.title).count, "\(name)")
            #expect(a.articles.map(\.kind) == b.articles.map(\.kind), "\(name)")
            #expect(a.articles.map(\.authors) == b.articles.map(\.authors), "\(name)")
            #expect(a.articles.map(\.paragraphs.count) == b.articles.map(\.paragraphs.count), "\(name)")
        }
    }

    @Test func indentedParagraphsWithIdeographicSpaces() {
        let text = Fixtures.seedText(Fixtures.seedNames[4]).split(separator: "\n", omittingEmptySubsequences: false)
            .map { $0.isEmpty ? "" : "\u{3000}\u{3000}" + $0 }.joined(separator: "\n")
        #expect(Fixtures.parse(text) == Self.page(4))
    }

    /// Every run of `k` blank lines becomes `respace(k)` blank lines.
    static func respaced(_ text: String, _ respace: (Int) -> Int) -> String {
        var out: [Substring] = [], blank = 0
        for line in text.split(separator: "\n", omittingEmptySubsequences: false) {
            if line.trimmingCharacters(in: .whitespaces).isEmpty { blank += 1; continue }
            if !out.isEmpty { out += Array(repeating: "", count: blank > 0 ? respace(blank) : 0) }
            blank = 0
            out.append(line)
        }
        return out.joined(separator: "\n")
    }

    /// Double-spaced extracts (three blank lines between paragraphs, five or more between
    /// items) and compact ones (none between paragraphs, one or more between items) split
    /// like the originals: "set off" is relative to the page's own paragraph gap.
    @Test func blankLineSpacingIsReadRelativeToThePage() {
        for name in Fixtures.seedNames {
            let text = Fixtures.seedText(name)
            let original = Fixtures.parse(text)
            for (label, variant) in [("double", Self.respaced(text) { 2 * $0 + 1 }), ("compact", Self.respaced(text) { $0 - 1 })] {
                let page = Fixtures.parse(variant)
                #expect(page.articles == original.articles, "\(name) \(label)")
            }
        }
    }

    @Test func setOffExceedsTheCommonestGap() {
        var lines = PageLines.split("a\nb\nc\n\nd\ne\nf")
        #expect(lines.map(\.setOff) == [false, false, false, true, false, false])
        lines = PageLines.split("\n\n\n\na\n\n\nb\n\n\nc\n\n\n\n\nd\n\n\ne")
        #expect(lines.map(\.setOff) == [true, false, false, true, false], "three blank lines are a paragraph gap here")
        #expect(PageLines.split("a\n\nb\n\n\nc").map(\.setOff) == [false, false, true], "on a tie the smaller gap is the paragraph gap")
    }

    /// Without any blank line a photo caption can only be told by its credit and the heading
    /// or slogan line above it.
    @Test func photoOnAPageWithoutBlankLines() {
        let text = Self.respaced(Fixtures.seedText(Fixtures.seedNames[1])) { _ in 0 }
        let photo = Fixtures.parse(text).articles.first { $0.kind == .photo }
        #expect(photo?.authors == ["孙文娟"])
        #expect(photo?.paragraphs.first?.hasPrefix("在拉林四电第一根避雷针架设时") == true)
    }

    @Test func pageOfFurnitureOnlyHasNoArticles() {
        let p = Fixtures.parse("第171期\n\nE-mail:zqgg8840@sina.com\n\n2022年12月08日\n第A11版:健康滁州·公益\n")
        #expect(p.articles.isEmpty)
        #expect(p.metadata.date == "2022-12-08")
    }

    /// A byline above its headline starts the article; one closer to the text above signs
    /// that text. Either way no headline is lost.
    @Test func bylineAboveTheHeadlineOrUnderTheText() {
        let above = Fixtures.parse("作者：李华\n\n春天里的梅花山\n\n　　又是一年梅花开。周末，我和家人来到梅花山赏梅，只见漫山遍野的梅花竞相开放。\n　　游人如织，大家纷纷拿出手机拍照留念。\n")
        #expect(above.articles.map(\.title) == ["春天里的梅花山"])
        #expect(above.articles.first?.authors == ["李华"])
        #expect(above.articles.first?.paragraphs.count == 2)

        let signed = Fixtures.parse("第一篇的标题在这里\n\n　　又是一年梅花开。周末，我和家人来到梅花山赏梅，只见漫山遍野的梅花竞相开放。\n（新华社记者 李华 王强）\n\n\n春天里的梅花山\n\n　　梅花香自苦寒来。看着这满山的梅花，我想起了那些在寒冬中默默坚守的人们。\n（本报记者 张三）\n")
        #expect(signed.articles.map(\.title) == ["第一篇的标题在这里", "春天里的梅花山"])
        #expect(signed.articles.map(\.authors) == [["李华", "王强"], ["张三"]])
        #expect(signed.articles.allSatisfy { $0.paragraphs.count == 1 })
    }

    /// A short line holding a full stop is running text cut by the column edge: never a
    /// headline, and joined with what follows.
    @Test func shortLineWithAFullStopIsText() {
        let p = Fixtures.parse("地铁5号线南段月底试运行\n\n本报记者 王晓红\n\n据介绍，5号线南段全长约14公里，共设车站12座，均为地下站。线路北起\n珠江路站，南至吉印大道站，沿途经过秦淮区、雨花台区和江宁区。\n试运行时间不少于3个月。\n")
        #expect(p.articles.map(\.title) == ["地铁5号线南段月底试运行"])
        #expect(p.articles.first?.paragraphs == ["据介绍，5号线南段全长约14公里，共设车站12座，均为地下站。线路北起珠江路站，南至吉印大道站，沿途经过秦淮区、雨花台区和江宁区。", "试运行时间不少于3个月。"])
        #expect(Shape.hasInnerFullStop("均为地下站.线路北起"), "ASCII punctuation between Han")
        #expect(!Shape.hasInnerFullStop("增长5.5% 创新高"))
        #expect(!Shape.hasInnerFullStop("你好。"))
    }

    /// Agency and file photos are photo items too, their credit kept in the caption as
    /// printed; the same caption inside an article's text stays there.
    @Test func photosWithNamelessCredits() {
        let p = Fixtures.parse("春耕时节农事忙\n\n本报记者 张三\n\n眼下正值春耕时节，各地农民抢抓农时，田间地头一派繁忙景象。\n在某县某村，农民正在操作插秧机插秧。\n\n\n5月8日，游客在北京颐和园游览。（新华社发）\n\n\n图为工人在生产线上作业。\n受访者供图\n")
        #expect(p.articles.map(\.kind) == [.article, .photo, .photo])
        #expect(p.articles[0].paragraphs.count == 2)
        #expect(p.articles[1].paragraphs == ["5月8日，游客在北京颐和园游览。（新华社发）"])
        #expect(p.articles[1].title == "5月8日，游客在北京颐和园游览")
        #expect(p.articles[2].paragraphs == ["图为工人在生产线上作业。"] && p.articles[2].authors.isEmpty)
    }

    /// Jump markers are furniture, and the text on both sides of a jump joins again.
    @Test func continuationMarkersAcrossPages() {
        for m in ["（下转第二版）", "(上接第1版)", "（转A2版）", "详见A3版", "□详见第5版", "接上版", "(紧接第一版)", "下转第十二版"] {
            #expect(JumpMarkers.isMarker(m), "\(m)")
        }
        for m in ["转变作风", "详见附件", "（见图）", "版面设计", "接受采访", "（下转）"] {
            #expect(!JumpMarkers.isMarker(m), "\(m)")
        }
        #expect(JumpMarkers.strip("会议还研究了其他事项。（转A2版）") == "会议还研究了其他事项。")
        #expect(JumpMarkers.strip("（上接第一版）社会消费品零售总额同比增长7.3%。") == "社会消费品零售总额同比增长7.3%。")
        #expect(JumpMarkers.strip("他说（笑）。") == "他说（笑）。")
        // the end mark of a wire story, at the end of the text or on its own line
        #expect(JumpMarkers.strip("会议还研究了其他事项。（完）") == "会议还研究了其他事项。")
        #expect(JumpMarkers.isMarker("（完）") && JumpMarkers.isMarker("—完—"))
        #expect(JumpMarkers.strip("这件事他说（完全同意）") == "这件事他说（完全同意）")
        let p = Fixtures.parse("全市经济运行稳中向好\n\n本报记者 张三\n\n从产业看，工业生产加快恢复，服务业持续回暖，\n（下转第二版）\n\n（上接第一版）\n社会消费品零售总额同比增长7.3%。\n\n详见A3版\n")
        #expect(p.articles.count == 1)
        #expect(p.articles.first?.paragraphs == ["从产业看，工业生产加快恢复，服务业持续回暖，社会消费品零售总额同比增长7.3%。"])
    }

    /// Interviews told in named turns or Q/A are `qa`; a report that quotes two people is not.
    @Test func interviewsInNamedOrLetteredTurns() {
        let named = ["近年来，某某县大力发展数字农业。", "记者：数字农业给县里带来了哪些变化？", "王建国：最大的变化是农民的收入增加了。",
                     "记者：下一步有什么打算？", "王建国：我们将继续完善农村网络基础设施。", "记者：您有什么寄语？", "王建国：希望更多年轻人回到家乡。"]
        #expect(ArticleKinds.classify(paragraphs: named, hasDateline: false) == .qa)
        let lettered = ["Q：为什么选择回乡？", "A：家乡需要人。", "Q：遇到过什么困难？", "A：资金。"]
        #expect(ArticleKinds.classify(paragraphs: lettered, hasDateline: false) == .qa)
        let quoted = ["会议指出：要坚持稳中求进。", "会议强调：要压实责任。", "他说，今年的目标是什么？大家都很关心。", "专家表示：前景良好。", "据介绍：项目已完工。"]
        #expect(ArticleKinds.classify(paragraphs: quoted, hasDateline: false) == .article)
        #expect(Shape.speakerLabel("王建国：我们将继续努力。") == "王建国")
        #expect(Shape.speakerLabel("他说，我们：") == nil)
    }

    /// A short caption whose credit is set apart by spaces, and a numbered photo group under
    /// one credit.
    @Test func spacedCreditsAndPhotoGroups() {
        let p = Fixtures.parse("某某县召开乡村振兴推进会\n\n本报记者 张三\n\n　　昨天，某某县召开乡村振兴推进会，部署下一阶段工作。\n\n\n图①：村民在合作社分拣蔬菜。\n图②：游客在民宿前合影留念。\n本报记者 李四 摄\n\n\n　　上图为村民在文化广场上跳舞。　　　　王五 摄\n")
        #expect(p.articles.map(\.kind) == [.article, .photo, .photo])
        #expect(p.articles[1].paragraphs.count == 2 && p.articles[1].authors == ["李四"])
        #expect(p.articles[2].paragraphs == ["上图为村民在文化广场上跳舞。"] && p.articles[2].authors == ["王五"])
    }

    /// Database exports with labelled fields read like the printed page they came from.
    @Test func labelledFieldExports() {
        let p = Fixtures.parse("""
        标题：某某市召开经济工作会议
        副标题：部署今年重点任务
        作者：本报记者 张三
        日期：2023-05-10
        版次：A01
        正文：
        　　昨天，某某市召开经济工作会议，总结去年工作，部署今年任务。会议指出，要坚持稳中求进。
        　　会议要求，各级各部门要狠抓落实，确保各项任务完成。

        【标题】市图书馆开展读书月活动
        【作者】本报记者 李四
        【正文】4月23日，市图书馆启动读书月活动，推出系列阅读推广活动。
        """)
        #expect(p.articles.map(\.title) == ["某某市召开经济工作会议", "市图书馆开展读书月活动"])
        #expect(p.articles.map(\.subtitle) == ["部署今年重点任务", nil])
        #expect(p.articles.map(\.authors) == [["张三"], ["李四"]])
        #expect(p.articles.map(\.paragraphs.count) == [2, 1])
        #expect(p.metadata.date == "2023-05-10" && p.metadata.edition == "A01")
        #expect(LabelledFields.rewritten("标题党的危害。正文写得很好。作者：张三") == nil, "labels inside prose are not fields")
    }

    /// Photo news: a heading, a one-paragraph caption and a credit make a photo with its own
    /// title; a credit under a bylined article's text leaves the article whole.
    @Test func photoNewsWithItsOwnHeadline() {
        let p = Fixtures.parse("图片新闻\n\n金秋时节稻谷飘香\n　　9月22日，某某镇的农民在田间收割水稻。今年全镇水稻种植面积达2万亩。\n本报记者 赵六 摄\n")
        #expect(p.articles.map(\.kind) == [.photo])
        #expect(p.articles.first?.title == "金秋时节稻谷飘香" && p.articles.first?.authors == ["赵六"])
        let article = Fixtures.parse("某某镇举办农民丰收节\n\n本报记者 王五\n\n　　9月23日，某某镇举办农民丰收节，展示特色农产品。\n　　活动吸引了大批市民前来参观。\n　　丰收节将持续三天。\n本报记者 赵六 摄\n")
        #expect(article.articles.map(\.kind) == [.article])
        #expect(article.articles.first?.paragraphs.count == 3 && article.articles.first?.authors == ["王五"])
        let dated = Fixtures.parse("某某镇举办农民丰收节\n\n　　本报讯（记者 王五）9月23日，某某镇举办农民丰收节，展示特色农产品。\n　　丰收节将持续三天。\n本报记者 赵六 摄\n")
        #expect(dated.articles.map(\.kind) == [.brief])
    }

    /// A poem on a literary page: its short lines are its text, not headlines.
    @Test func verseUnderABylineIsText() {
        let p = Fixtures.parse("春天的诗\n\n□张三\n\n春风吹过田野\n花儿静静开放\n我站在山岗上\n望着远方的你\n\n\n秋夜\n\n□李四\n\n月光洒满窗台，\n思念悄悄生长。\n")
        #expect(p.articles.map(\.title) == ["春天的诗", "秋夜"])
        #expect(p.articles.first?.paragraphs == ["春风吹过田野", "花儿静静开放", "我站在山岗上", "望着远方的你"])
        #expect(p.articles.map(\.authors) == [["张三"], ["李四"]])
    }

    /// Production and source credits, bare or bracketed, are page furniture.
    @Test func editorAndSourceCreditsInAnyBrackets() {
        for line in ["责任编辑：张三", "（责编：王五、赵六）", "(编辑 李四)", "【责任编辑：王五】", "来源：新华社", "校对/赵六"] {
            #expect(Furniture.isEditorCredit(Fixtures.line(line)), "\(line)")
        }
        for line in ["编辑部的故事", "（来源于群众的智慧，又回到群众中去，这是工作方法。）"] {
            #expect(!Furniture.isEditorCredit(Fixtures.line(line)), "\(line)")
        }
    }

    /// Lines without a word in them are furniture however long, and text of punctuation
    /// only is no article.
    @Test func punctuationIsNeverAnArticle() {
        #expect(Furniture.classify(Fixtures.line(String(repeating: "—", count: 200))) == .separator)
        #expect(Fixtures.parse(String(repeating: "（（【《：——……", count: 50) + "\n").articles.isEmpty)
        // a trailer-looking end on a line of text is not a trailer
        let long = String(repeating: "全市经济运行稳中向好，", count: 120) + "/enpproperty-->"
        #expect(!FounderTrailer.isTrailer(Fixtures.line(long)))
    }

    /// Mangled pages (bytes flipped, cut anywhere, lines shuffled) give records or a typed
    /// failure, never a trap.
    @Test func mangledPagesNeverTrap() {
        var rng = SplitMix64(seed: 2026)  // fixed, so a failure can be replayed
        for name in Fixtures.seedNames {
            let bytes = Fixtures.seedBytes(name)
            for _ in 0..<20 {
                var b = bytes
                switch Int.random(in: 0..<3, using: &rng) {
                case 0: for _ in 0..<8 { b[Int.random(in: 0..<b.count, using: &rng)] = UInt8.random(in: 0...255, using: &rng) }
                case 1: b = Array(b[Int.random(in: 0..<b.count, using: &rng)...])
                default:
                    var lines = String(decoding: b, as: UTF8.self).split(separator: "\n", omittingEmptySubsequences: false)
                    lines.shuffle(using: &rng)
                    b = Array(lines.joined(separator: "\n").utf8)
                }
                do {
                    let r = try Fixtures.ingestor.ingest(b, path: "x.txt", ingestedAt: 0)
                    #expect(!r.records.isEmpty)
                } catch {
                    #expect(!error.detail.isEmpty)
                }
            }
        }
    }

    @Test func textWithoutAnyHeadlineIsTitledByItsFirstSentence() {
        let p = Fixtures.parse("被评定为“后进”。按照评定文件,卡琼村存在的问题是班子履职能力差。\n\n米玛次仁说,任务艰巨、使命光荣。\n")
        #expect(p.articles.count == 1)
        #expect(p.articles[0].title == "被评定为“后进”")
    }
}

/// A small seeded generator (SplitMix64) for reproducible mangling.
struct SplitMix64: RandomNumberGenerator {
    var state: UInt64
    init(seed: UInt64) { state = seed }
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}
