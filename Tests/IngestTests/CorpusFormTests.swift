import Testing
@testable import Ingest

/// Page forms of other papers and exports, each on lines quoted from a real page of
/// `../shared/corpus` (the file is named beside each test).
@Suite struct CorpusFormTests {
    static func parse(_ lines: [String]) -> ParsedPage { Fixtures.parse(lines.joined(separator: "\n")) }

    // b07: a crawl writes a word count and a citation under the headline and onto the byline
    @Test func crawlNotesAreFurnitureAndTheirFieldsThePages() {
        let p = Self.parse([
            "01版：国内大局", "",
            "以正确政绩观引领全面振兴取得新突破",
            "辽宁省委书记 许昆林 字数: 6184字",
            "《 学习时报 》（ 2026年06月08日  第 01 版 ）",
            "政绩观问题是一个根本性问题，关乎立党为公、执政为民。",
        ])
        #expect(p.articles.count == 1)
        #expect(p.articles[0].title == "以正确政绩观引领全面振兴取得新突破")
        #expect(p.articles[0].authors == ["许昆林"])
        #expect(p.articles[0].paragraphs == ["政绩观问题是一个根本性问题，关乎立党为公、执政为民。"])
        #expect(p.metadata.paper == "学习时报" && p.metadata.date == "2026-06-08" && p.metadata.edition == "01")
    }

    // f11, b05: a brief is the paper's own short news; an agency's item is one only in the agency's paper
    @Test func agencyItemIsABriefOnlyInTheAgencysPaper() {
        let own = Self.parse([
            "军区文工团  演出“两种作风”  生动真实深受欢迎", "",
            "【本市消息】军区文艺工作团集体创作之“两种作风”，在各部队演出，深受干部战士欢迎。",
        ])
        #expect(own.articles.map(\.kind) == [.brief])
        let wire = Self.parse([
            "晋绥各部队紧张生产  野战兵团在绥蒙区垦荒", "",
            "【新华社兴县八日电】晋绥各地部队，正紧张生产，野战兵团在绥蒙区大量垦荒。卓资山驻军，已开荒四千亩。",
        ])
        #expect(wire.articles.map(\.kind) == [.article])
        let agencysPaper = Self.parse([
            "民调机构：德国选择党支持率创新高",
            "（ 2026-04-28 ） 稿件来源：新华每日电讯 国际", "",
            "新华社柏林4月26日电德国INSA舆情研究所26日公布的最新民调结果显示，德国选择党支持率创新高。",
        ])
        #expect(agencysPaper.metadata.paper == "新华每日电讯")
        #expect(agencysPaper.articles.map(\.kind) == [.brief])
        #expect(Bylines.wireAgency("据新华社北京4月29日电(惠晓霜)英国") == "新华社")
        #expect(Bylines.wireAgency("本报北京5月13日电(记者魏哲哲)") == nil)
    }

    // c01: a front-page teaser column (导读): headline, one paragraph, a pointer to the page
    @Test func teaserColumnGivesOneBriefPerTeaser() {
        let p = Self.parse([
            "001版　头版", "",
            "　　一场摇滚乐夺命175条",
            "　　阿根廷一家夜总会去年12月30日晚举行摇滚音乐会时发生火灾，造成至少175人死亡，619人受伤。",
            "　　——详见7版世界新闻",
            "　　未来相貌现在就知道",
            "　　想知道若干年后的自己是什么模样吗？西安交通大学研制成功的“人脸图像智能处理系统”可根据现在的照片预测若干年后衰老或者若干年前年轻时的人脸图像。",
            "　　——详见5版中国新闻",
            "　　海啸遇难者上升至12.5万",
            "　　截至昨天上午10时，印度尼西亚苏门答腊岛附近海域发生的海啸，遇难者总数已上升至125282人。",
            "　　——详见6版世界新闻",
            "　　元旦期间天气早知道",
            "　　元旦期间天气具体预测如下：1月1日晴到多云，有薄冰，-1—10℃；1月2日晴转多云0—12℃；1月3日多云3—13℃；1月4日多云转阴有时有小雨5—9℃。",
            "　　——详见8版实用·气象",
        ])
        #expect(p.articles.map(\.title) == ["一场摇滚乐夺命175条", "未来相貌现在就知道", "海啸遇难者上升至12.5万", "元旦期间天气早知道"])
        #expect(p.articles.allSatisfy { $0.kind == .brief && $0.paragraphs.count == 2 })
        #expect(p.articles.last?.paragraphs.last == "——详见8版实用·气象", "the pointer is the teaser's last line")
        #expect(JumpMarkers.endsWithTeaserPointer("他说，要聚精会神搞建设，一心一意谋发展　详见2版"))
        #expect(!JumpMarkers.endsWithTeaserPointer("他说，这一点可以见到。"))
    }

    // c01: a headline that asks, set off above, over its deck and a dateline
    @Test func askingHeadlineOverDeckAndDateline() {
        let p = Self.parse([
            "2005.01.01　第01264期", "",
            "公车贴上标志变“乖”了吗？",
            "　检查人员发现，部分公车仍在违规使用",
            "　　本报讯　公车贴上公车标志变“乖”了吗，市纪委组织人员昨天兵分三路，设点检查公车私用。在检查中发现，一些公车并未张贴“身份标签”。",
        ])
        #expect(p.metadata.date == "2005-01-01" && p.metadata.issue == "01264")
        #expect(p.articles.count == 1)
        #expect(p.articles.first?.title == "公车贴上标志变“乖”了吗？")
        #expect(p.articles.first?.subtitle == "检查人员发现，部分公车仍在违规使用")
    }

