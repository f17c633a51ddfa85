import Foundation
import NIOSSL
import PostgresNIO

/// Where the fleet's PostgreSQL is, read from a libpq-style URL:
/// `postgres://user:password@host:port/database?sslmode=require`, or a Unix socket folder as
/// `postgres://user@/database?host=/run/postgresql` (libpq's convention: the folder holds
/// `.s.PGSQL.<port>`). Defaults as libpq: port 5432, user = the login name, database = user,
/// sslmode `prefer` over TCP.
package struct PostgresTarget: Sendable, Equatable {
    package enum Endpoint: Sendable, Equatable {
        case tcp(host: String, port: Int)
        case socket(path: String)
    }

    package enum SSLMode: String, Sendable, Equatable {
        case disable, prefer, require
        /// `require` with the server's certificate and name checked.
        case verifyFull = "verify-full"
    }

    package var endpoint: Endpoint
    package var user: String
    package var password: String?
    package var database: String
    package var sslMode: SSLMode

    package struct Invalid: Error, CustomStringConvertible {
        package let description: String
    }

    package init(url: String) throws {
        guard let c = URLComponents(string: url), ["postgres", "postgresql"].contains(c.scheme ?? "") else {
            throw Invalid(description: "postgres.url must look like postgres://user:password@host:port/database, not \(Self.redact(url))")
        }
        var query: [String: String] = [:]
        for item in c.queryItems ?? [] { query[item.name] = item.value ?? "" }
        for name in query.keys where !["host", "port", "sslmode", "user", "password", "dbname"].contains(name) {
            throw Invalid(description: "postgres.url: unknown parameter `\(name)` (known: host, port, user, password, dbname, sslmode)")
        }
        let port = c.port ?? query["port"].flatMap { Int($0) } ?? 5432
        let host = query["host"] ?? c.percentEncodedHost.flatMap { $0.removingPercentEncoding } ?? ""
        if host.hasPrefix("/") {
            endpoint = .socket(path: host.hasSuffix(".s.PGSQL.\(port)") ? host : (host as NSString).appendingPathComponent(".s.PGSQL.\(port)"))
        } else {
            endpoint = .tcp(host: host.isEmpty ? "localhost" : host, port: port)
        }
        user = query["user"] ?? c.user ?? Self.loginName
        password = query["password"] ?? c.password
        let path = c.path.hasPrefix("/") ? String(c.path.dropFirst()) : c.path
        database = query["dbname"] ?? (path.isEmpty ? user : path)
        if let mode = query["sslmode"] {
            // libpq's allow is prefer here; verify-ca is verify-full (NIOSSL checks both)
            switch mode {
            case "allow": sslMode = .prefer
            case "verify-ca": sslMode = .verifyFull
            default:
                guard let m = SSLMode(rawValue: mode) else {
                    throw Invalid(description: "postgres.url: sslmode must be disable, prefer, require or verify-full, not \(mode)")
                }
                sslMode = m
            }
        } else {
            if case .socket = endpoint { sslMode = .disable } else { sslMode = .prefer }
        }
    }

    /// The URL without its password, for logs and status.
    package static func redact(_ url: String) -> String {
        guard var c = URLComponents(string: url), c.password != nil else { return url }
        c.password = "***"
        return c.string ?? url
    }

    /// What status and logs say about the target (never the password).
    package var description: String {
        switch endpoint {
        case .tcp(let host, let port): "\(user)@\(host):\(port)/\(database)"
        case .socket(let path): "\(user)@\(path)/\(database)"
        }
    }

    static var loginName: String {
        if let pw = getpwuid(geteuid()), let name = pw.pointee.pw_name { return String(cString: name) }
        return "postgres"
    }

    func connectionConfiguration() throws -> PostgresConnection.Configuration {
        var config: PostgresConnection.Configuration
        switch endpoint {
        case .socket(let path):
            config = .init(unixSocketPath: path, username: user, password: password, database: database)
        case .tcp(let host, let port):
            let tls: PostgresConnection.Configuration.TLS
            switch sslMode {
            case .disable: tls = .disable
            case .prefer, .require:
                // libpq's prefer and require encrypt without checking the certificate
                var c = TLSConfiguration.makeClientConfiguration()
                c.certificateVerification = .none
                let context = try NIOSSLContext(configuration: c)
                tls = sslMode == .prefer ? .prefer(context) : .require(context)
            case .verifyFull:
                tls = .require(try NIOSSLContext(configuration: .makeClientConfiguration()))
            }
            config = .init(host: host, port: port, username: user, password: password, database: database, tls: tls)
        }
        config.options.connectTimeout = .seconds(5)
        return config
    }
}
