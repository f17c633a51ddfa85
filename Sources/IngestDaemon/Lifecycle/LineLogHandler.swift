import Foundation
import Logging

/// One line per event on stderr: `2026-11-22T10:00:00.000Z info ingested a.txt: 4 articles`.
/// Under journald (`JOURNAL_STREAM` set) the timestamp is left out, since the journal adds
/// its own, and the level becomes a `<N>` syslog prefix that journald understands.
package struct LineLogHandler: LogHandler {
    package var metadata: Logger.Metadata = [:]
    package var logLevel: Logger.Level = .info
    let label: String
    let journald: Bool

    package init(label: String, environment: [String: String] = ProcessInfo.processInfo.environment) {
        self.label = label
        self.journald = environment["JOURNAL_STREAM"] != nil
        if let level = environment["INGESTD_LOG_LEVEL"].flatMap(Logger.Level.init(rawValue:)) { logLevel = level }
    }

    package subscript(metadataKey key: String) -> Logger.Metadata.Value? {
        get { metadata[key] }
        set { metadata[key] = newValue }
    }

    package func log(event: LogEvent) {
        let merged = metadata.merging(event.metadata ?? [:]) { $1 }
        let extra = merged.isEmpty ? "" : " " + merged.sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value)" }.joined(separator: " ")
        let text = Self.oneLine("\(event.message)\(extra)")
        let line: String
        if journald {
            line = "<\(Self.syslogPriority(event.level))>\(text)\n"
        } else {
            line = "\(RFC3339Format.format(Date().timeIntervalSince1970)) \(event.level) \(text)\n"
        }
        FileHandle.standardError.write(Data(line.utf8))
    }

    /// Control characters (a file may be named `a\nb.txt`) are written as escapes, so one
    /// event stays one line for journald and for anyone who greps the log.
    static func oneLine(_ s: String) -> String {
        guard s.unicodeScalars.contains(where: { $0.value < 0x20 || $0.value == 0x7F || $0 == "\u{2028}" || $0 == "\u{2029}" }) else { return s }
        var out = String.UnicodeScalarView()
        for c in s.unicodeScalars {
            switch c {
            case "\n": out.append(contentsOf: "\\n".unicodeScalars)
            case "\r": out.append(contentsOf: "\\r".unicodeScalars)
            case "\t": out.append(contentsOf: "\\t".unicodeScalars)
            case _ where c.value < 0x20 || c.value == 0x7F || c == "\u{2028}" || c == "\u{2029}":
                out.append(contentsOf: "\\u{\(String(c.value, radix: 16))}".unicodeScalars)
            default: out.append(c)
            }
        }
        return String(out)
    }

    static func syslogPriority(_ level: Logger.Level) -> Int {
        switch level {
        case .trace, .debug: return 7
        case .info: return 6
        case .notice: return 5
        case .warning: return 4
        case .error: return 3
        case .critical: return 2
        }
    }
}