    // f02: an archive record's fields (headline, author, date, edition, column) before the
    // printed headline: the author field is the author, whatever name it holds
    @Test func archiveAuthorFieldAboveTheEchoedHeadline() {
        let p = Self.parse([
            "希特勒式的“神经病”", "荒煤", "1946-05-15", "第4版()", "专栏：", "",
            "　　希特勒式的“神经病”",
            "    我记得，第二次欧战爆发之初，希特勒每天总要在广播里叫嚣一阵。",
            "    这希特勒残酷的屠杀，曾使得号称文明的欧洲变成了人间地狱。",
        ])
        #expect(p.articles.count == 1)
        #expect(p.articles.first?.title == "希特勒式的“神经病”")
        #expect(p.articles.first?.authors == ["荒煤"])
        #expect(p.metadata.date == "1946-05-15" && p.metadata.edition == "4")
    }

    // d01 (1920): a headline over a pen name in brackets, set over two lines, and text
    // wrapped in a column of 15–16 characters whose lines differ by a character
    @Test func penNameUnderHeadlineAndNarrowColumnText() {
        let p = Self.parse([
            "我的梅蘭芳觀",
            "",
            "（馬二",
            "先生）",
            "",
            "梅蘭芳又來了、一般的戲迷、都歡喜",
            "的了不得、但是也有少數冷眼旁觀",
            "的人、抱一種不滿意的態度、我也今",
            "且平心靜氣的、把我個人對於梅蘭",
            "芳的意見寫出來、和大家硏究硏究、",
            "梅蘭芳的戲、完全是偏於美感的、不",
            "能在主義上去觀察和評論、因爲他",
            "純粹是中國舊戲出身、况且半生混",
            "在中國舊戲班中、又如何能拿現世",
            "界的新眼光去責備他呢、",
            "",
            "他的舊戲以唱論、固不能與陳德霖",
            "並論、但現時的靑衣或花衫、却又誰",
            "能及得他呢、不但唱是如此、卽以演",
            "戲姿態論、亦是其他伶人所不及的、",
            "若以貌論、則人的眼光原不能一致、",
            "然就事實上說、則一般看客、以梅蘭",
            "芳爲絕美的、必佔大多數、再從比較",
            "上說、其他伶人、又誰能此蘭芳更美",
            "、此是指上妝後說）",
            "",
            "有此種種原因、所以他纔能在現時",
            "伶界享盛名、厚俸、博大多數看客的",
            "歡迎、",
            "",
            "至於那些從黨派上立論、或是硬要",
            "把他和其餘不同類的伶人（如譚鑫",
            "培楊小樓之頗）比較立論、這是可以",
            "不必、各人有各人的本行、各人有各",
            "人的好處、各人有各人的遭際、時代",
            "不同、行當不同、如何能比較呢、所",
            "以我說可以不必、",
            "",
        ])
        #expect(p.articles.count == 1)
        #expect(p.articles.first?.title == "我的梅蘭芳觀")
        #expect(p.articles.first?.authors == ["馬二先生"])
        // the wrapped lines are joined (a clause mark ends every line of this paper, so
        // paragraphs may join too: the column-break rule cannot tell them apart)
        #expect(p.articles.first?.paragraphs.first?.contains("又如何能拿現世界的新眼光去責備他呢、") == true)
        #expect(p.articles.first?.paragraphs.last?.hasSuffix("所以我說可以不必、") == true)
        // a name-like headline (平等) is a headline when a pen name signs under it
        let q = Self.parse(["平等", "", "（丹翁）", "", "中國向來編詩集子的、和尙道士雖做得極好的詩、都放在後頭、加他一個特別的符號。"])
        #expect(q.articles.first?.title == "平等" && q.articles.first?.authors == ["丹翁"])
        // series marks are no pen names
        #expect(Bylines.penName([Fixtures.line("（上）")], at: 0) == nil)
        #expect(Bylines.penName([Fixtures.line("（續完）")], at: 0) == nil)
    }

    // d01: a caption between marks pointing at the picture is a photo item of its own
    @Test func pointedCaptionIsAPhoto() {
        let p = Self.parse([
            "有些黃包車夫、學着甯廣的風氣、喊人『老板、』一日在下在馬路上、看見一位遺老步行、自已喚車。", "",
            "◀梅蘭芳化妝小影▶", "",
            "老板、』也算名副其實、那能禁人家不叫老板、走出來文縐縐時、又那能禁人不叫先生。",
        ])
        let photo = p.articles.first { $0.kind == .photo }
        #expect(photo?.title == "梅蘭芳化妝小影")
        #expect(photo?.paragraphs == ["◀梅蘭芳化妝小影▶"])
    }

