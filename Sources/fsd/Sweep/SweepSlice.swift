import ArgumentParser

/// A piece of data a cell runs on: a replay file, and a window of its session (nil: the whole).
struct SweepSlice: Hashable, Codable, Sendable {
    var data: String
    var from: String?
    var to: String?

    /// `09:30-12:00`, or `session` for the whole.
    var window: String { from.map { "\($0)-\(to ?? "")" } ?? "session" }

    /// `GOOG 2012-06-21 L10` for a LOBSTER file name, the file name otherwise.
    var label: String {
        let name = data.split(separator: "/").last.map(String.init) ?? data
        let parts = name.split(separator: "_")
        if parts.count >= 6, parts[4] == "message", let level = parts[5].split(separator: ".").first {
            return "\(parts[0]) \(parts[1]) L\(level)"
        }
        return name
    }

    /// Parses a window `HH:MM-HH:MM`.
    static func window(_ text: String, option: String) throws -> (from: String, to: String) {
        let parts = text.split(separator: "-", omittingEmptySubsequences: false).map(String.init)
        guard parts.count == 2, let start = SessionTime.parse(parts[0]), let end = SessionTime.parse(parts[1]) else {
            throw ValidationError("\(option) \(text): expected a window HH:MM-HH:MM, such as 09:30-12:00")
        }
        guard end > start else { throw ValidationError("\(option) \(text): the window ends before it starts") }
        return (parts[0], parts[1])
    }

    /// Parses a walk-forward item: `FILE`, `FILE@HH:MM-HH:MM` or `@HH:MM-HH:MM` (every `--data` file in that window).
    static func items(_ text: String, data: [String], option: String) throws -> [SweepSlice] {
        try StrategyOverrideList.split(text).flatMap { item -> [SweepSlice] in
            guard let at = item.firstIndex(of: "@") else { return [SweepSlice(data: item)] }
            let file = String(item[..<at])
            let (from, to) = try window(String(item[item.index(after: at)...]), option: option)
            let files = file.isEmpty ? data : [file]
            guard !files.isEmpty else { throw ValidationError("\(option) \(item): a window alone needs --data files to apply to") }
            return files.map { SweepSlice(data: $0, from: from, to: to) }
        }
    }
}

/// Comma lists on the sweep's command line.
enum StrategyOverrideList {
    /// `a,b, c` → `["a", "b", "c"]`, empty items dropped.
    static func split(_ text: String) -> [String] {
        text.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
    }
}
