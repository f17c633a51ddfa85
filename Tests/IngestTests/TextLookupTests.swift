import Testing
@testable import Ingest

/// The lookups every line of a page meets (word lists, character sets, byte prefix tests):
/// they were made cheap for speed and must answer exactly as the plain forms did.
@Suite struct TextLookupTests {
    @Test func wordListsFindTheFirstListedPrefix() {
        // the role list is ordered longest first: 本报记者 wins over 记者
        #expect(Bylines.roleIndex.prefix(of: "本报记者 索朗琼珠") == "本报记者")
        #expect(Bylines.roleIndex.prefix(of: "本报特约记者 王五") == "本报特约记者")
        #expect(Bylines.roleIndex.prefix(of: "记者 张三 通讯员 李四") == "记者")
        #expect(Bylines.roleIndex.prefix(of: Substring("文/图 陈晨")) == "文/图")
        #expect(Bylines.roleIndex.prefix(of: "新时代") == nil)
        #expect(Bylines.roleIndex.prefix(of: "") == nil)
    }

    @Test func wordsWhoseFirstCharactersShareABucketStayApart() {
        // U+4E00 一 and U+5000 倀 fall in one bucket (value modulo 1024)
        let words = WordsByFirst(["一二", "倀三", "一"])
        #expect(words.prefix(of: "倀三四") == "倀三")
        #expect(words.prefix(of: "一二三") == "一二")
        #expect(words.prefix(of: "一三") == "一")
        #expect(words.contains("一二"))
        #expect(words.contains(Substring("倀三")))
        #expect(!words.contains("倀"))
        #expect(!words.contains("一二三"))
    }

    @Test func controlWordsAreWholeWords() {
        #expect(Furniture.navigationWords.contains(Substring("上一篇")))
        #expect(!Furniture.navigationWords.contains(Substring("上一")))
        #expect(Furniture.isNavigation(Fixtures.line("上一篇 下一篇")))
        #expect(Furniture.isNavigation(Fixtures.line("2009年5月4日 收藏 打印 推荐")))
        #expect(Furniture.isNavigation(Fixtures.line("返回主页｜版面导航")))
        #expect(!Furniture.isNavigation(Fixtures.line("新时代")))
        #expect(!Furniture.isNavigation(Fixtures.line("收藏家 打印机")))
    }

    @Test func characterSetsAnswerForEveryPlane() {
        let set: ScalarSet = ["□", "王", "\u{20000}"]
        #expect(set.contains("□"))
        #expect(set.contains("王"))
        #expect(set.contains("\u{20000}"))
        #expect(!set.contains("\u{20001}"))
        #expect(!set.contains("A"))
        // U+0B8B sits at 王's (U+738B) bit position in another word of the table
        #expect(!set.contains("\u{0B8B}"))
        #expect(Surnames.single.contains("王") && !Surnames.single.contains("新"))
    }

    @Test func prefixAndSuffixTestsAreOnBytes() {
        #expect("本报记者 王菲".hasBytePrefix("本报"))
        #expect(Substring("徐海燕 摄").hasByteSuffix(" 摄"))
        #expect("摄".hasByteSuffix("摄"))
        #expect(!"摄".hasByteSuffix(" 摄"))
        #expect("abc".hasBytePrefix(""))
        #expect("".hasByteSuffix(""))
        #expect(!"".hasBytePrefix("a"))
        #expect("a b".containsASCII(0x20) && !"ab".containsASCII(0x20))
        #expect("第3版".anyByte { $0 >= 0x30 && $0 <= 0x39 })
    }

    @Test func takenLinesOutsideThePageAreNotTaken() {
        var taken = LineSet([1, 3], lineCount: 5)
        taken.insert(4)
        #expect(taken.contains(1) && taken.contains(3) && taken.contains(4))
        #expect(!taken.contains(0) && !taken.contains(2))
        #expect(!taken.contains(-1) && !taken.contains(5))
    }
}