    // e05: a picture's source credit in brackets and a desk code close a story; the
    // short line after them heads the next one, though every gap on the page is the same
    @Test func pictureCreditAndDeskCodeCloseAStory() {
        let p = Self.parse([
            "卑詩內陸甘碌市一小學遭祝融焚毀",
            "",
            "卑詩內陸甘碌市Parkcrest小學於9月5日星期四下午5時左右發生大火,沒有人受傷,但整幢小學完全焚毀。",
            "",
            "由於火勢猛烈,小學冒出大量濃煙,附近區域也受影響。",
            "",
            "甘碌市政府發出的聲明表示,消防員已迅速應付小學的火災,並運用所有可使用的資源灌救,包括空中救火設備、四部救火車和一部拯救車等,不過,消防的灌救工作仍面對一定挑戰,暫時未知小學起火原因。",
            "",
            "當局已通知所有學生周五至下星期留在家中,待市政府尋找其他學校,讓學生上課。",
            "",
            "當地一間藝術畫廊可在學校關閉期間,為20名不論班級的學童免費提供全日學習營活動,但家長在下星期仍需為孩子的學習自行作出安排。",
            "",
            "(CTV圖片)",
            "",
            "V06",
            "",
            "警方發圖尋找撞人後逃離現場車輛",
            "",
            "多倫多警隊發出一張從保安攝錄機拍下的圖片,呼籲公眾協助尋找一輛撞傷人後逃離現場的一輛小型房車。",
            "",
            "警方表示,撞傷人後逃離現場的事件,發生於上周五(8月30日)晚上大約10時30分,介乎Abbotsfield Gate與Palmdale Drive之間的Sheppard大道東。",
            "",
        ])
        #expect(p.articles.map(\.title) == ["卑詩內陸甘碌市一小學遭祝融焚毀", "警方發圖尋找撞人後逃離現場車輛"])
        #expect(p.articles.first?.paragraphs.last?.hasPrefix("當地一間藝術畫廊") == true)
        #expect(p.furniture.contains("V06"))
        #expect(Bylines.isNamelessCredit("(圖片:多倫多警隊) T02".replacingOccurrences(of: "圖", with: "图")))
    }

    // e06: a letters column, each letter closed by a dashed signature (place ‧ name), no
    // headlines: one untitled item per letter, titled by its first sentence without its mark
    @Test func lettersClosedByDashedSignatures() {
        let p = Self.parse([
            "尊敬的《人間福報》的老師,您好。我叫成苜暘,在香港沙田培僑書院讀小三。我的媽媽經常帶回來《人間福報》給我看,我很喜歡裡面小朋友寫的文章。台灣的小朋友很厲害啊,寫的文章很漂亮。",
            "今天我也寄上我寫的兩篇作文。希望有一天也在《人間福報》看到我的文章呢!謝謝!",
            "─香港‧成苜暘",
            "仔細思索古人所說的「文以載道」,並不是八股的唱高調,反而是我們所生活的世界中最缺乏的基本需求,因為文字是用來承載道理的道義的,人與人之間得講道理道義才有「尊重」可言。",
            "現代人已經愈來愈不看書,能好好看著文字的機會,大概就是報紙和電視,但當這兩種媒體都已經失去了「文以載道」的功能,既不講道理也不顧道義的時候,久而久之看的人也漸漸被同化了,我們的世界也就失去了彼此「尊重」的能力,人心只有墮落一途。",
            "《人間福報》的願望很大,希望從文字開始傳播良善的訊息;但要求很小,只要多一個人認同良善的事物,台灣的健康細胞就多活一個。《人間福報》只報導正面的,只傳播健康的,只希望創造一份重新燃起人們對生命熱情的刊物。讓大家重拾那既講道理又顧道義的「尊重」。",
            "─台南歸仁‧王登科",
            "貴報「台灣俗諺今解」專欄刊登「一個錢,四兩福」是否錯誤?因為本身研究台灣史,對台灣俚語堪稱精通,是不是「一個囝,四兩福」之筆誤?",
            "──嘉義‧汪月",
        ])
        #expect(p.articles.map(\.authors) == [["成苜暘"], ["王登科"], ["汪月"]])
        #expect(p.articles.last?.title == "貴報「台灣俗諺今解」專欄刊登「一個錢,四兩福」是否錯誤")
        #expect(p.articles.allSatisfy { !$0.paragraphs.contains { $0.hasPrefix("─") } }, "signatures are no text")
        // an epigraph's attribution has no place and dot: no signature
        #expect(Bylines.dashedSignature(Fixtures.line("——斯大林")) == nil)
    }

    // e09: a picture story (credit after the headline, 文與圖 byline), its date stamp after a
    // bar, and the site's boxes after it that are not its text
    @Test func pictureStoryWithStampAndSiteBoxes() {
        let p = Self.parse([
            "生活快門 守著殘破家園",
            "",
            "文與圖/晞林 |2015.09.10",
            "1225觀看次",
            "字級",
            "生活快門 守著殘破家園 圖/晞林",
            "",
            "文與圖/晞林",
            "",
            "颱風過後幾天,到植物園散步,走到門口,才知園區封閉整理中,也不知哪天才會重新開放。",
            "",
            "從門邊探視,樹枝、落葉、垃圾還堆積在園區的路徑中。想到植物園運動、看荷花的民眾,大概短期內會失去一個休憩的地方;而最可憐的是,植物園裡的貓咪們,看到家園如此殘破,還未能恢復,也不禁憂鬱地看著園外的民眾呢!",
            "",
            "熱門新聞",
            "訂閱電子報",
            "台北市 天氣預報   台灣一週天氣預報",
            "",
            "《人間福報》是一份多元化的報紙,不單只有報導佛教新聞,乃以推動祥和社會、淨化人心為職志,以關懷人類福祉、追求世界和平為宗旨,堅持新聞的準度與速度、廣度與深度,關懷弱勢族群與公益;強調內容溫馨、健康、益智、環保,不八卦、不加料、不阿諛,希冀藉由優質的內涵,體貼大眾身心靈的需要、關懷地球永續經營、延續宇宙無窮慧命,是一份承擔社會責任的報紙。自許成為「社會的一道光明」的《人間福報》任重而道遠,在秉持創辦人星雲大師「傳播人間善因善緣」的理念之際,更將堅持為社會注入清流,讓福報的發行為人間帶來祥和歡喜,具體實現「人間有福報,福報滿人間」的目標。",
            "人間福報社股份有限公司 統編:70470026",
            "",
        ])
        #expect(p.articles.count == 1)
        let a = p.articles[0]
        #expect(a.title == "生活快門 守著殘破家園" && a.kind == .photo && a.authors == ["晞林"])
        #expect(a.paragraphs.count == 2 && a.paragraphs[0].hasPrefix("颱風過後幾天"))
        #expect(!a.paragraphs.joined().contains("天氣預報"), "text after the site's menu lines is the site's")
        #expect(p.metadata.date == "2015-09-10")
    }

