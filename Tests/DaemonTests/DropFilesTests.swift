import Foundation
import Glibc
import Testing

/// Files dropped the ways people drop them, into a running daemon.
@Suite(.serialized) struct DropFilesTests {
    @Test func copyMoveAndRenameFromATemporaryName() throws {
        let d = try DaemonHarness("drop")
        try d.start()
        // cp: created, written and closed in place
        try Pages.seed(0).write(to: d.inbox.appendingPathComponent("copied.txt"))
        // mv from elsewhere on the same filesystem
        let outside = d.root.appendingPathComponent("elsewhere.txt")
        try Pages.seed(1).write(to: outside)
        try FileManager.default.moveItem(at: outside, to: d.inbox.appendingPathComponent("moved.txt"))
        // a temporary name inside the inbox, renamed when complete
        let part = d.inbox.appendingPathComponent("page.txt.part")
        try Pages.seed(2).write(to: part)
        Thread.sleep(forTimeInterval: 0.3)
        try FileManager.default.moveItem(at: part, to: d.inbox.appendingPathComponent("renamed.txt"))

        try waitUntil(timeout: 30, "three files ingested") { d.counter("files_ingested") == 3 }
        Thread.sleep(forTimeInterval: 1)
        #expect(d.archived() == ["copied.txt", "moved.txt", "renamed.txt"])
        #expect(d.files(in: "inbox").isEmpty)
        let bySource = Dictionary(grouping: d.records(), by: { ($0["source"] as! [String: Any])["path"] as! String })
        #expect(bySource["copied.txt"]?.count == 4)
        #expect(bySource["moved.txt"]?.count == 6)
        #expect(bySource["renamed.txt"]?.count == 1)
        #expect(bySource["page.txt.part"] == nil)
        #expect(d.counter("files_ingested") == 3)
        d.signal(SIGTERM)
        #expect(try d.waitForExit().status == 0)
    }

    @Test func newSubfolderWithFilesWrittenAtOnce() throws {
        let d = try DaemonHarness("subfolder")
        try d.start()
        let sub = d.inbox.appendingPathComponent("2024/May")
        try FileManager.default.createDirectory(at: sub, withIntermediateDirectories: true)
        for i in 0..<30 { try Pages.small(i).write(to: sub.appendingPathComponent("p\(i).txt")) }
        try waitUntil(timeout: 60, "30 files ingested") { d.counter("files_ingested") == 30 }
        #expect(d.files(in: "inbox").isEmpty)
        #expect(Set(d.records().map { ($0["source"] as! [String: Any])["path"] as! String }).count == 30)
        #expect(d.records().allSatisfy { (($0["source"] as! [String: Any])["path"] as! String).hasPrefix("2024/May/") })
        d.signal(SIGTERM)
        try d.waitForExit()
    }

    @Test func slowWriterIsIngestedOnceAndOnlyAfterClose() throws {
        let d = try DaemonHarness("slow")
        try d.start()
        let page = Pages.seed(4)
        let path = d.inbox.appendingPathComponent("slow.txt").path
        let fd = open(path, O_WRONLY | O_CREAT | O_TRUNC, 0o644)
        #expect(fd >= 0)
        let half = page.count / 2
        page.prefix(half).withUnsafeBytes { _ = write(fd, $0.baseAddress, $0.count) }
        Thread.sleep(forTimeInterval: 1.5)
        #expect(d.records().isEmpty, "nothing may be taken while the file is open")
        #expect(FileManager.default.fileExists(atPath: path))
        page.dropFirst(half).withUnsafeBytes { _ = write(fd, $0.baseAddress, $0.count) }
        close(fd)
        try waitUntil(timeout: 30, "slow file ingested") { d.counter("files_ingested") == 1 }
        Thread.sleep(forTimeInterval: 1)
        let recs = d.records()
        #expect(recs.count == 2)
        #expect(recs.allSatisfy { ($0["source"] as! [String: Any])["bytes"] as? Int == page.count })
        #expect(d.counter("failed") == 0)
        d.signal(SIGTERM)
        try d.waitForExit()
    }

    @Test func duplicateContentIsArchivedWithoutRecords() throws {
        let d = try DaemonHarness("dup")
        try d.start()
        try Pages.seed(2).write(to: d.inbox.appendingPathComponent("a.txt"))
        try waitUntil(timeout: 30, "first copy") { d.counter("files_ingested") == 1 }
        try Pages.seed(2).write(to: d.inbox.appendingPathComponent("b.txt"))
        try waitUntil(timeout: 30, "duplicate") { d.counter("duplicates") == 1 }
        #expect(d.records().count == 1)
        #expect(d.archived().sorted() == ["a.txt", "b.txt"])
        // and again after a restart: the ledger remembers
        d.signal(SIGTERM)
        try d.waitForExit()
        try Pages.seed(2).write(to: d.inbox.appendingPathComponent("c.txt"))
        try d.start()
        try waitUntil(timeout: 30, "duplicate after restart") { d.counter("duplicates") == 1 }
        #expect(d.records().count == 1)
        d.signal(SIGTERM)
        try d.waitForExit()
    }

