import Foundation

/// Finds the built `ingestd` executable next to the test bundle (or `INGESTD_BINARY`).
enum BinaryLocator {
    static let ingestd: String = {
        if let explicit = ProcessInfo.processInfo.environment["INGESTD_BINARY"] { return explicit }
        var candidates: [URL] = []
        let bundle = Bundle.main.bundleURL
        candidates.append(bundle.deletingLastPathComponent().appendingPathComponent("ingestd"))
        candidates.append(bundle.appendingPathComponent("ingestd"))
        let exe = URL(fileURLWithPath: CommandLine.arguments[0])
        candidates.append(exe.deletingLastPathComponent().appendingPathComponent("ingestd"))
        candidates.append(exe.deletingLastPathComponent().deletingLastPathComponent().appendingPathComponent("ingestd"))
        let repo = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        candidates.append(repo.appendingPathComponent(".build/debug/ingestd"))
        for c in candidates where FileManager.default.isExecutableFile(atPath: c.path) { return c.path }
        fatalError("ingestd binary not found (looked in \(candidates.map(\.path))); run `swift build` first or set INGESTD_BINARY")
    }()

    static let repository: URL = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
}
