/// RFC 3339 timestamps in UTC from seconds since the epoch, by calendar arithmetic
/// (days → civil date), so that formatting needs neither a formatter object nor a locale.
public enum RFC3339 {
    /// `2026-11-22T08:15:30.123Z`
    public static func format(epochSeconds: Double) -> String {
        let millis = Int64((epochSeconds * 1000).rounded(.down))
        let secs = millis >= 0 ? millis / 1000 : (millis - 999) / 1000
        let ms = Int(millis - secs * 1000)
        let days = secs >= 0 ? secs / 86400 : (secs - 86399) / 86400
        let rem = Int(secs - days * 86400)
        let (y, m, d) = civil(days: days)
        return "\(day(y, m, d))T\(pad(rem / 3600)):\(pad(rem / 60 % 60)):\(pad(rem % 60)).\(pad3(ms))Z"
    }

    /// `YYYY-MM-DD` of the UTC day containing the instant.
    public static func utcDay(epochSeconds: Double) -> String {
        let secs = Int64(epochSeconds.rounded(.down))
        let days = secs >= 0 ? secs / 86400 : (secs - 86399) / 86400
        let (y, m, d) = civil(days: days)
        return day(y, m, d)
    }

    /// Proleptic Gregorian date of a day count since 1970-01-01 (H. Hinnant's algorithm).
    static func civil(days: Int64) -> (Int64, Int, Int) {
        let z = days + 719_468
        let era = (z >= 0 ? z : z - 146_096) / 146_097
        let doe = z - era * 146_097
        let yoe = (doe - doe / 1460 + doe / 36524 - doe / 146_096) / 365
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100)
        let mp = (5 * doy + 2) / 153
        let d = Int(doy - (153 * mp + 2) / 5 + 1)
        let m = Int(mp < 10 ? mp + 3 : mp - 9)
        return (yoe + era * 400 + (m <= 2 ? 1 : 0), m, d)
    }

    private static func day(_ y: Int64, _ m: Int, _ d: Int) -> String { "\(y)-\(pad(m))-\(pad(d))" }
    private static func pad(_ v: Int) -> String { v < 10 ? "0\(v)" : "\(v)" }
    private static func pad3(_ v: Int) -> String { v < 10 ? "00\(v)" : v < 100 ? "0\(v)" : "\(v)" }
}
