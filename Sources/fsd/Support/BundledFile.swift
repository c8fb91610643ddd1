import Foundation

/// Files the repository bundles, so that commands run on a fresh clone with no arguments: the
/// GOOG session and the momentum strategy. Found under the current directory or beside the
/// executable (in its folder or a parent, as `.build/release/fsd` sits in the repository).
enum BundledFile {
    /// The real GOOG 2012-06-21 level-10 LOBSTER session, the default `--data` everywhere.
    static let sample = "data/sample/GOOG_2012-06-21_34200000_57600000_message_10.csv.gz"

    /// The strategy of the seed's system prompt, the default `--strategy` of `fsd bench`.
    static let momentum = "strategies/momentum.yaml"

    /// The sidecars of days kept outside the repository (`../shared/data/lobster`), by symbol and
    /// date: the last place `DatasetMetadataLookup` looks.
    static let metadata = "data/meta"

    /// The path of `file`, relative when it is under the current directory; nil when it is in neither place.
    static func find(_ file: String) -> String? {
        let manager = FileManager.default
        if manager.fileExists(atPath: file) { return file }
        if let executable = Bundle.main.executableURL?.resolvingSymlinksInPath() {
            var folder = executable.deletingLastPathComponent()
            for _ in 0..<6 {
                let candidate = folder.appendingPathComponent(file).path
                if manager.fileExists(atPath: candidate) { return candidate }
                folder = folder.deletingLastPathComponent()
            }
        }
        return nil
    }

    /// The path of `file`, relative when it is under the current directory.
    /// - Throws: a runtime failure naming `option` when the file is in neither place.
    static func locate(_ file: String, option: String) throws(CLIError) -> String {
        if let path = find(file) { return path }
        throw .runtimeFailure(
            "no \(option) given and the bundled \(file) is neither under the current directory nor beside the fsd "
                + "executable; run from the repository's root or pass \(option) FILE")
    }
}