    // f09: an e-paper article page: the issue's list of editions (one width, no wrapped
    // text), the template's empty slots and controls, then headline / caption / byline /
    // dateline text, then share buttons
    @Test func ePaperArticlePageAmongItsControls() {
        let p = Self.parse([
            "版面概览",
            "标题导航",
            "市消协发布国庆节消费警示",
            "小区惊现毒蜂窝消防员及时摘除",
            "街头桂花飘香 市民莫要采摘",
            "版面导航",
            "第01版:头版",
            "第01版:重要",
            "第03版:我和我的祖国",
            "第04版:民生",
            "第05版:四区",
            "第06版:县域",
            "第07版:速读",
            "第08版:速读",
            "第09版:深度",
            "第10版:文体",
            "第11版:小记者",
            "第12版:小记者",
            "第13版:小记者",
            "第14版:小记者",
            "第15版:小记者",
            "第16版:壮丽70年 奋斗新时代",
            "第17版:壮丽70年 奋斗新时代",
            "第18版:壮丽70年 奋斗新时代",
            "第19版:壮丽70年 奋斗新时代",
            "第20-21版:壮丽70年 奋斗新时代",
            "第22版:壮丽70年 奋斗新时代",
            "第23版:壮丽70年 奋斗新时代",
            "第24版:壮丽70年 奋斗新时代",
            "数字报首页",
            "网站首页",
            "通版阅读请点击:",
            "展开通版",
            "收缩通版",
            "当前版:04版",
            "首版",
            "上一版",
            "下一版",
            "末版",
            "发布日期:",
            "文章标题",
            "文章内容",
            "文章作者",
            "上一篇",
            "下一篇",
            "字体:",
            "放大",
            "缩小",
            "默认",
            "街头桂花飘香 市民莫要采摘",
            "花好莫要采。",
            "□全媒体记者 王建成 文/图",
            "本报讯 时下,正是桂花开放的时节。走在城区的大街小巷,桂花树上已挂满了黄色、红色的花,空气中弥漫着桂花的清香,令人陶醉。9月24日,记者在市中华大道西段见到,有市民闻香而来,折了一些花枝而去。绿化带内,随处可见被折断的桂花枝。",
            "“桂花是让人观赏的,不是让人采摘的。”一名环卫工人对记者说,采花会损伤桂花树,他呼吁市民,如果发现有人采摘桂花,应立即制止。桂花飘香,大家共享。一个城市的文明需要所有市民共同维护,希望市民在欣赏桂花时,请手下留情。",
            "分享到",
            "微信",
            "QQ好友",
            "QQ空间",
            "新浪微博",
            "0",
        ])
        #expect(p.articles.count == 1)
        let a = p.articles[0]
        #expect(a.title == "街头桂花飘香 市民莫要采摘" && a.authors == ["王建成"] && a.kind == .brief)
        #expect(a.paragraphs.first == "花好莫要采。", "the picture's caption opens the text")
        #expect(a.paragraphs[1].hasPrefix("时下,正是桂花开放的时节"), "the dateline after the caption is cut")
        #expect(p.metadata.edition == "04" && p.metadata.section == "民生", "the page labelled current, not the first of the list")
        #expect(Furniture.isSiteGreeting(Fixtures.line("您好!欢迎来到我们的网站!")))
    }

    // e07: a phrase-spaced headline over its deck and a web date stamp, and a list of other
    // stories (`更多都會新聞`, openings cut off with `... 詳情`) after the text
    @Test func headlineOverDateStampAndTeaserLinksAfter() {
        let p = Self.parse([
            "多市以東 男子中刀卧街頭 警方指與人爭執被刺不治",
            "警方接報發現汽車酒店1人中槍危殆",
            "",
            "[2023.03.07] 發表",
            "圖為警方在兇案現場調查。",
            "",
            "【明報專訊】多倫多昨(6)日凌晨發生兇殺案,1名男子在市中心以東,皇后街夾雪邦街交界遭人刺死。",
            "",
            "警方凌晨1時到場,發現該名受傷不治男子。 現場消息指出,有路人見該名中刀男子倒卧街頭,報警救助。",
            "",
            "多市警隊探長Brandon Price表示,兇案極可能與死者認識人士有關,警方會進一步調查,若是這是真的,這就不是隨機案件。 警方相信案發時死者與3人爭執,期中有1人拔刀,刺傷受害人。",
            "",
            "另外,多倫多警方正加緊調查市東發生的槍擊案。 警方昨天凌晨1時接報,趕到位於京士頓夾麥高雲路交界1間汽車酒店調查1宗槍擊案。",
            "",
            "到場警員發現中槍受害人,救護員把傷者送院急救。",
            "",
            "受害人傷況嚴重有生命危險。 警方暫時未有涉案歹徒身分特徵。",
            "",
            "女司機涉醉駕撞向路旁",
            "",
            "電動車焚燒幸無人傷",
            "",
            "還有,多市1名21歲女司機涉醉駕前晚在市中心駕車失事,撞向路旁,她的Tesla電動車着火焚燒,還幸意外中未有人受傷。警方已把這名司機拘捕,控告她醉酒駕駛罪名。",
            "",
            "警方前晚11時40分接報,現場是阿德里街近約克街。 意外發生後電動車迅速起火焚燒,消防到場後迅即把火警撲滅。",
            "",
            "更多都會新聞",
            "【明報專訊】約克區警方就旺市前(5)日發生1宗撞傷途人後,涉事司機不顧而去案件,呼籲市民提供消息。 警方昨日表示,案件發生在當日上午9... 詳情",
            "【明報專訊】杜蘭區奧沙華1間民宅昨(6)日發生火警,1人葬身火海。消防昨午10時接報,趕到Court Street(Olive Avenue... 詳情",
            "",
        ])
        #expect(p.articles.count == 1)
        #expect(p.articles.first?.title == "多市以東 男子中刀卧街頭 警方指與人爭執被刺不治")
        #expect(p.articles.first?.subtitle == "警方接報發現汽車酒店1人中槍危殆")
        #expect(p.articles.first?.paragraphs.first == "圖為警方在兇案現場調查。")
        #expect(p.metadata.date == "2023-03-07")
        #expect(p.furniture.contains("更多都會新聞"))
    }

