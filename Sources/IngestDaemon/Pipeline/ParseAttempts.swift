import Foundation
import Glibc

/// A file that stops the daemon while it is parsed (a crash, the watchdog's kill, an OOM
/// kill) would be taken again at every restart: a loop. Before a parse, a marker named by
/// the content's hash is written under `.parsing/` in the state dir, and removed when the
/// parse returns; a marker found when the same content is taken again counts an
/// interrupted attempt. After `limit` of them the file goes to `failed/` as `too_complex`
/// instead of being parsed a fourth time. No fsync: a process that dies leaves its page
/// cache behind, and a machine that dies was not stopped by the file.
struct ParseAttempts: Sendable {
    let dir: String
    var limit = 3

    /// Interrupted attempts so far for this content (0 when none).
    func interrupted(_ sha: String) -> Int {
        guard let data = FileManager.default.contents(atPath: dir + "/" + sha) else { return 0 }
        return Int(String(decoding: data, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)) ?? 1
    }

    /// Marks a parse as started: the count of attempts this one will be if it never returns.
    /// (`dir` is made with the state folders at start.)
    func begin(_ sha: String, after previous: Int) {
        let path = dir + "/" + sha
        let fd = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o640)
        guard fd >= 0 else { return }
        let text = Array("\(previous + 1)\n".utf8)
        _ = text.withUnsafeBytes { write(fd, $0.baseAddress, $0.count) }
        close(fd)
    }

    /// The parse returned (with records or with a failure): the content is not poison.
    func end(_ sha: String) {
        unlink(dir + "/" + sha)
    }
}
