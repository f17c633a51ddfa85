/// The version the daemon reports in its status, metrics and `--version`.
package enum DaemonVersion {
    package static let current = "0.2.0"
}