    // c03: an export left the image tag in the text; the paragraph under it is its caption
    @Test func paragraphUnderAnImageTagIsItsCaption() {
        let p = Self.parse([
            "各国媒体评说巴勒斯坦选举", "", "",
            "■美联社：阿巴斯沉着冷静，反对暴力，他的当选将为中东和平进程带来转机。",
            "■路透社：尽管阿巴斯表示不会放弃巴勒斯坦难民的回归权利，但他的务实态度受到欢迎。", "",
            "<img src=\"../outfiles/wzdsb2005/w0111013a.jpg\">",
            "1月10日，巴解组织执委会主席阿巴斯（右）在拉姆安拉会见到访的欧盟高级代表索拉纳。新华社发",
        ])
        #expect(p.articles.count == 2)
        #expect(p.articles.last?.kind == .photo)
        #expect(p.articles.last?.title.hasPrefix("1月10日，巴解组织执委会主席阿巴斯") == true)
        #expect(p.articles.first?.paragraphs.count == 2)
    }

    // f02: the archive record's title field names only the first printed headline line; the
    // short lines under it head the text, and the senders' lines under short mottoes are no
    // briefs column
    @Test func recordTitleNamesTheHeadlineOfAColumnOfMessages() {
        let p = Self.parse([
            "新闻界的祝贺",
            "",
            "1946-05-15",
            "第4版()",
            "专栏：新闻界的祝贺",
            "",
            "　　新闻界的祝贺",
            "            庆祝人民日报创刊",
            "    正当国民党反动派调兵遣将行将揭开大规模屠杀人民的全面内战的时候，听到人民的报纸——你的创刊，我们兴奋极了！你的诞生，以人民的喉舌的资格，喊出全边区人民的呼声，代表出全边区人民的意见，我们相信你会有力的引导着三千万人民与国民党反动派进行胜利的斗争，亟早促成和平民主的实现。你们是新闻阵线上的主将，我们希望在你的指导下，完成以上的任务共同奋斗。",
            "                          冀南日报社新华社冀南分社全体职工同贺",
            "    三千万人民的嘴巴，山地平原的桥梁。",
            "                      太行新华日报社新华社太行分社全体职工敬贺",
            "    集中人民意见，坚持人民利益。",
            "                              冀鲁豫日报社新华社冀鲁豫分社敬贺",
            "    人民的报纸要反映人民的愿望——和平与民主；领导人民的斗争——巩固和平与实现民主。",
            "                                              冀南书店五月九日",
            "            祝人民日报创刊",
            "    你代表边区三千万人民的斗志和呼声。",
            "    我们将响应你的每一号召鼓舞前进！",
            "                                  人民的军队报社人民画报社敬献",
            "",
            "劳动的妇女们",
            "曾克",
            "1946-05-15",
            "第4版()",
            "专栏：",
            "",
            "　　劳动的妇女们",
            "    战争不只是灾害，它还是一种考验，一种检阅人民力量的伟大学校。",
            "                                                  ——斯大林",
        ])
        #expect(p.articles.map(\.title) == ["新闻界的祝贺", "劳动的妇女们"])
        #expect(p.articles.first?.paragraphs.first == "庆祝人民日报创刊")
        #expect(p.articles.last?.authors == ["曾克"])
    }

