import Ingest

/// The daemon's timestamps use the same RFC 3339 formatter as the records.
enum RFC3339Format {
    static func format(_ epochSeconds: Double) -> String { RFC3339.format(epochSeconds: epochSeconds) }
}
