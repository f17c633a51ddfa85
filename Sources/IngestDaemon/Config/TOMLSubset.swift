import Foundation

/// The part of TOML that `ingestd.toml` uses: comments, `key = value` pairs, `[table]`
/// headers (keys inside become `table.key`), basic and literal strings, integers, floats,
/// booleans and one-line arrays of those. Anything else is reported with its line number
/// rather than guessed at. (TOMLKit, the usual Swift TOML package, cannot be resolved here:
/// it depends on a package the local mirror lacks.)
enum TOMLSubset {
    enum Value: Equatable, Sendable {
        case string(String)
        case integer(Int)
        case float(Double)
        case bool(Bool)
        case array([Value])
    }

    struct ParseError: Error, CustomStringConvertible {
        let line: Int
        let message: String
        var description: String { "line \(line): \(message)" }
    }

    static func parse(_ text: String) throws(ParseError) -> [String: Value] {
        var result: [String: Value] = [:]
        var table = ""
        for (n, raw) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            let lineNo = n + 1
            var s = Substring(raw.hasSuffix("\r") ? raw.dropLast() : raw)
            s = s.drop { $0 == " " || $0 == "\t" }
            if s.isEmpty || s.hasPrefix("#") { continue }
            if s.hasPrefix("[") {
                guard let close = s.firstIndex(of: "]"), !s.hasPrefix("[[") else {
                    throw ParseError(line: lineNo, message: "only [table] headers are supported")
                }
                table = String(s[s.index(after: s.startIndex)..<close]).trimmingBlanks()
                let rest = String(s[s.index(after: close)...]).trimmingBlanks()
                guard !table.isEmpty, rest.isEmpty || rest.hasPrefix("#") else { throw ParseError(line: lineNo, message: "malformed table header") }
                continue
            }
            guard let eq = s.firstIndex(of: "=") else { throw ParseError(line: lineNo, message: "expected `key = value`") }
            var key = String(s[..<eq]).trimmingBlanks()
            if key.hasPrefix("\""), key.hasSuffix("\""), key.count >= 2 { key = String(key.dropFirst().dropLast()) }
            guard !key.isEmpty, key.allSatisfy({ $0.isLetter || $0.isNumber || $0 == "_" || $0 == "-" || $0 == "." }) else {
                throw ParseError(line: lineNo, message: "bad key `\(key)`")
            }
            var cursor = s[s.index(after: eq)...]
            let value = try parseValue(&cursor, line: lineNo)
            cursor = cursor.drop { $0 == " " || $0 == "\t" }
            guard cursor.isEmpty || cursor.hasPrefix("#") else { throw ParseError(line: lineNo, message: "unexpected text after the value") }
            let full = table.isEmpty ? key : table + "." + key
            guard result[full] == nil else { throw ParseError(line: lineNo, message: "`\(full)` is set twice") }
            result[full] = value
        }
        return result
    }

    private static func parseValue(_ s: inout Substring, line: Int) throws(ParseError) -> Value {
        s = s.drop { $0 == " " || $0 == "\t" }
        guard let first = s.first else { throw ParseError(line: line, message: "missing value") }
        switch first {
        case "\"":
            s = s.dropFirst()
            var out = ""
            while let c = s.first {
                s = s.dropFirst()
                if c == "\"" { return .string(out) }
                if c == "\\" {
                    guard let e = s.first else { break }
                    s = s.dropFirst()
                    switch e {
                    case "n": out.append("\n")
                    case "t": out.append("\t")
                    case "\\": out.append("\\")
                    case "\"": out.append("\"")
                    default: throw ParseError(line: line, message: "unsupported escape \\\(e)")
                    }
                    continue
                }
                out.append(c)
            }
            throw ParseError(line: line, message: "unterminated string")
        case "'":
            s = s.dropFirst()
            guard let end = s.firstIndex(of: "'") else { throw ParseError(line: line, message: "unterminated string") }
            let v = String(s[..<end])
            s = s[s.index(after: end)...]
            return .string(v)
        case "[":
            s = s.dropFirst()
            var items: [Value] = []
            while true {
                s = s.drop { $0 == " " || $0 == "\t" }
                if s.first == "]" { s = s.dropFirst(); return .array(items) }
                items.append(try parseValue(&s, line: line))
                s = s.drop { $0 == " " || $0 == "\t" }
                if s.first == "," { s = s.dropFirst(); continue }
                if s.first == "]" { s = s.dropFirst(); return .array(items) }
                throw ParseError(line: line, message: "arrays must be on one line, items separated by commas")
            }
        default:
            let token = s.prefix { $0 != " " && $0 != "\t" && $0 != "," && $0 != "]" && $0 != "#" }
            s = s.dropFirst(token.count)
            if token == "true" { return .bool(true) }
            if token == "false" { return .bool(false) }
            let digits = token.replacingOccurrences(of: "_", with: "")
            if let i = Int(digits) { return .integer(i) }
            if let d = Double(digits) { return .float(d) }
            throw ParseError(line: line, message: "cannot read value `\(token)` (strings need quotes)")
        }
    }
}

extension String {
    func trimmingBlanks() -> String {
        var s = Substring(self)
        while let f = s.first, f == " " || f == "\t" { s = s.dropFirst() }
        while let l = s.last, l == " " || l == "\t" { s = s.dropLast() }
        return String(s)
    }
}