    // d03 (1939, columns of 8 characters): headlines stacked over the text where every
    // paragraph has a blank line before it, a letter opened by its salutation and signed by a
    // letter-spaced name, a piece signed by a pen name in brackets after its last sentence
    @Test func narrowColumnsWithStackedHeadlinesAndSignatures() {
        let p = Self.parse([
            "中華民國二十八年四月廿七日　晶報　星期四　第八版",
            "",
            "影城",
            "趙廉．老田合輯",
            "",
            "公開陳雲裳的信",
            "回香港前由上海",
            "寄給香港友人",
            "",
            "登龍先生：",
            "",
            "接來信蒙以我的",
            "歸期，及近况如何",
            "，足見關懷，不勝",
            "感謝。",
            "",
            "本來想在上海多",
            "逗留幾天，但是時",
            "間已經不允許了。",
            "一方面接港中各方",
            "來信，促我早歸，",
            "同時離開香港已三",
            "個月，急於想囘來",
            "一見爸爸，如果",
            "行期臨時沒有更改",
            "，已决廿八日下船",
            "，預料三十日可以",
            "重見扯旗山的雄姿",
            "，香港海的綠波了",
            "。",
            "",
            "在上海生活很舒",
            "適，新華公司老",
            "板張善琨待我很好",
            "，眞是招呼週到。",
            "「雲裳仙子」完成",
            "了，我也許會加入",
            "新華公司的長期演",
            "員，最低限度也續",
            "訂四部新片的合約",
            "。",
            "",
            "木蘭從軍在上海",
            "開映，很哄動，但",
            "我覺得這是利本和",
            "導演的成功，而非",
            "我自己的成功，我",
            "自己功夫還有許多",
            "不够的地方，仍要",
            "繼續努力的，不過",
            "，我可以知道，國",
            "人是歡迎着富有民",
            "族意識的影劇了，",
            "以後，我更將不願",
            "演沒有意識的無聊",
            "影片。",
            "",
            "我很麻煩在上海",
            "，每天有許多人想",
            "見我，雖極力設法",
            "婉却，但，仍然不",
            "免要把我許多時間",
            "，花費在會客裏。",
            "",
            "也曾到過狄人炮",
            "火轟毀的地方憑吊",
            "，只有流淚，只有",
            "憤恨，唉！血債，",
            "我們不會忘記的，",
            "余欲無言，大家意",
            "會吧！",
            "",
            "上海天氣很冷，",
            "但上海人的心仍然",
            "很熱。香港近來怎",
            "樣呢？",
            "",
            "歸期不遠，我們",
            "又快相見了。最後",
            "謹致民族的敬禮！",
            "陳　雲　裳",
            "",
            "宣剛辦歌舞團",
            "正在積極籌備中",
            "",
            "歌舞在上海，有一個時期，的確可以",
            "號召一些觀衆，後來各歌舞團的管理不",
            "佳而解散，漸漸地上海便沒有立錐之地",
            "了。",
            "",
            "現在，據說音樂師宣剛也發起了一個",
            "歌劇團，籌備已到相當地步，主持人便",
            "是他。這歌舞團是業　性質，團員預備",
            "由登報徵求而來。",
            "",
            "這歌舞團的演出計劃是打算仿照以前",
            "星期小劇場的方法，在每個星期日假上",
            "海的一家影戲院公演一次。坐價將竭力",
            "平民化。",
            "",
            "我們深望這歌劇團能在主持人的刻苦",
            "經營下有所貢獻，未始不是中國歌舞復",
            "興的一線曙光呢！　（木）",
            "",
        ])
        #expect(p.articles.count == 2)
        #expect(p.articles.first?.paragraphs.first == "登龍先生：", "a salutation opens the letter")
        #expect(p.articles.first?.authors == ["陳雲裳"])
        #expect(p.articles.first?.paragraphs.last?.hasSuffix("謹致民族的敬禮！") == true)
        #expect(p.articles.last?.title == "宣剛辦歌舞團 正在積極籌備中")
        #expect(p.articles.last?.authors == ["木"])
        #expect(p.articles.last?.paragraphs.last?.hasSuffix("一線曙光呢！") == true)
    }

    // c09: byline and citation fused on one line
    @Test func bylineFusedWithCitation() {
        let line = Fixtures.line("本报记者 季觉苏 《人民日报》（2026年05月14日 第 12 版）")
        let (rest, meta) = CrawlAnnotations.trailing(line.text)!
        #expect(rest == "本报记者 季觉苏")
        #expect(meta.paper == "人民日报" && meta.date == "2026-05-14" && meta.edition == "12")
    }

    // b04: the source line under each headline
    @Test func sourceLineGivesPaperDateAndSection() {
        let m = CrawlAnnotations.sourceLine("（ 2026-04-28 ） 稿件来源：新华每日电讯 要闻")
        #expect(m == PageMetadata(paper: "新华每日电讯", date: "2026-04-28", section: "要闻"))
        #expect(CrawlAnnotations.sourceLine("据了解，来源地的情况很复杂。") == nil)
    }

    // a04, f08, f12, c01: rows of labelled page fields
    @Test func rowsOfLabelledFieldsAreFurniture() {
        #expect(CrawlAnnotations.labelledFields("刊发日期:2018-09-14 阅读次数: 作者:本通 语音阅读:语音阅读")?.date == "2018-09-14")
        #expect(CrawlAnnotations.labelledFields("2007年04月11日 来源:上海证券报 作者:") == PageMetadata(paper: "上海证券报", date: "2007-04-11"))
        #expect(CrawlAnnotations.labelledFields("作者: 来源:柚都平和 时间:2022-05-30")?.paper == "柚都平和")
        #expect(CrawlAnnotations.labelledFields("责任编辑：周向勇 编辑：王江涵 值班版式总监：厉俊 版式：陈庆井") != nil)
        // an interview turn is no field row
        #expect(CrawlAnnotations.labelledFields("记者：你怎么看？ 王建国：很好。") == nil)
    }

    // c09: a kicker above the title, a deck under it
    @Test func twoFullLinesAreKickerAndTitle() {
        let a = HeadlineGroup.read(lines: ["黑龙江哈尔滨开展“乡村著名行动”", "乡村小路有了名字"], dashed: nil)!
        #expect(a.title == "乡村小路有了名字" && a.subtitle == "黑龙江哈尔滨开展“乡村著名行动”")
        let b = HeadlineGroup.read(lines: ["重庆发布新版城市更新技术导则", "优先采用微更新、渐进式改造"], dashed: nil)!
        #expect(b.title == "重庆发布新版城市更新技术导则" && b.subtitle == "优先采用微更新、渐进式改造")
        // b06: two short phrases are one headline
        #expect(HeadlineGroup.read(lines: ["技能可以“炼化”", "隐私权不能让渡"], dashed: nil)?.title == "技能可以“炼化” 隐私权不能让渡")
        // c01: a kicker ends in the dashes that lead to the title
        let c = HeadlineGroup.read(lines: ["市区公务员医改配套办法出台——", "四类慢性病列入门诊报销"], dashed: nil)!
        #expect(c.title == "四类慢性病列入门诊报销" && c.subtitle == "市区公务员医改配套办法出台")
    }

