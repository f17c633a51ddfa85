#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The parser's work budget: counts, not time, so a page gets the same verdict on every
/// machine and every run. The limits are far above any real page (the pages seen run to a
/// few thousand lines and a hundred articles); a file beyond them is a generated or broken
/// file, and going on would hold a worker for nothing. It ends in `failed/` as
/// `too_complex`, with the limit it passed.
public struct WorkBudget: Sendable, Equatable {
    /// Lines of text (after HTML is turned into text).
    public var maxLines = 200_000
    /// Articles found on one page.
    public var maxArticles = 5_000

    public init() {}

    public static let standard = WorkBudget()

    /// Counts line ends in one pass over the bytes (CR, LF and CRLF each one end).
    func checkLines(_ text: String) throws(IngestFailure) {
        // over the bytes in place: this runs on every page, before any parsing
        var text = text
        let lines = text.withUTF8 { buf -> Int in
            guard let base = buf.baseAddress else { return 0 }
            // line feeds found with memchr; carriage returns (rare) counted the slow way
            if memchr(base, 0x0D, buf.count) != nil {
                var n = 0
                var previous: UInt8 = 0
                for b in buf {
                    if b == 0x0A { if previous != 0x0D { n += 1 } } else if b == 0x0D { n += 1 }
                    previous = b
                }
                return n
            }
            var n = 0
            var at = 0
            while at < buf.count, let hit = memchr(base + at, 0x0A, buf.count - at) {
                n += 1
                at = UnsafeRawPointer(hit) - UnsafeRawPointer(base) + 1
            }
            return n
        }
        if lines > maxLines {
            throw IngestFailure(.tooComplex, "\(lines) lines is over the parser's budget of \(maxLines) lines a page (no real page comes near it); split the file into pages")
        }
    }

    func checkArticles(_ n: Int) throws(IngestFailure) {
        if n > maxArticles {
            throw IngestFailure(.tooComplex, "\(n) articles on one page is over the parser's budget of \(maxArticles) (no real page comes near it); split the file into pages")
        }
    }
}
