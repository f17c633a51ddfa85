/// Text recovered from a dropped file, and how: the encoding goes into `source.encoding`
/// so nothing about the decoding is guessed silently.
public struct DecodedText: Sendable, Equatable {
    public enum Encoding: String, Sendable, Codable {
        case utf8 = "utf-8"
        case utf8BOM = "utf-8-bom"
        case utf16LE = "utf-16le"
        case utf16BE = "utf-16be"
        case gb18030
        /// Big5 as Windows writes it (CP950), the common form in Taiwan.
        case big5
        case big5HKSCS = "big5-hkscs"
    }

    public let text: String
    public let encoding: Encoding
    /// Repairs made on the way (e.g. a multi-byte character cut off at the end of the file).
    public let warnings: [String]
}
