// swift-tools-version:6.0
import PackageDescription

let package = Package(
    name: "ingestd",
    platforms: [.macOS(.v15)],
    products: [
        .executable(name: "ingestd", targets: ["ingestd"]),
        .library(name: "IngestDaemon", targets: ["IngestDaemon"]),
        .library(name: "Ingest", targets: ["Ingest"]),
        .executable(name: "ingest-bench", targets: ["IngestBench"]),
        .executable(name: "ingest-fuzz", targets: ["IngestFuzz"]),
    ],
    dependencies: [
        // CLI of the daemon (subcommands, --help, typed options).
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        // Structured logging to stderr / journald.
        .package(url: "https://github.com/apple/swift-log", from: "1.16.2"),
        // SHA-256 of source files (content identity, duplicate detection, stable ids).
        .package(url: "https://github.com/apple/swift-crypto", from: "3.12.3"),
        // Prometheus text exposition for `metrics_file` (small: swift-atomics, swift-metrics).
        .package(url: "https://github.com/swift-server/swift-prometheus", from: "2.4.1"),
        // The config file: full TOML with line and column in its errors (wraps toml++).
        .package(url: "https://github.com/LebJe/TOMLKit", from: "0.6.0"),
        // The search index: SQLite (Debian's, with FTS5) in WAL mode.
        .package(url: "https://github.com/groue/GRDB.swift", from: "7.10.0"),
        // The fleet sink: PostgreSQL's wire protocol (async, typed binds, Unix sockets), and
        // NIOSSL for `sslmode=require`/`prefer` (postgres-nio builds on it already).
        .package(url: "https://github.com/vapor/postgres-nio", from: "1.33.2"),
        .package(url: "https://github.com/apple/swift-nio-ssl", from: "2.37.6"),
    ],
    targets: [
        // The C boundary: libinotifytools, nothing else.
        .systemLibrary(
            name: "CInotify",
            providers: [.apt(["libinotifytools0-dev"])]
        ),
        // Pure: bytes in, records out.
        .target(
            name: "Ingest",
            dependencies: [.product(name: "Crypto", package: "swift-crypto")]
        ),
        // The daemon as a library of services: owns every effect (watcher, queue, workers,
        // sink, state, status, signals).
        .target(
            name: "IngestDaemon",
            dependencies: [
                "Ingest",
                "CInotify",
                .product(name: "Logging", package: "swift-log"),
                .product(name: "Prometheus", package: "swift-prometheus"),
                .product(name: "TOMLKit", package: "TOMLKit"),
                .product(name: "GRDB", package: "GRDB.swift"),
                .product(name: "PostgresNIO", package: "postgres-nio"),
                .product(name: "NIOSSL", package: "swift-nio-ssl"),
            ]
        ),
        // The executable `ingestd`: its commands and nothing else.
        .executableTarget(
            name: "ingestd",
            dependencies: [
                "Ingest",
                "IngestDaemon",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "Logging", package: "swift-log"),
            ]
        ),
        // Throughput benchmark of the pure pipeline (prints figures; not a test).
        .executableTarget(name: "IngestBench", dependencies: ["Ingest", "IngestDaemon"]),
        // The fuzz target (libFuzzer with -DFUZZING, see scripts/fuzz.sh; a replay tool otherwise).
        .executableTarget(name: "IngestFuzz", dependencies: ["Ingest"]),
        .testTarget(name: "IngestTests", dependencies: ["Ingest"], resources: [.copy("Fixtures")]),
        .testTarget(name: "DaemonTests", dependencies: ["Ingest", "IngestDaemon", "ingestd", .product(name: "Logging", package: "swift-log"), .product(name: "GRDB", package: "GRDB.swift")]),
    ],
    swiftLanguageModes: [.v6]
)
