/// Chinese family names, for recognising a bare name line (`王宇`) under a headline. The
/// single-character list covers well over 95% of the population; compound surnames and the
/// common first syllables of Tibetan names (which have no surname) are listed separately.
enum Surnames {
    static let single = ScalarSet("""
    王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤常温康施文牛樊葛邢安齐易乔伍庞颜倪庄聂章鲁岳翟殷詹申欧耿关兰焦俞左柳甘祝包宁尚符舒阮柯纪梅童凌毕单季裴霍涂成苗谷盛曲翁冉骆蓝路游辛靳管柴蒙鲍华喻祁蒲房滕屈饶解牟艾尤阳时穆农司卓古吉缪简车项连芦麦褚娄窦戚岑景党宫费卜冷晏席卫米柏宗瞿桂全佟应臧闵苟邬边卞姬师和仇栾隋商刁沙荣巫寇桑郎甄丛仲虞敖巩明佘池查麻苑迟邝官封谈匡鞠惠荆乐冀郁胥南班储原栗燕楚鄢劳谌奚皮粟冼蔺楼盘满闻位厉伊仝区郜海阚花权强帅屠豆朴盖练廉禹井祖漆巴丰支卿国狄平计索宣晋相初门云容敬来扈晁芮都普阙浦戈伏鹿薄邸雍辜羊阿乌母裘亓修邰赫杭况那宿鲜印逯隆茹诸战慕危玉银亢嵇公哈湛宾戎勾茅利於呼居揭干但尉冶斯元束檀衣信展阴昝智幸奉植衡富尧闭由
    """.unicodeScalars.filter { !$0.properties.isWhitespace })

    static let compound: [String] = [
        "欧阳", "司马", "上官", "诸葛", "东方", "皇甫", "尉迟", "公孙", "慕容", "长孙", "宇文", "司徒", "夏侯", "轩辕", "令狐", "端木", "独孤", "南宫", "西门", "百里", "呼延", "澹台",
    ]

    /// First syllables of Tibetan given names, which stand alone without a family name.
    static let tibetan: [String] = [
        "扎西", "次仁", "索朗", "格桑", "达瓦", "尼玛", "平措", "旦增", "洛桑", "顿珠", "多吉", "卓玛", "央金", "拉巴", "米玛", "普布", "边巴", "白玛", "益西", "强巴", "德吉", "加央", "罗布", "贡嘎", "赤列", "欧珠", "巴桑", "琼达", "次旦", "丹增", "土登", "群培", "仁增", "曲珍", "拉姆", "德庆", "桑珠", "嘎玛", "阿旺", "单增",
    ]

    /// Compound surnames and Tibetan openers as scalar pairs (all are two characters).
    static let multi: [(Unicode.Scalar, Unicode.Scalar)] = (compound + tibetan).map { w in
        let u = Array(w.unicodeScalars)
        return (u[0], u[1])
    }
    static let multiFirst = ScalarSet(multi.map(\.0))

    /// Words that end an institution's name (`陆军党委`, `市政府`): a signature of a body, no person.
    static let institutionEnds: [String] = [
        "党委", "党组", "政府", "中心", "协会", "学会", "集团", "公司", "学校", "大学", "医院", "法院", "工会", "小组", "社区", "支部", "银行", "部门",
    ]

    /// The ends as pairs of scalars, compared without building strings (names are checked often).
    static let institutionPairs: Set<UInt64> = Set(institutionEnds.map { w in
        let u = Array(w.unicodeScalars)
        return UInt64(u[0].value) << 32 | UInt64(u[1].value)
    })

    static func isInstitution(_ token: Substring) -> Bool {
        let u = token.unicodeScalars
        guard let last = u.last, u.count >= 2 else { return false }
        let before = u[u.index(u.endIndex, offsetBy: -2)]
        return institutionPairs.contains(UInt64(before.value) << 32 | UInt64(last.value))
    }

    /// A token that reads as a person's name: 2–4 Han starting with a family name (or a
    /// Tibetan name), or a transliterated minority name with a middle dot.
    static func isPersonName(_ token: Substring) -> Bool {
        let u = token.unicodeScalars
        // one pass for the length, the middle dots and the script (names are checked often)
        var count = 0
        var dotted = false, han = true
        for c in u {
            count += 1
            if c == "·" || c == "•" { dotted = true } else if !Scalars.isHan(c) { han = false }
        }
        if dotted { return (3...16).contains(count) && han }
        guard (2...4).contains(count), han else { return false }
        if count >= 3, isInstitution(token) { return false }
        let first = u.first!
        if single.contains(first) { return true }
        // the two-character openers compared as scalars, only for a first character one starts with
        guard multiFirst.contains(first) else { return false }
        let two = (first, u[u.index(after: u.startIndex)])
        return multi.contains { $0.0 == two.0 && $0.1 == two.1 }
    }
}
