import Testing
@testable import Ingest

@Suite struct HeadlineTests {
    @Test func kickerAboveAClearlyLongerTitle() {
        let g = HeadlineGroup.read(lines: ["嘉黎县麦地卡乡", "利用微型党课平台开展微宣讲"], dashed: nil)
        #expect(g?.title == "利用微型党课平台开展微宣讲")
        #expect(g?.subtitle == "嘉黎县麦地卡乡")
    }

    @Test func subtitleWithoutDashesRunsMuchLonger() {
        let g = HeadlineGroup.read(lines: ["一场探索创新的党建大考", "2016年聊城市直卫生计生系统党组织书记抓党建述职评议侧记"], dashed: nil)
        #expect(g?.title == "一场探索创新的党建大考")
        #expect(g?.subtitle == "2016年聊城市直卫生计生系统党组织书记抓党建述职评议侧记")
    }

    @Test func twoLineHeadlineJoinedByOneSpace() {
        let g = HeadlineGroup.read(lines: ["用心用情用力", "为职工群众办实事"], dashed: nil)
        #expect(g?.title == "用心用情用力 为职工群众办实事")
        #expect(g?.subtitle == nil)
    }

    @Test func dashedSubtitleWinsAndKickerIsKept() {
        let g = HeadlineGroup.read(lines: ["嘉黎县", "利用微型党课平台开展微宣讲"], dashed: "记麦地卡乡党委")
        #expect(g?.title == "利用微型党课平台开展微宣讲")
        #expect(g?.subtitle == "记麦地卡乡党委")
        #expect(g?.kicker == "嘉黎县")
    }

    @Test func titleAndSubtitleOnOneLine() {
        let line = "立足新起点 担当新使命 奋力开创新时代射阳工会工作新局面 ——县总工会负责人就群众关心的相关话题接受提问"
        let split = Shape.splitTitleSubtitle(line)
        #expect(split?.0 == "立足新起点 担当新使命 奋力开创新时代射阳工会工作新局面")
        #expect(split?.1 == "县总工会负责人就群众关心的相关话题接受提问")
        #expect(Shape.splitTitleSubtitle("面对新的要求——以人民为中心,我们必须做得更好。") == nil)
    }

    /// A headline may end in `?` or `!`; the byline under it says it is one. The same line
    /// inside the text stays text.
    @Test func questionHeadlineAboveItsByline() {
        let p = Fixtures.parse("谁来守护孩子们的餐桌？\n\n本报记者 刘洋\n\n　　六一儿童节前夕，记者走访了本市多所中小学校食堂，发现食品安全管理总体规范。\n　　这是为什么？\n　　记者看到，食材出入库台账记录完整。\n")
        #expect(p.articles.map(\.title) == ["谁来守护孩子们的餐桌？"])
        #expect(p.articles.first?.authors == ["刘洋"])
        #expect(p.articles.first?.paragraphs.count == 3)
        #expect(p.articles.first?.paragraphs.first?.hasPrefix("六一") == true)
        #expect(!LineRoles.isExclaimedHeadline("问：这是为什么？"), "an interview question")
        #expect(!LineRoles.isExclaimedHeadline("他说。你来吗？"))
    }

    /// A kicker that introduces the main title, by a colon or a verb of saying, is the
    /// kicker (recorded as the subtitle), whatever the lengths.
    @Test func leadInKickers() {
        #expect(HeadlineGroup.read(lines: ["习近平在某地考察时强调", "坚持稳中求进 推动高质量发展"], dashed: nil)
                == HeadlineGroup(title: "坚持稳中求进 推动高质量发展", subtitle: "习近平在某地考察时强调", kicker: "习近平在某地考察时强调"))
        let p = Fixtures.parse("全国人大代表、某某县县长王建国：\n让更多农民搭上数字快车\n\n本报记者 李明\n\n　　近年来，某某县大力发展数字农业，取得了明显成效。\n")
        #expect(p.articles.count == 1, "the colon line is no article of its own")
        #expect(p.articles.first?.title == "让更多农民搭上数字快车")
        #expect(p.articles.first?.subtitle == "全国人大代表、某某县县长王建国：")
    }

    /// Letter-spaced headlines read as words; a column label above the headline is not one.
    @Test func letterSpacingAndColumnLabels() {
        #expect(HeadlineGroup.read(lines: ["稳 中 求 进"], dashed: nil)?.title == "稳中求进")
        #expect(HeadlineGroup.read(lines: ["坚定信心 奋勇前进"], dashed: nil)?.title == "坚定信心 奋勇前进")
        let p = Fixtures.parse("社　论\n\n坚定信心　奋勇前进\n\n　　新的一年，我们要坚定信心，奋勇前进。会议指出，要坚持稳中求进。\n　　让我们携起手来，共同创造更加美好的明天。\n")
        #expect(p.articles.map(\.title) == ["坚定信心 奋勇前进"])
        #expect(p.articles.first?.paragraphs.count == 2)
    }
}
