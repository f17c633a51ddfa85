import Testing
@testable import Ingest

@Suite struct KeywordTests {
    static let extractor = KeywordExtractor(lexicon: Fixtures.lexicon)

    @Test func lexiconHoldsThePublishedDictionary() {
        #expect(Fixtures.lexicon.wordCount > 300_000)
        #expect(Fixtures.lexicon.contains("职工群众"))
        #expect(Fixtures.lexicon.contains("办实事"))
        #expect(!Fixtures.lexicon.contains("职工群众办"))
        #expect(Fixtures.lexicon.medianIDF > 5)
    }

    @Test func malformedDictionaryIsReported() {
        #expect(throws: Lexicon.LoadError.self) { try Lexicon(dictionary: Array("职工 notanumber\n".utf8), idf: []) }
        #expect(throws: Lexicon.LoadError.self) { try Lexicon(dictionary: [], idf: []) }
    }

    @Test func keywordsOfASeedArticle() {
        let article = Fixtures.parse(Fixtures.seedText(Fixtures.seedNames[0])).articles[0]
        let terms = Self.extractor.keywords(article.paragraphs).map(\.term)
        #expect(terms.count == 10)
        #expect(terms.prefix(3).contains("职工群众"))
        #expect(terms.contains("办实事"))
    }

    @Test func noSingleCharactersStopWordsOrNumbers() {
        for name in Fixtures.seedNames {
            for a in Fixtures.parse(Fixtures.seedText(name)).articles {
                for k in Self.extractor.keywords(a.paragraphs) {
                    #expect(k.term.count >= 2, "\(k.term)")
                    #expect(!StopWords.list.contains(k.term))
                    let numeric = k.term.allSatisfy { $0.isNumber }
                    #expect(!numeric)
                }
            }
        }
    }

    @Test func weightsAreOrdered() {
        let terms = Self.extractor.keywords(["习近平总书记强调,要把人民健康放在优先发展的战略地位。人民健康是民族昌盛和国家富强的重要标志。"])
        #expect(terms.prefix(2).contains { $0.term == "健康" })
        #expect(zip(terms, terms.dropFirst()).allSatisfy { $0.weight >= $1.weight })
    }

    @Test func emptyOrPunctuationOnlyTextHasNoKeywords() {
        #expect(Self.extractor.keywords([]).isEmpty)
        #expect(Self.extractor.keywords(["……", "“”。"]).isEmpty)
    }
}
