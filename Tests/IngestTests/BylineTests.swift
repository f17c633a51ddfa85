import Testing
@testable import Ingest

@Suite struct BylineTests {
    @Test func boxedBylines() {
        #expect(Bylines.byline(Fixtures.line("□葛志娟")) == ["葛志娟"])
        #expect(Bylines.byline(Fixtures.line("□王长新 李敏")) == ["王长新", "李敏"])
        #expect(Bylines.byline(Fixtures.line("□恽爱民")) == ["恽爱民"])
    }

    @Test func reporterBylines() {
        #expect(Bylines.byline(Fixtures.line("本报记者 索朗琼珠")) == ["索朗琼珠"])
        #expect(Bylines.byline(Fixtures.line("本报记者 王菲")) == ["王菲"])
        #expect(Bylines.byline(Fixtures.line("记者 张三 通讯员 李四 王五")) == ["张三", "李四", "王五"])
        #expect(Bylines.byline(Fixtures.line("文/图 陈晨")) == ["陈晨"])
        #expect(Bylines.byline(Fixtures.line("本报记者 王菲 报道")) == ["王菲"])
        // a sentence that starts like a byline is not one
        #expect(Bylines.byline(Fixtures.line("记者从市卫健委获悉,今年全市新建社区卫生服务站12个。")) == nil)
    }

    // h13: a magazine's reporter; the role alone does not make a byline of a sentence
    @Test func reporterOfAnOutletNotListed() {
        #expect(Bylines.byline(Fixtures.line("半月谈记者 史卫燕")) == ["史卫燕"])
        #expect(Bylines.byline(Fixtures.line("我们都是记者 大家好")) == nil)
        // h08: a news site is a source line's outlet, not the page's paper
        #expect(CrawlAnnotations.sourceLine("来源: 长江网")?.paper == nil)
        #expect(CrawlAnnotations.sourceLine("来源: 长江网") != nil)
    }

    // c07: an institution signs (`陆军党委`): no person's name, though 陆 is a family name
    @Test func institutionsAreNoPersons() {
        #expect(!Surnames.isPersonName("陆军党委"))
        #expect(!Surnames.isPersonName("市政府"))
        #expect(Surnames.isPersonName("陆小军"))
    }

    @Test func bareNameLines() {
        #expect(Bylines.bareNames(Fixtures.line("王宇")) == ["王宇"])
        #expect(Bylines.bareNames(Fixtures.line("索朗琼珠")) == ["索朗琼珠"])
        #expect(Bylines.bareNames(Fixtures.line("欧阳明 李敏")) == ["欧阳明", "李敏"])
        // slogans of the same length are not names
        #expect(Bylines.bareNames(Fixtures.line("显担当")) == nil)
        #expect(Bylines.bareNames(Fixtures.line("作表率")) == nil)
        #expect(Bylines.bareNames(Fixtures.line("嘉黎县麦地卡乡")) == nil)
    }

    @Test func datelines() throws {
        let a = try #require(Bylines.dateline("本报讯(通讯员 吴凌)为进一步推动二级综合医院创建"))
        #expect(a.names == ["吴凌"])
        let b = try #require(Bylines.dateline("本报拉萨讯(记者 孙文娟 通讯员 刘团飞)自新冠肺炎疫情发生以来"))
        #expect(b.names == ["孙文娟", "刘团飞"])
        let text = "本报讯(通讯员 王荣 李文全)年初以来,黄沙港镇卫生院护理工作"
        let c = try #require(Bylines.dateline(text))
        #expect(c.names == ["王荣", "李文全"])
        #expect(text[c.bodyStart...].hasPrefix("年初以来"))
        let d = try #require(Bylines.dateline("新华社北京5月3日电(记者 张三)国务院新闻办公室3日发布"))
        #expect(d.names == ["张三"])
        let full = try #require(Bylines.dateline("本报讯\u{FF08}通讯员 陆伟\u{FF09}为响应国家号召"))
        #expect(full.names == ["陆伟"])
        #expect(Bylines.dateline("本报记者近日从市电力公司获悉,今年以来全市用电量增长。") == nil)
    }

    /// Datelines whose credit is not bracketed: the role word and the names after it, up to
    /// the first token that is not a name.
    @Test func datelinesWithoutBrackets() throws {
        let text = "新华社北京12月8日电 记者张三 李四 国务院新闻办公室8日发布"
        let a = try #require(Bylines.dateline(text))
        #expect(a.names == ["张三", "李四"])
        #expect(text[a.bodyStart...].hasPrefix("国务院新闻办公室"))
        let b = try #require(Bylines.dateline("本报讯 记者 王菲 通讯员 李四 近日,昌都市召开会议。"))
        #expect(b.names == ["王菲", "李四"])
        let c = try #require(Bylines.dateline("本报讯 近日,昌都市召开会议。"))
        #expect(c.names.isEmpty)
    }

    @Test func otherBylineForms() {
        #expect(Bylines.byline(Fixtures.line("张三 文/图")) == ["张三"], "names before the closing word")
        #expect(Bylines.byline(Fixtures.line("王长新 李敏 报道")) == ["王长新", "李敏"])
        #expect(Bylines.byline(Fixtures.line("■本报记者 张三")) == ["张三"], "a filled mark before a role word")
        #expect(Bylines.byline(Fixtures.line("■导读")) == nil, "a filled mark before a label is furniture")
        #expect(Bylines.byline(Fixtures.line("●链接")) == nil)
        #expect(Bylines.byline(Fixtures.line("撰文/张三 摄影/李四")) == ["张三", "李四"])
        #expect(Bylines.byline(Fixtures.line("特约撰稿 王五")) == ["王五"])
        #expect(Bylines.byline(Fixtures.line("本报评论员")) == [], "an editorial's signature names nobody")
        #expect(Bylines.byline(Fixtures.line("□本报评论员")) == [])
        #expect(Bylines.byline(Fixtures.line("深入推进 报道")) == nil, "words before a closing word must be names")
    }

