import Testing
@testable import Ingest

/// Text for the search index: words as the keyword extractor's segmentation finds them.
@Suite struct SearchSegmenterTests {
    let s = SearchSegmenter(lexicon: Fixtures.lexicon)

    @Test func wordsAsTheSegmenterSplitsThem() {
        #expect(s.segment("3024个全国五一劳动奖将集中表彰") == "3024 个 全国 五一劳动 奖 将 集中 表彰")
        #expect(s.segment("机器人大赛") == "机器人 大赛")
    }

    /// A query in traditional characters finds a page in simplified ones, and the reverse.
    @Test func hanInSimplifiedFormsAsciiInLowerCase() {
        #expect(s.segment("世界機器人大賽") == s.segment("世界机器人大赛"))
        #expect(s.segment("GDP增长5.2%") == "gdp 增长 5 2")
    }

    /// The index also holds the dictionary words inside a long word, so 劳动奖 (劳动 奖)
    /// finds 全国五一劳动奖 (… 五一劳动 奖 …).
    @Test func theIndexHoldsTheWordsInsideLongWords() {
        let indexed = s.segment("全国五一劳动奖", forIndex: true).split(separator: " ")
        #expect(indexed.contains("五一劳动") && indexed.contains("劳动") && indexed.contains("奖"))
        #expect(!s.segment("全国五一劳动奖").split(separator: " ").contains("劳动"))
    }

    @Test func punctuationAndSpacesSeparateWords() {
        #expect(s.segment("“守土有责”，作为记者") == s.segment("守土有责 作为记者"))
        #expect(s.segment("，。！") == "")
    }
}