    // f11: the archive prints the whole headline on one line above the stacked lines
    @Test func headlinePrintedWholeStaysOneHeadline() {
        let p = Self.parse([
            "晋绥各部队紧张生产  野战兵团在绥蒙区垦荒", "", "1946-05-15", "第2版()", "专栏：", "",
            "　　晋绥各部队紧张生产", "    野战兵团在绥蒙区垦荒",
            "    【新华社兴县八日电】晋绥各地部队，正紧张生产，野战兵团在绥蒙区大量垦荒。",
        ])
        let a = p.articles.first { $0.title == "晋绥各部队紧张生产 野战兵团在绥蒙区垦荒" }
        #expect(a?.subtitle == nil)
        #expect(a?.paragraphs.first?.hasPrefix("晋绥各地部队") == true)
        #expect(p.metadata.section == nil)
        #expect(p.furniture.contains("专栏："))
    }

    // a01: an outlet's multimedia desk fused to the role, a picture story, a sign-off dateline
    @Test func bylinesOfAProvincialDaily() {
        #expect(Bylines.byline(Fixtures.line("海南日报全媒体记者 张琬茜")) == ["张琬茜"])
        #expect(Bylines.byline(Fixtures.line("（本报海口7月22日讯）")) == [])
        let p = Self.parse([
            "东坡书院研学热", "海南日报全媒体记者 陈元才 摄", "",
            "近日，儋州市东坡书院开启首期暑期非遗研学课堂，趣味满满。", "",
            "图为学生在体验制作竹简。",
        ])
        #expect(p.articles.count == 1)
        #expect(p.articles[0].kind == .photo && p.articles[0].authors == ["陈元才"] && p.articles[0].title == "东坡书院研学热")
    }

    // a01: the masthead stacked one field a line
    @Test func stackedMastheadGivesEditionAndSection() {
        let p = Self.parse(["海南日报", "2026-07-23", "004", "民生新闻", "", "",
                            "办好基础教育，海南有哪些硬招？", "海南日报全媒体记者 张琬茜", "",
                            "建设教育强国，基点在基础教育。"])
        #expect(p.metadata.edition == "004" && p.metadata.section == "民生新闻" && p.metadata.date == "2026-07-23")
        #expect(p.articles.map(\.title) == ["办好基础教育，海南有哪些硬招？"])
    }

