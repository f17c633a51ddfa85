import Testing
@testable import Ingest

@Suite struct ColumnBreakTests {
    static func continues(_ a: String, _ b: String) -> Bool {
        ColumnBreaks.continues(a, b, spansWord: Fixtures.lexicon.spansWord)
    }

    @Test func longFragmentCutMidWordIsJoined() {
        #expect(Self.continues(
            "答:近年来,我们始终学习贯彻习近平新时代中国特色社会主义思想作为首要政治任务,建成“职工书屋”等职工阅读驿站,县总工",
            "会获评全省全民阅读活动“优秀组织奖”,县公路管理站获评省级书香企业。"))
    }

    @Test func fragmentEndingOnACommaIsJoined() {
        #expect(Self.continues("那段时间,如何在最短时间内,用最有效的办法促使村“两委”班子履行好职责,成了米玛次仁的心头大事。经过反复琢磨后,",
                               "米玛次仁有了思路:“首先得和他们谈心谈话,掌握他们内心的想法。”"))
    }

    @Test func shortFragmentNeedsEvidence() {
        // 28 characters, cut one character into a new clause
        #expect(Self.continues("市直卫生计生系统党组织书记述职评议会议既是“剖析会”,也", "是“擂台赛”,更是一场场特殊的考试。"))
        // a heading of the same length ends on a whole phrase
        #expect(!Self.continues("坚持以人民为中心的发展思想,推动卫生健康事业高质量发展", "近年来,全市卫生健康系统坚持党建引领,各项工作取得明显成效。"))
    }

    @Test func headingsAndFinishedSentencesAreNotJoined() {
        let next = "近年来,自治区卫生健康委始终把加强自身建设作为机关党建的基础性工作来抓。"
        #expect(!Self.continues("以支部建设为抓手,不断夯实组织建设基础", next))
        #expect(!Self.continues("精心组织 安排专人抓落实", next))
        #expect(!Self.continues("“1”:坚定一个理念凝聚共识", next))
        #expect(!Self.continues("指点迷津,“考官”点评 一针见血,切中要害, 开出“药方”", next))
        #expect(!Self.continues("这是一场特殊的赶考,是一次全面深入的盘点。", next))
        #expect(!Self.continues("在此基础上,重点做好五个方面:", "(一)坚持旗帜鲜明讲政治,时刻保持政治工作正确的政治方向。"))
        #expect(!Self.continues("……", next))
    }

    @Test func questionAndDatelineStartNewParagraphs() {
        let left = "2020年,面对突如其来的新冠肺炎疫情和严峻复杂的宏观形势,全县工会组织在县委、县政府和上级工会的正确领导下"
        #expect(!Self.continues(left, "问:政治性是群团组织的第一属性,工会如何通过认真履职尽责,引导职工听党话、跟党走?"))
        #expect(!Self.continues(left, "本报讯(通讯员 吴凌)为进一步推动二级综合医院创建,全面提升医疗质量。"))
    }

    @Test func rejoinChainsAcrossSeveralBreaks() {
        let out = ColumnBreaks.rejoin([
            "各县(市区)卫计局、计生协相关领导也分别到各县(市区)所属乡(镇街)对计划生育困难家庭进行走访慰问,进一步激发了他们自觉实行计划生育的积",
            "极性。此次活动给计划生育家庭送去了党的关怀和温暖。",
            "广泛宣传 增强活动影响力",
            "广造舆论,扩大影响,凝聚力量。",
        ], spansWord: Fixtures.lexicon.spansWord)
        #expect(out.count == 3)
        #expect(out[0].hasSuffix("送去了党的关怀和温暖。"))
    }

    @Test func lexiconSeesWordsAcrossTheBreak() {
        #expect(Fixtures.lexicon.spansWord("察民情、听民", "意、解民忧"))
        #expect(Fixtures.lexicon.spansWord("先进模", "范,用生命"))
        #expect(!Fixtures.lexicon.spansWord("高质量发展", "近年来"))
    }
}
