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

    /// Seconds since the epoch of `YYYY-MM-DDTHH:MM:SS[.fff](Z|±HH:MM)`, or nil.
    public static func parse(_ s: String) -> Double? {
        let u = Array(s.utf8)
        func num(_ a: Int, _ n: Int) -> Int? {
            guard a + n <= u.count else { return nil }
            var v = 0
            for i in a..<(a + n) {
                guard u[i] >= 48, u[i] <= 57 else { return nil }
                v = v * 10 + Int(u[i] - 48)
            }
            return v
        }
        guard u.count >= 20, u[4] == 45, u[7] == 45, u[10] == 84 || u[10] == 116 || u[10] == 32, u[13] == 58, u[16] == 58,
              let y = num(0, 4), let mo = num(5, 2), let d = num(8, 2), let hh = num(11, 2), let mm = num(14, 2), let ss = num(17, 2),
              (1...12).contains(mo), (1...31).contains(d) else { return nil }
        var i = 19
        var fraction = 0.0
        if i < u.count, u[i] == 46 {
            i += 1
            var scale = 0.1
            while i < u.count, u[i] >= 48, u[i] <= 57 { fraction += Double(u[i] - 48) * scale; scale /= 10; i += 1 }
        }
        var offset = 0
        guard i < u.count else { return nil }
        if u[i] == 90 || u[i] == 122 { i += 1 } else if u[i] == 43 || u[i] == 45, let oh = num(i + 1, 2), let om = num(i + 4, 2) {
            offset = (oh * 3600 + om * 60) * (u[i] == 43 ? 1 : -1)
            i += 6
        } else { return nil }
        guard i == u.count else { return nil }
        // days from civil (inverse of `civil(days:)`)
        let yy = Int64(mo <= 2 ? y - 1 : y)
        let era = (yy >= 0 ? yy : yy - 399) / 400
        let yoe = yy - era * 400
        let mp = Int64(mo > 2 ? mo - 3 : mo + 9)
        let doy = (153 * mp + 2) / 5 + Int64(d) - 1
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy
        let days = era * 146_097 + doe - 719_468
        return Double(days * 86400 + Int64(hh * 3600 + mm * 60 + ss) - Int64(offset)) + fraction
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
