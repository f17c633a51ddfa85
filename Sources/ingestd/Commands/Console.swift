import Foundation

/// Writing to the terminal. Glibc's `stderr` global is not concurrency-safe in Swift 6.
enum Console {
    static func error(_ message: String) {
        FileHandle.standardError.write(Data((message + "\n").utf8))
    }

    static func out(_ message: String) {
        FileHandle.standardOutput.write(Data((message + "\n").utf8))
    }
}