    @Test func everyBadInputEndsInFailedWithItsReason() throws {
        let d = try DaemonHarness("bad", settings: ["INGESTD_MAX_FILE_BYTES": "40000"])
        try d.start()
        let inbox = d.inbox
        try Data().write(to: inbox.appendingPathComponent("empty.txt"))
        try Data([0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0, 0, 0, 13, 0x49, 0x48, 0x44, 0x52]).write(to: inbox.appendingPathComponent("binary.txt"))
        try Data([0xC3, 0x28, 0xA0, 0xA1, 0xFF, 0xFE, 0x41, 0x42, 0xE2, 0x28, 0xA1, 0x0A]).write(to: inbox.appendingPathComponent("undecodable.txt"))
        try Data(repeating: 0x41, count: 50_000).write(to: inbox.appendingPathComponent("too_large.txt"))
        try Data("第171期\n\nE-mail:zqgg8840@sina.com\n".utf8).write(to: inbox.appendingPathComponent("no_articles.txt"))
        #expect(mkfifo(inbox.appendingPathComponent("fifo.txt").path, 0o644) == 0)
        try waitUntil(timeout: 30, "six failures") { d.counter("failed") == 6 }
        for (name, code) in [("empty.txt", "empty"), ("binary.txt", "binary"), ("undecodable.txt", "undecodable"),
                             ("too_large.txt", "too_large"), ("no_articles.txt", "no_articles"), ("fifo.txt", "not_regular_file")] {
            let report = d.failedReport(name)
            #expect(report?["error"] as? String == code, "\(name): \(String(describing: report))")
            #expect((report?["detail"] as? String)?.isEmpty == false)
            #expect(report?["file"] as? String == name)
            #expect(report?["at"] is String)
        }
        #expect(d.files(in: "inbox").isEmpty)
        #expect(d.records().isEmpty)
        // the daemon is still running
        #expect(d.status()?["state"] as? String == "running")
        d.signal(SIGTERM)
        #expect(try d.waitForExit().status == 0)
    }

    @Test func aPageBeyondTheWorkBudgetFailsAsTooComplexAtOnce() throws {
        let d = try DaemonHarness("poison")
        try d.start()
        // 250 000 three-character lines: far more lines than any page
        try Data(String(repeating: "新时代\n", count: 250_000).utf8).write(to: d.inbox.appendingPathComponent("poison.txt"))
        try Pages.seed(2).write(to: d.inbox.appendingPathComponent("good.txt"))
        try waitUntil(timeout: 60, "both files handled") { d.counter("failed") == 1 && d.counter("files_ingested") == 1 }
        let report = d.failedReport("poison.txt")
        #expect(report?["error"] as? String == "too_complex")
        #expect((report?["detail"] as? String)?.contains("200000 lines") == true)
        #expect(d.logShows("failed poison.txt: too_complex"))
        d.signal(SIGTERM)
        #expect(try d.waitForExit().status == 0)
    }

    @Test func statusShowsEachFileInFlightWithItsStart() throws {
        let d = try DaemonHarness("working")
        try d.start()
        // a large page inside the budget keeps a (debug-built) worker busy for a while
        let slow = String(repeating: "5月12日,藕耕卫生院举办了庆祝活动。\n徐海燕 摄\n", count: 90_000)
        try Data(slow.utf8).write(to: d.inbox.appendingPathComponent("slow.txt"))
        var seen: [String: Any]?
        try waitUntil(timeout: 60, "slow.txt in working_on") {
            seen = (d.status()?["working_on"] as? [[String: Any]])?.first { $0["file"] as? String == "slow.txt" }
            return seen != nil
        }
        #expect((seen?["since"] as? String)?.hasSuffix("Z") == true)
        let out = try IngestCommandTests.run(["status", "--status-file", d.stateDir.appendingPathComponent("status.json").path])
        #expect(out.stdout.contains("working on: slow.txt (since "), "\(out.stdout)")
        try waitUntil(timeout: 300, "slow.txt done", poll: 0.5) { d.counter("files_ingested") + d.counter("failed") == 1 }
        try waitUntil(timeout: 10, "working_on empty") { (d.status()?["working_on"] as? [Any])?.isEmpty == true }
        d.signal(SIGTERM)
        #expect(try d.waitForExit().status == 0)
    }