    /// An outlet's name fused to the role word (`扬子晚报记者`), and signatures in brackets at
    /// the end of the text.
    @Test func outletRolesAndBracketedSignatures() {
        #expect(Bylines.byline(Fixtures.line("文/扬子晚报记者 王晓红 图/通讯员 陈明")) == ["王晓红", "陈明"])
        #expect(Bylines.byline(Fixtures.line("新京报记者 李明 实习生 张晓")) == ["李明", "张晓"])
        #expect(Bylines.byline(Fixtures.line("县融媒体中心记者 王芳")) == ["王芳"])
        #expect(Bylines.byline(Fixtures.line("（记者 张三）")) == ["张三"])
        #expect(Bylines.byline(Fixtures.line("(新华社记者 李华 王强)")) == ["李华", "王强"])
        // a fused role needs an outlet's name; brackets need a role inside
        #expect(Bylines.byline(Fixtures.line("我们都是记者 真好")) == nil)
        #expect(Bylines.byline(Fixtures.line("（张三 李四）")) == nil)
        #expect(Bylines.byline(Fixtures.line("(资料图片)")) == nil)
    }

    /// Taiwan's `記者王小明／台北報導` and Hong Kong's `【明報專訊】` openers (read through the
    /// simplified fold, as the parser sees them).
    @Test func taiwanAndHongKongForms() throws {
        #expect(Bylines.byline(Fixtures.line("记者王小明／台北报导")) == ["王小明"])
        #expect(Bylines.byline(Fixtures.line("（记者李大同/高雄报导）")) == ["李大同"])
        #expect(Bylines.byline(Fixtures.line("记者 王小明 报导")) == ["王小明"])
        let hk = try #require(Bylines.dateline("【明报专讯】香港特区政府昨日公布最新失业率数字。"))
        #expect(hk.names.isEmpty)
        #expect("【明报专讯】香港特区政府昨日公布最新失业率数字。"[hk.bodyStart...].hasPrefix("香港"))
        #expect(Bylines.dateline("【本报讯】记者昨日获悉。") != nil)
        #expect(Bylines.dateline("【链接】这是一个资料框。") == nil)
        #expect(Bylines.dateline("【重要通讯】请注意。") == nil)
    }

    /// Two-character names spaced out to line up with three-character ones.
    @Test func spacedTwoCharacterNames() {
        #expect(Bylines.byline(Fixtures.line("本报记者 王 芳 李小明")) == ["王芳", "李小明"])
        #expect(Bylines.bareNames(Fixtures.line("王 芳")) == ["王芳"])
        #expect(Bylines.joinSpacedNames("学 党 史 悟 思 想") == "学 党 史 悟 思 想", "a letter-spaced phrase stays")
    }

    @Test func creditsThatNameNoPhotographer() {
        for t in ["新华社发", "（新华社发）", "资料图片", "(本报资料图片)", "受访者供图", "图片来源：视觉中国", "中新社发"] {
            #expect(Bylines.isNamelessCredit(t), "\(t)")
            #expect(Bylines.credit(Fixtures.line(t)) == [], "\(t)")
        }
        for t in ["出发", "我们出发", "资料", "(记者 张三)", "他们都出发了"] {
            #expect(!Bylines.isNamelessCredit(t), "\(t)")
        }
        #expect(Bylines.endsInNamelessCredit(Fixtures.line("5月8日，游客在北京颐和园游览。（新华社发）")))
        #expect(!Bylines.endsInNamelessCredit(Fixtures.line("5月8日，游客在北京颐和园游览。他们说，要出发")))
    }

    @Test func photoCredits() throws {
        #expect(Bylines.credit(Fixtures.line("本报记者 孙文娟 摄")) == ["孙文娟"])
        #expect(Bylines.credit(Fixtures.line("徐海燕 摄")) == ["徐海燕"])
        #expect(Bylines.credit(Fixtures.line("摄影 张三")) == ["张三"])
        let t = try #require(Bylines.trailingCredit(Fixtures.line("5月12日,藕耕卫生院举办了庆祝活动,为护理事业高质量发展贡献力量。徐海燕 摄")))
        #expect(t.names == ["徐海燕"])
        #expect(t.caption.hasSuffix("贡献力量。"))
        #expect(Bylines.trailingCredit(Fixtures.line("他说,这是他第一次拿起相机拍摄")) == nil)
    }

    @Test func authorNotes() {
        #expect(Bylines.authorNote(Fixtures.line("(作者系南通市总工会党组书记、副主席)")) == "作者系南通市总工会党组书记、副主席")
        #expect(Bylines.authorNote(Fixtures.line("\u{FF08}作者单位:南通大学\u{FF09}")) == "作者单位:南通大学")
        #expect(Bylines.authorNote(Fixtures.line("(资料图片)")) == nil)
        #expect(Bylines.authorNote(Fixtures.line("（本文作者系某某大学教授）")) == "本文作者系某某大学教授")
        #expect(Bylines.authorNote(Fixtures.line("作者系某某大学马克思主义学院教授。")) == "作者系某某大学马克思主义学院教授", "unbracketed")
        #expect(Bylines.authorNote(Fixtures.line("作者为此走访了十多个村。大家都很支持。")) == nil, "a sentence of the text")
    }
}
