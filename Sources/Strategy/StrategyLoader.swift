import Foundation

/// Loads strategy files: YAML, schema, rules type-checked against the state vector, compiled.
public enum StrategyLoader {
    /// Larger files are refused unread: a strategy is a few kilobytes.
    public static let maxFileBytes = 1 << 20

    /// Reads and compiles the file at `path`.
    /// - Throws: `StrategyError` with every problem found (`isUnreadable` when the file could not
    ///   be read at all).
    public static func load(contentsOf path: String) throws -> CompiledStrategy {
        let bytes = try read(path)
        return try compile(bytes: bytes, fileName: path)
    }

    /// Compiles strategy text; `fileName` is used in diagnostics.
    public static func compile(source: String, fileName: String) throws -> CompiledStrategy {
        try compile(bytes: Array(source.utf8), fileName: fileName)
    }

    /// Reads the file at `path`, applies `overrides` (`--set`) and compiles it.
    /// - Throws: `StrategyError`, or `OverrideError` for an override whose path is not in the file.
    public static func load(contentsOf path: String, overrides: [StrategyOverride]) throws -> CompiledStrategy {
        try compile(bytes: try read(path), fileName: path, overrides: overrides)
    }

    /// Compiles strategy bytes (UTF-8 YAML); `fileName` is used in diagnostics. Each override is
    /// applied to the parsed document in order, then checked like a written value; the strategy's
    /// hash covers them, so a journal tells an overridden run from the file's own.
    public static func compile(bytes: [UInt8], fileName: String, overrides: [StrategyOverride] = []) throws -> CompiledStrategy {
        let text = String(decoding: bytes, as: UTF8.self)
        var bases = StrategyBases()
        func fail(_ diagnostics: [Diagnostic]) -> StrategyError {
            // This file's problems first, then each base's, each in file order.
            let order = [fileName] + bases.files
            let sorted = diagnostics.sorted { a, b in
                let (x, y) = (order.firstIndex(of: a.file) ?? 0, order.firstIndex(of: b.file) ?? 0)
                return x != y ? x < y : a.location < b.location
            }
            return StrategyError(diagnostics: sorted, source: text, otherSources: bases.sources)
        }
        guard bytes.count <= maxFileBytes else {
            throw StrategyError(
                diagnostics: [
                    Diagnostic(
                        file: fileName, location: SourceLocation(line: 1, column: 1),
                        message: "file larger than \(maxFileBytes) bytes; a strategy is a few kilobytes")
                ],
                source: "", isUnreadable: true)
        }
        var reader = YAMLReader(fileName: fileName)
        let root = reader.parse(bytes)
        guard let root else {
            if reader.diagnostics.isEmpty {
                throw fail([
                    Diagnostic(
                        file: fileName, location: SourceLocation(line: 1, column: 1),
                        message: "the file is empty; a strategy needs at least 'name' and 'entry'")
                ])
            }
            throw fail(reader.diagnostics)
        }
        var document = bases.resolve(root, fileName: fileName)
        if bases.failed { throw fail(reader.diagnostics + bases.diagnostics) }
        for override in overrides { document = try document.applying(override) }
        var decoder = StrategyDecoder(fileName: fileName, source: SourceText(text))
        decoder.baseSources = bases.sources.mapValues { SourceText($0) }
        decoder.diagnostics = reader.diagnostics + bases.diagnostics
        // A base's edit changes the strategy: its bytes are hashed with the file's.
        let hashed = bytes + bases.bytes + Array(overrides.map { "\n# --set \($0)" }.joined().utf8)
        let compiled = decoder.decode(document, bytes: hashed)
        guard var compiled, decoder.diagnostics.isEmpty else { throw fail(decoder.diagnostics) }
        compiled.definition.overrides = overrides.map(\.description)
        compiled.definition.baseFiles = bases.files
        return compiled
    }

    static func read(_ path: String) throws -> [UInt8] {
        func unreadable(_ message: String) -> StrategyError {
            StrategyError(
                diagnostics: [Diagnostic(file: path, location: SourceLocation(line: 1, column: 1), message: message)],
                source: "",
                isUnreadable: true)
        }
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else {
            throw unreadable(
                "no such file; check the path (strategies live in strategies/, e.g. strategies/momentum.yaml)")
        }
        guard !isDirectory.boolValue else { throw unreadable("is a directory, not a strategy file") }
        guard let handle = FileHandle(forReadingAtPath: path) else {
            throw unreadable("cannot be read (permission denied?)")
        }
        defer { try? handle.close() }
        do {
            let data = try handle.read(upToCount: maxFileBytes + 1) ?? Data()
            guard data.count <= maxFileBytes else {
                throw unreadable("file larger than \(maxFileBytes) bytes; a strategy is a few kilobytes")
            }
            return [UInt8](data)
        } catch let error as StrategyError {
            throw error
        } catch {
            throw unreadable("cannot be read: \(error.localizedDescription)")
        }
    }
}
