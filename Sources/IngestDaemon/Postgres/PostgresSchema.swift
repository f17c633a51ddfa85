import Logging
import PostgresNIO

/// The fleet database's tables, created and changed by `ingestd` itself: numbered
/// migrations, each applied once in its own transaction and recorded in
/// `ingestd.schema_migrations`, under an advisory lock so that hosts starting together do
/// not apply one twice. docs/postgres.md describes the tables.
enum PostgresSchema {
    struct Migration: Sendable {
        let version: Int
        let name: String
        let statements: [String]
    }

    struct TooNew: Error, CustomStringConvertible {
        let found: Int
        let known: Int
        var description: String {
            "the database's ingestd schema is at version \(found), newer than this ingestd knows (\(known)): upgrade ingestd on this host"
        }
    }

    static let migrations: [Migration] = [
        Migration(version: 1, name: "sources, records, duplicates and shipping positions", statements: [
            """
            CREATE TABLE ingestd.sources (
                sha256 text PRIMARY KEY,
                host_id text NOT NULL,
                path text NOT NULL,
                ingested_at timestamptz NOT NULL,
                records integer NOT NULL,
                shipped_at timestamptz NOT NULL DEFAULT now()
            )
            """,
            """
            CREATE TABLE ingestd.records (
                id text PRIMARY KEY,
                sha256 text NOT NULL REFERENCES ingestd.sources (sha256),
                host_id text NOT NULL,
                path text NOT NULL,
                paper text, date text, edition text, section text,
                title text NOT NULL, subtitle text,
                authors text[] NOT NULL, kind text NOT NULL, chars integer NOT NULL,
                keywords text[] NOT NULL, summary text NOT NULL,
                ingested_at timestamptz NOT NULL,
                record jsonb NOT NULL,
                search tsvector NOT NULL
            )
            """,
            "CREATE INDEX records_search ON ingestd.records USING gin (search)",
            "CREATE INDEX records_authors ON ingestd.records USING gin (authors)",
            "CREATE INDEX records_date ON ingestd.records (date)",
            "CREATE INDEX records_paper ON ingestd.records (paper)",
            "CREATE INDEX records_sha256 ON ingestd.records (sha256)",
            """
            CREATE TABLE ingestd.duplicates (
                sha256 text NOT NULL REFERENCES ingestd.sources (sha256),
                host_id text NOT NULL,
                path text NOT NULL,
                ingested_at timestamptz NOT NULL,
                shipped_at timestamptz NOT NULL DEFAULT now(),
                PRIMARY KEY (sha256, host_id, path)
            )
            """,
            """
            CREATE TABLE ingestd.positions (
                host_id text NOT NULL,
                file text NOT NULL,
                bytes bigint NOT NULL,
                records bigint NOT NULL DEFAULT 0,
                updated_at timestamptz NOT NULL DEFAULT now(),
                PRIMARY KEY (host_id, file)
            )
            """,
        ]),
    ]

    static var latest: Int { migrations.last?.version ?? 0 }

    /// Brings the schema to `latest`; returns the versions applied now.
    @discardableResult
    static func migrate(_ connection: PostgresConnection, log: Logger) async throws -> [Int] {
        try await connection.withTransaction(logger: log) { c in
            // one host at a time; the lock ends with the transaction
            try await c.query("SELECT pg_advisory_xact_lock(4242420001)", logger: log)
            try await c.query("CREATE SCHEMA IF NOT EXISTS ingestd", logger: log)
            try await c.query("""
                CREATE TABLE IF NOT EXISTS ingestd.schema_migrations (
                    version integer PRIMARY KEY, name text NOT NULL, applied_at timestamptz NOT NULL DEFAULT now())
                """, logger: log)
            var have = Set<Int>()
            for try await v in try await c.query("SELECT version FROM ingestd.schema_migrations", logger: log).decode(Int.self) {
                have.insert(v)
            }
            if let top = have.max(), top > latest { throw TooNew(found: top, known: latest) }
            var applied: [Int] = []
            for m in migrations where !have.contains(m.version) {
                for sql in m.statements { try await c.query(PostgresQuery(unsafeSQL: sql), logger: log) }
                try await c.query("INSERT INTO ingestd.schema_migrations (version, name) VALUES (\(m.version), \(m.name))", logger: log)
                applied.append(m.version)
            }
            return applied
        }
    }
}