    /// A file that keeps stopping the daemon mid-parse (here: kill -9 while a worker holds
    /// it, three times) is set aside in failed/ on the next start instead of a fourth parse:
    /// a poison file never becomes a restart loop.
    @Test func aFileThatKeepsStoppingTheDaemonIsSetAside() throws {
        let d = try DaemonHarness("poisonloop")
        defer { d.killHard() }
        let slow = String(repeating: "5月12日,藕耕卫生院举办了庆祝活动。\n徐海燕 摄\n", count: 90_000)
        try d.start()
        try Data(slow.utf8).write(to: d.inbox.appendingPathComponent("slow.txt"))
        let markers = d.stateDir.appendingPathComponent(".parsing").path
        for attempt in 1...3 {
            // killed once the parse has begun: its marker counts this attempt
            try waitUntil(timeout: 120, "slow.txt being parsed (attempt \(attempt))") {
                ((try? FileManager.default.contentsOfDirectory(atPath: markers)) ?? []).contains { name in
                    (try? String(contentsOfFile: markers + "/" + name, encoding: .utf8)) == "\(attempt)\n"
                }
            }
            d.killHard()
            try d.start()
        }
        try waitUntil(timeout: 120, "slow.txt set aside") { d.counter("failed") == 1 }
        let report = d.failedReport("slow.txt")
        #expect(report?["error"] as? String == "too_complex")
        #expect((report?["detail"] as? String)?.contains("stopped 3 times while parsing this file") == true)
        #expect(d.files(in: "inbox").isEmpty)
        d.signal(SIGTERM)
        #expect(try d.waitForExit().status == 0)
    }

    @Test func symlinksAreNeverFollowed() throws {
        let d = try DaemonHarness("symlink")
        try d.start()
        let target = d.root.appendingPathComponent("target.txt")
        try Pages.seed(0).write(to: target)
        try FileManager.default.createSymbolicLink(at: d.inbox.appendingPathComponent("link.txt"), withDestinationURL: target)
        try waitUntil(timeout: 30, "link refused") { d.counter("failed") == 1 }
        #expect(d.failedReport("link.txt")?["error"] as? String == "not_regular_file")
        #expect(d.records().isEmpty)
        #expect(FileManager.default.contents(atPath: target.path) == Pages.seed(0))
        #expect(DurableLink.isLink(d.stateDir.appendingPathComponent("failed/link.txt").path))
        d.signal(SIGTERM)
        try d.waitForExit()
    }

    /// Names people really give files: spaces, CJK, a newline. Each is ingested and logged on
    /// one line; a name that is not UTF-8 (a GBK or Latin-1 name from an old tool) cannot be
    /// opened by its Swift spelling, so it is reported in the log and the status and left
    /// where it is — never skipped in silence.
    @Test func oddFileNames() throws {
        let d = try DaemonHarness("names")
        try d.start()
        for (i, name) in ["with space 中文.txt", "a\nb.txt"].enumerated() {
            try Pages.seed(i).write(to: d.inbox.appendingPathComponent(name))
        }
        // `café.txt` in Latin-1: the byte 0xE9 alone is not UTF-8
        let raw: [UInt8] = Array(d.inbox.path.utf8) + Array("/caf".utf8) + [0xE9] + Array(".txt".utf8) + [0]
        let fd = raw.withUnsafeBufferPointer { open(UnsafeRawPointer($0.baseAddress!).assumingMemoryBound(to: CChar.self), O_CREAT | O_WRONLY, 0o644) }
        #expect(fd >= 0)
        let page = Array(Pages.seed(2))
        #expect(page.withUnsafeBytes { write(fd, $0.baseAddress, $0.count) } == page.count)
        close(fd)
        try waitUntil(timeout: 60, "good names ingested") { d.counter("files_ingested") == 2 }
        try waitUntil(timeout: 10, "bad name reported") { d.logText.contains("its name is not valid UTF-8") }
        #expect(d.logShows("ingested a\\nb.txt: "), "a newline in a name is escaped: one event, one line")
        #expect(d.logText.split(separator: "\n").allSatisfy { $0.first?.isNumber == true }, "every log line starts with its timestamp")
        #expect(((d.status()?["last_error"] as? [String: Any])?["message"] as? String)?.contains("not valid UTF-8") == true)
        // FileManager cannot spell the name either: count the raw entries
        var left = 0
        if let dir = opendir(d.inbox.path) {
            while let e = readdir(dir) {
                let first = withUnsafeBytes(of: e.pointee.d_name) { $0[0] }
                if first != UInt8(ascii: ".") { left += 1 }
            }
            closedir(dir)
        }
        #expect(left == 1, "left in the inbox")
        d.signal(SIGTERM)
        #expect(try d.waitForExit().status == 0)
    }
}

enum DurableLink {
    static func isLink(_ path: String) -> Bool {
        var st = stat()
        return lstat(path, &st) == 0 && st.st_mode & S_IFMT == S_IFLNK
    }
}
