import Foundation
import Testing

/// Real headless Chromium, for the tests that check a page draws. `scripts/test` installs Debian's
/// `chromium` and sets FSD_REQUIRE_CHROMIUM=1, so there a missing browser fails instead of skipping.
enum Chromium {
    static let binary: String? = {
        let candidates = [
            "/usr/bin/chromium", "/usr/bin/chromium-browser", "/usr/bin/google-chrome",
            "/Applications/Chromium.app/Contents/MacOS/Chromium",
            "/Applications/Google Chrome.app/Contents/MacOS/Google Chrome",
        ]
        return candidates.first { FileManager.default.isExecutableFile(atPath: $0) }
    }()

    /// The browser, or nil with the reason printed when the test may skip.
    static func require() throws -> String? {
        if let binary { return binary }
        if ProcessInfo.processInfo.environment["FSD_REQUIRE_CHROMIUM"] == "1" {
            Issue.record("no Chromium found, though scripts/test installs it (apt-get install chromium)")
        } else {
            print("skipped: no Chromium (Debian: apt-get install chromium; scripts/test installs it)")
        }
        return nil
    }

    /// Runs the browser headless on `page` with `arguments` and returns its standard output.
    static func run(_ binary: String, _ arguments: [String], page: String) throws -> String {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: binary)
        let profile = FileManager.default.temporaryDirectory.appendingPathComponent("fsd-chromium-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: profile) }
        process.arguments =
            [
                "--headless", "--no-sandbox", "--disable-gpu", "--hide-scrollbars", "--no-first-run",
                "--user-data-dir=\(profile.path)",
            ] + arguments + [URL(fileURLWithPath: page).absoluteString]
        let out = Pipe()
        process.standardOutput = out
        process.standardError = FileHandle.nullDevice
        try process.run()
        let data = out.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        #expect(process.terminationStatus == 0, "chromium \(arguments) exited \(process.terminationStatus)")
        return String(decoding: data, as: UTF8.self)
    }
}
