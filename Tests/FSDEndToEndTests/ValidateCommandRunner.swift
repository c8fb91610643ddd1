import Foundation
import Testing

/// Runs the built `fsd` binary as a subprocess, for the validate and explain end-to-end tests.
enum ValidateExplainRunner {
    static var repositoryRoot: URL { RunProcess.repositoryRoot }
    static var binary: URL? { RunProcess.binary }

    struct Outcome {
        var status: Int32
        var output: String
    }

    /// Runs `fsd arguments…` in the repository root and returns its exit status and stdout+stderr.
    static func run(_ arguments: [String]) throws -> Outcome {
        let binary = try #require(binary, "build fsd first: swift build --build-tests")
        let process = Process()
        process.executableURL = binary
        process.arguments = arguments
        process.currentDirectoryURL = repositoryRoot
        let pipe = Pipe()
        process.standardOutput = pipe
        process.standardError = pipe
        try process.run()
        let data = pipe.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return Outcome(status: process.terminationStatus, output: String(decoding: data, as: UTF8.self))
    }

    /// Writes `text` to a fresh temporary file named `name` and returns its path.
    static func temporaryFile(_ name: String, _ text: String) throws -> String {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("fsd-e2e-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        let url = directory.appendingPathComponent(name)
        try Data(text.utf8).write(to: url)
        return url.path
    }
}
