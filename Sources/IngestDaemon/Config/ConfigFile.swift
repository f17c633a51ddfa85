import TOMLKit

/// A setting's value as ingestd reads it, from the config file or an `INGESTD_*` variable.
enum ConfigValue: Equatable, Sendable {
    case string(String)
    case integer(Int)
    case float(Double)
    case bool(Bool)
    case array([ConfigValue])
    /// Dates, times and tables where a value was expected: reported by their TOML type.
    case other(String)

    /// What a person calls it, for "`workers` must be …, not <this>".
    var kind: String {
        switch self {
        case .string(let s): "the string \"\(s)\""
        case .integer(let i): "the number \(i)"
        case .float(let d): "the number \(d)"
        case .bool(let b): "\(b)"
        case .array: "a list"
        case .other(let type): "a TOML \(type)"
        }
    }
}

/// The config file, read by TOMLKit (full TOML: tables, dotted keys, inline tables,
/// multi-line strings). Tables flatten to dotted names: `[ingestd]` + `workers = 2` →
/// `ingestd.workers`; `[postgres]` + `url = …` → `postgres.url`.
enum ConfigFile {
    /// A syntax error, with the line and column TOMLKit reports.
    struct SyntaxError: Error, CustomStringConvertible {
        let path: String
        let line: Int
        let column: Int
        let message: String
        var description: String { "\(path):\(line):\(column): \(message)" }
    }

    static func parse(_ text: String, path: String) throws -> [String: ConfigValue] {
        let table: TOMLTable
        do {
            table = try TOMLTable(string: text)
        } catch let e as TOMLParseError {
            throw SyntaxError(path: path, line: e.source.begin.line, column: e.source.begin.column, message: e.description)
        }
        var out: [String: ConfigValue] = [:]
        flatten(table, prefix: "", into: &out)
        return out
    }

    private static func flatten(_ table: TOMLTable, prefix: String, into out: inout [String: ConfigValue]) {
        for (key, value) in table {
            if let inner = value.table {
                flatten(inner, prefix: prefix + key + ".", into: &out)
            } else {
                out[prefix + key] = convert(value)
            }
        }
    }

    static func convert(_ v: any TOMLValueConvertible) -> ConfigValue {
        if let s = v.string { return .string(s) }
        if let i = v.int { return .integer(i) }
        if let d = v.double { return .float(d) }
        if let b = v.bool { return .bool(b) }
        if let a = v.array { return .array(a.map { convert($0) }) }
        return .other("\(v.type)")
    }
}
