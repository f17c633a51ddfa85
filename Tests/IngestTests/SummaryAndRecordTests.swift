import Foundation
import Testing
@testable import Ingest

@Suite struct SummaryAndRecordTests {
    @Test func summariesAreAtMostTwoSentencesOfTheBody() {
        for name in Fixtures.seedNames {
            for r in Fixtures.records(name) {
                let sentences = Sentences.split(r.summary)
                #expect(!r.summary.isEmpty)
                #expect(sentences.count <= 2, "\(r.summary)")
                let body = r.paragraphs.joined()
                for s in sentences {
                    #expect(body.contains(s) || body.contains(String(s.dropFirst(2))), "not from the body: \(s)")
                }
                for a in r.authors { #expect(!r.summary.hasPrefix(a)) }
                #expect(!r.summary.contains("本报讯"))
            }
        }
    }

    @Test func sentenceSplitting() {
        #expect(Sentences.split("他说:“好。”我们走吧!真的?是的……还有1.5万人。") == ["他说:“好。”", "我们走吧!", "真的?", "是的……", "还有1.5万人。"])
        #expect(Sentences.firstWithoutStop("图为党员留影。(资料图片)") == "图为党员留影")
    }

    @Test func recordsCarryPageAndSourceFields() throws {
        let bytes = Fixtures.seedBytes(Fixtures.seedNames[2])
        let r = try Fixtures.ingestor.ingest(bytes, path: "sub/page.txt", ingestedAt: 1_700_000_000.25)
        #expect(r.records.count == 1)
        let rec = r.records[0]
        #expect(rec.source.path == "sub/page.txt")
        #expect(rec.source.bytes == bytes.count)
        #expect(rec.source.encoding == "utf-8")
        #expect(rec.source.sha256.count == 64)
        #expect(rec.id == String(rec.source.sha256.prefix(16)) + "-0")
        #expect(rec.ingestedAt == "2023-11-14T22:13:20.250Z")
        #expect(rec.paper == "滁州日报")
        #expect(rec.chars == rec.paragraphs.reduce(0) { $0 + $1.unicodeScalars.count })
        #expect(rec.keywords.count == 10)
    }

    @Test func idsAreStableForTheSameBytes() throws {
        let bytes = Fixtures.seedBytes(Fixtures.seedNames[1])
        let a = try Fixtures.ingestor.ingest(bytes, path: "a.txt", ingestedAt: 0).records.map(\.id)
        let b = try Fixtures.ingestor.ingest(bytes, path: "b.txt", ingestedAt: 99).records.map(\.id)
        #expect(a == b)
        #expect(Set(a).count == a.count)
    }

    @Test func jsonLinesParseAndKeepEveryField() throws {
        for rec in Fixtures.records(Fixtures.seedNames[1]) {
            let line = RecordJSON.line(rec)
            #expect(line.last == 0x0A)
            #expect(!line.dropLast().contains(0x0A))
            let obj = try #require(try JSONSerialization.jsonObject(with: Data(line)) as? [String: Any])
            #expect(obj["title"] as? String == rec.title)
            #expect(obj["paragraphs"] as? [String] == rec.paragraphs)
            #expect(obj.keys.contains("subtitle") && obj.keys.contains("author_note") && obj.keys.contains("paper"))
            let decoded = try JSONDecoder().decode(ArticleRecord.self, from: Data(line))
            #expect(decoded == rec)
        }
    }

    @Test func jsonEscapesControlAndSeparatorCharacters() throws {
        var rec = Fixtures.records(Fixtures.seedNames[2])[0]
        rec.title = "引号\"反斜杠\\制表\t换行\n\u{01}\u{2028}"
        let obj = try #require(try JSONSerialization.jsonObject(with: Data(RecordJSON.line(rec))) as? [String: Any])
        #expect(obj["title"] as? String == rec.title)
    }

    @Test func noArticlesIsATypedFailure() {
        do {
            _ = try Fixtures.ingestor.ingest(Array("第171期\n\nE-mail:a@b.cn\n".utf8), path: "x.txt", ingestedAt: 0)
            Issue.record("furniture-only page accepted")
        } catch {
            #expect(error.code == .noArticles)
        }
    }

    @Test func rfc3339() {
        #expect(RFC3339.format(epochSeconds: 0) == "1970-01-01T00:00:00.000Z")
        #expect(RFC3339.format(epochSeconds: 951_782_400) == "2000-02-29T00:00:00.000Z")
        #expect(RFC3339.utcDay(epochSeconds: 1_798_761_599) == "2026-12-31")
    }
}
