/// Why a dropped file could not become records. The `code` strings are the SPEC's
/// `*.error.json` `error` values; `detail` tells a person what to do about it.
public struct IngestFailure: Error, Sendable, Equatable, CustomStringConvertible {
    public enum Code: String, Sendable, Codable {
        case empty, tooLarge = "too_large", tooComplex = "too_complex", undecodable, binary
        case notRegularFile = "not_regular_file", noArticles = "no_articles", io
    }

    public let code: Code
    public let detail: String

    public init(_ code: Code, _ detail: String) {
        self.code = code
        self.detail = detail
    }

    public var description: String { "\(code.rawValue): \(detail)" }
}