    // a03: a briefs column with ◆ bullets under a banner
    @Test func bulletedBriefsAreOneRecordEach() {
        let p = Self.parse([
            "1886 期 / 第2版:2", "要闻简报",
            "   ◆9月23日,我县在政府二楼会议室召开巩固衔接重点工作调度会。副县长李晋平出席。",
            "    ◆9月27日,全市安委会第五次全体(扩大)会议暨中秋国庆假期安全防范工作会议召开。各乡镇负责人参加。",
        ])
        #expect(p.articles.map(\.title) == ["9月23日,我县在政府二楼会议室召开巩固衔接重点工作调度会",
                                            "9月27日,全市安委会第五次全体(扩大)会议暨中秋国庆假期安全防范工作会议召开"])
        #expect(p.articles.allSatisfy { $0.kind == .brief && !$0.paragraphs[0].hasPrefix("◆") })
        #expect(p.metadata.paper == nil)
    }

    // f05: headlines over one paragraph each, no bylines, no gaps
    @Test func briefsRunWithoutBylines() {
        let p = Self.parse([
            "我国去年工业生产发展速度又呈高峰", "我国去年工业生产的发展速度是实行改革、开放以来仅次于一九八五年的第二个高峰年。",
            "中国发现宝石矿点近二百处", "我国宝石分布地域广阔,品种繁多,储量可观,现已发现宝石矿点二百处。",
            "立功的农村兵退伍后给安排工作", "近日颁布的《退伍义务兵安置条例》规定:城镇退伍兵将继续由国家统一分配工作。",
        ])
        #expect(p.articles.map(\.title) == ["我国去年工业生产发展速度又呈高峰", "中国发现宝石矿点近二百处", "立功的农村兵退伍后给安排工作"])
        #expect(p.articles.allSatisfy { $0.kind == .brief && $0.paragraphs.count == 1 })
    }

    // c01, b06: signatures after the text; a byline run on into the next line
    @Test func signaturesAndRunOnBylines() {
        let s = Bylines.trailingSignature("实，再对违规使用公车者作出相应处理。 孙丽")
        #expect(s?.text == "实，再对违规使用公车者作出相应处理。" && s?.names == ["孙丽"])
        #expect(Bylines.trailingSignature("他说：“我们会继续努力。”") == nil)
        #expect(Bylines.byline(Fixtures.line("本报记者")) == [])
        let p = Self.parse(["从一场应用对接大会看人工智能赋能千行百业", "", "新华社记者 陈宇轩", "颜之宏",
                            "　　人工智能产业上中下游企业齐聚一堂。"])
        #expect(p.articles.first?.authors == ["陈宇轩", "颜之宏"])
    }

    // c10, b05: datelines taken from the agency, and datelines that close the text
    @Test func agencyDatelinesOpeningOrClosing() {
        let d = Bylines.dateline("据新华社北京4月29日电（惠晓霜）英国国王查尔斯三世访美期间。")
        #expect(d?.names == ["惠晓霜"])
        #expect(Bylines.closingDateline("以色列议员纳玛·拉齐米说。新华社耶路撒冷4月29日电") == "以色列议员纳玛·拉齐米说。")
        #expect(Bylines.closingDateline("新华社白俄罗斯霍伊尼基4月26日电") == "")
        #expect(Bylines.closingDateline("他说这是收到的电") == nil)
    }

    // c05, c07: masthead dates as crawls write them
    @Test func compactAndMixedDates() {
        #expect(MastheadLine.masthead(Fixtures.line("新华每日电讯 - 20260502 04版：新华走笔")) ==
                PageMetadata(paper: "新华每日电讯", date: "2026-05-02", edition: "04", section: "新华走笔"))
        #expect(MastheadLine.masthead(Fixtures.line("学习时报 - 2026-08/21 01版：国内大局"))?.date == "2026-08-21")
    }

    // d03: an old paper's 8-character columns; a line opening with a comma goes on from above
    @Test func narrowColumnsAreRejoined() {
        let p = Self.parse(["公開陳雲裳的信", "", "接來信蒙以我的", "歸期，及近况如何", "，足見關懷，不勝", "感謝。", "",
                            "本來想在上海多", "逗留幾天，但是時", "間已經不允許了。", "一方面接港中各方", "來信，促我早歸，",
                            "同時離開香港已三", "個月，急於想囘來", "一見爸爸，如果"])
        #expect(p.articles.first?.paragraphs.first == "接來信蒙以我的歸期，及近况如何，足見關懷，不勝感謝。")
    }

    // e07: a web edition's published-date line, and the paper its dateline names
    @Test func publishedDateAndTheDatelinesPaper() {
        #expect(MastheadLine.masthead(Fixtures.line("[2023.03.07] 发表"))?.date == "2023-03-07")
        #expect(Bylines.paperOfDateline("【明报专讯】多伦多昨(6)日凌晨发生兇杀案。") == "明报")
        #expect(Bylines.paperOfDateline("【新华社北京讯】正文。") == nil)
        let p = Self.parse(["多市以東 男子中刀卧街頭", "", "[2023.03.07] 發表", "", "【明報專訊】多倫多昨(6)日凌晨發生兇殺案,1名男子在市中心以東中刀。"])
        #expect(p.metadata.paper == "明報" && p.metadata.date == "2023-03-07")
    }

    // h13: where the text was first printed, set after its last sentence
    @Test func closingSourceNotesAreNotText() {
        #expect(Bylines.closingSourceNote("能书写益阳新的传奇。（刊于《半月谈》2019年第24期）") == "能书写益阳新的传奇。")
        #expect(Bylines.closingSourceNote("（原载《人民日报》）") == "")
        #expect(Bylines.closingSourceNote("他说（记者 张三）") == nil)
        #expect(Bylines.closingSourceNote("会议指出（见《通知》第三条）") == nil)
    }

    // b04: a dash inside a quoted title; a09: a date among a page's controls; c09: the agency
    // after a photographer's credit
    @Test func quotedDashesDatedControlsAndCreditSources() {
        #expect(Shape.splitTitleSubtitle("“站高望远 向新而行——系统性变革视域下的《瞭望》报道创新交流会”在北京举行") == nil)
        #expect(Shape.splitTitleSubtitle("围绕中心抓党建 凝心聚力抓导向——自治区卫生健康委加强党建工作记")?.1 == "自治区卫生健康委加强党建工作记")
        #expect(Furniture.isNavigation(Fixtures.line("2009年5月4日 收藏 打印 推荐 朗读 评论 更多功能")))
        #expect(!Furniture.isNavigation(Fixtures.line("2009年5月4日 劳模座谈会召开")))
        #expect(Bylines.credit(Fixtures.line("徐 慧摄（影像中国）")) == ["徐慧"])
    }

    @Test func explainGivesEachLineItsRole() {
        let rows = PageParser.explain(Fixtures.seedText("002_d70ca1f07125791b"))
        #expect(rows.first?.role == "masthead")
        #expect(rows.contains { $0.role == "headline" && $0.text == "“红色引擎”添动力 基层组织焕新貌" && $0.record == 0 })
        #expect(rows.contains { $0.role == "deck" && $0.record == 0 })
        #expect(rows.contains { $0.role == "byline" && $0.text == "王宇" })
        #expect(rows.filter { $0.role == "body" }.count == 6)
        #expect(rows.allSatisfy { !$0.signals.isEmpty })
    }
}

/// The work budget: counts, so the verdict is the same on every machine.
@Suite struct WorkBudgetTests {
    @Test func pagesBeyondTheBudgetAreTooComplex() {
        var ingestor = Fixtures.ingestor
        ingestor.budget.maxLines = 50
        let lines = String(repeating: "新时代\r\n", count: 51)
        #expect(throws: IngestFailure.self) { try ingestor.ingest(Array(lines.utf8), path: "p.txt", ingestedAt: 0) }
        do {
            _ = try ingestor.ingest(Array(lines.utf8), path: "p.txt", ingestedAt: 0)
        } catch {
            #expect(error.code == .tooComplex && error.detail.contains("51 lines"))
        }
        ingestor.budget = .standard
        ingestor.budget.maxArticles = 3
        do {
            _ = try ingestor.ingest(Fixtures.seedBytes("001_44639fe822d283e0"), path: "p.txt", ingestedAt: 0)
            Issue.record("six articles passed a budget of three")
        } catch {
            #expect(error.code == .tooComplex && error.detail.contains("6 articles"))
        }
        // the seeds are far inside the standard budget
        #expect(Fixtures.records("001_44639fe822d283e0").count == 6)
    }
}
