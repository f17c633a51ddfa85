import PostgresNIO

/// postgres-nio's errors print as "Database error" on purpose (they may hold data); an
/// operator needs the server's message, or what failed on the way to it.
enum PostgresProblem {
    static func describe(_ error: any Error) -> String {
        if let t = error as? PostgresTransactionError {
            if let e = t.beginError { return describe(e) }
            if let e = t.closureError { return describe(e) }
            if let e = t.commitError { return describe(e) }
        }
        if let e = error as? PSQLError {
            if let info = e.serverInfo, let message = info[.message] {
                return message + (info[.detail].map { " (\($0))" } ?? "") + (info[.sqlState].map { " [\($0)]" } ?? "")
            }
            if let underlying = e.underlying { return "\(e.code): \(underlying)" }
            return "\(e.code)"
        }
        return "\(error)"
    }

    /// Could not reach the server (as opposed to a statement it refused).
    static func isUnreachable(_ error: any Error) -> Bool {
        if let t = error as? PostgresTransactionError {
            return [t.beginError, t.closureError, t.commitError].contains { $0.map(isUnreachable) ?? false }
        }
        guard let e = error as? PSQLError else {
            // SwiftNIO's socket errors on the way to the server; anything else is ours to say
            return String(reflecting: type(of: error)).hasPrefix("NIO")
        }
        if let state = e.serverInfo?[.sqlState] {
            // 57P01 admin shutdown, 57P03 cannot connect now, 08xxx connection exceptions
            return state.hasPrefix("08") || state == "57P01" || state == "57P02" || state == "57P03"
        }
        return [.connectionError, .serverClosedConnection, .clientClosedConnection, .uncleanShutdown].contains(e.code)
    }
}
