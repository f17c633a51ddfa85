import Testing
@testable import Ingest

/// Text for the search index: words as the keyword extractor's segmentation finds them.
@Suite struct SearchSegmenterTests {
    let s = SearchSegmenter(lexicon: Fixtures.lexicon)

    @Test func probe() {
        for t in ["3024个全国五一劳动奖将集中表彰", "劳动奖", "碳捕集", "二氧化碳捕集与封存", "机器人大赛", "世界機器人大賽", "GDP增长5.2%"] {
            print("SEG", t, "→", s.segment(t))
        }
    }
}
