import Foundation
import Ingest

/// Page shapes aimed at each rule family of the parser, grown to a given size: the inputs
/// that could make a rule super-linear (a rule that rescans earlier lines, builds strings
/// over and over, restarts a search). `ingest-bench --shapes` parses each once and prints
/// MB/s; nothing is asserted (the machine is shared).
enum AdversarialPages {
    static let text60 = "为扎实推进“六亮”行动走深走实,滁州市卫健委坚持把党建工作与业务工作同谋划同部署同推进,取得了明显成效。"
    static let seed = "2022年12月08日\n第A11版:健康滁州·公益\n\n“红色引擎”添动力 基层组织焕新貌\n\n——滁州市卫健委扎实开展“六亮”工作纪实\n\n王宇\n\n\(text60)\n\n\(text60)\n\n"

    /// (name, the text repeated to fill the size, a prefix written once).
    static let shapes: [(name: String, unit: String, head: String)] = [
        ("byline-body", "本报记者 张三\n\(text60)\n", ""),
        ("three-char-lines", "新时代\n", ""),
        ("html-div-p", "<div><p>\(String(text60.prefix(50)))</p>", "<html><body>"),
        ("html-deep-nesting", "<div><span>", "<html><body>"),
        ("blank-gaps", String(repeating: "\n", count: 50) + "短文本一行\n", ""),
        ("one-line", text60, ""),
        ("seed-repeated", seed, ""),
        ("colon-kickers", "全国人大代表王建国:\n坚定信心 奋勇前进\n", ""),
        ("photo-credits", "5月12日,藕耕卫生院举办了庆祝活动。\n徐海燕 摄\n", ""),
        ("bracket-nesting", "(（【", ""),
        ("masthead-lines", "2022年12月08日 第A11版:要闻\n", ""),
        ("labelled-fields", "标题:坚定信心奋勇前进\n作者:王宇\n正文:\(text60)\n", ""),
        ("traditional", "香港欖球隊公布決選名單 姚錦成望交最好表現\n年度盛事香港國際七人欖球賽周五於香港大球場揭幕,香港男、女子隊昨日公布決選名單。\n", ""),
        ("letter-spaced", "本 报 讯 为 扎 实 推 进 行 动 走 深 走 实 , 滁 州 市 卫 健 委 坚 持 。\n", ""),
        ("hard-wrapped", "为扎实推进“六亮”行动走深走实,滁州市卫健委坚持把党建工\n", ""),
        ("bullets", "◆9月23日,我县在政府二楼会议室召开巩固衔接重点工作调度会。\n", "要闻简报\n"),
        ("crawl-notes", "辽宁省委书记 许昆林 字数: 6184字\n《 学习时报 》（ 2026年06月08日  第 01 版 ）\n\(text60)\n", ""),
        ("brief-runs", "沙田電單車車禍男司機亡\n\(text60)\n", ""),
        ("qa-turns", "问:政治性是群团组织的第一属性,如何引导职工?\n答:\(text60)\n", ""),
        ("signatures", "\(text60)　　孙丽\n", ""),
        ("narrow-columns", "接來信蒙以我的\n歸期，及近况如何\n，足見關懷，不勝\n", ""),
    ]

    static func page(_ shape: (name: String, unit: String, head: String), bytes: Int) -> [UInt8] {
        var out = Array(shape.head.utf8)
        let unit = Array(shape.unit.utf8)
        out.reserveCapacity(bytes + unit.count)
        while out.count < bytes { out += unit }
        return out
    }

    static func run(_ ingestor: Ingestor, sizes: [Int], only: String?, runs: Int) {
        print("ingest-bench --shapes: each page parsed through the whole pipeline (bytes → records), median of \(runs) run(s)")
        print("shape".padding(toLength: 20, withPad: " ", startingAt: 0) + sizes.map { "\($0 >> 20) MiB".padding(toLength: 30, withPad: " ", startingAt: 0) }.joined())
        for shape in shapes where only == nil || shape.name == only {
            var row = shape.name.padding(toLength: 20, withPad: " ", startingAt: 0)
            var skip = false
            for size in sizes {
                if skip { row += "skipped".padding(toLength: 30, withPad: " ", startingAt: 0); continue }
                let bytes = page(shape, bytes: size)
                var times: [Double] = []
                var outcome = ""
                for _ in 0..<runs {
                    let start = Date()
                    do {
                        let r = try ingestor.ingest(bytes, path: "shape.txt", ingestedAt: 0)
                        for rec in r.records { _ = RecordJSON.line(rec) }
                        outcome = "\(r.records.count) rec"
                    } catch {
                        outcome = error.code.rawValue
                    }
                    times.append(Date().timeIntervalSince(start))
                    // a shape this slow is measured once
                    if times.last! > 20 { break }
                }
                let s = times.sorted()[times.count / 2]
                row += String(format: "%6.1f MB/s %5.2fs %@", Double(bytes.count) / s / 1_048_576, s, outcome)
                    .padding(toLength: 30, withPad: " ", startingAt: 0)
                // a shape this slow at one size would take minutes at the next
                if s > 20 { skip = true }
            }
            print(row)
        }
    }
}
