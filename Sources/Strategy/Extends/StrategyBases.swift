import Foundation

/// `extends: BASE.yaml`: a strategy written as changes to another. The base (and its own bases)
/// is read and parsed, and the file's keys are laid over it before anything is checked:
///
/// - a scalar or a list key (`name`, `consult`, `hints`, …) replaces the base's;
/// - `risk`, `features`, `model` (and `risk.chase_guard`) are merged key by key;
/// - `params` entries replace the base's parameter of the same name (a bare value keeps its type);
/// - an `entry`/`exit` condition replaces the keys of the base's condition of the same `name:`
///   (a new `when:` drops the base's `text:`, which described the old rule).
///
/// A name the base does not have is an error with did-you-mean, so a typo never adds a rule or a
/// parameter nobody meant. Nodes from a base keep their file, so every diagnostic names the file
/// and line it is about; a missing base and a cycle are errors at the `extends:` line.
struct StrategyBases {
    /// Problems with the chain itself and with the overrides.
    var diagnostics: [Diagnostic] = []
    /// The text of each base, by the name diagnostics use for it.
    var sources: [String: String] = [:]
    /// Every base file, nearest first, as paths a watcher can read.
    var files: [String] = []
    /// Every base's bytes, for the strategy's hash.
    var bytes: [UInt8] = []
    /// The file whose changes are being laid over its base: where a node without an origin is.
    private var changing = ""
    /// A base could not be had (missing, unreadable, a cycle, a YAML error): the strategy is not
    /// whole, so only these problems are reported.
    private(set) var failed = false

    /// The most bases a chain may have: far past any real use, short of a runaway.
    static let maxDepth = 16

    /// `root` with its bases laid under it; `root` itself when it extends nothing.
    mutating func resolve(_ root: YAMLNode, fileName: String, chain: [String] = []) -> YAMLNode {
        guard case .mapping(let pairs) = root.content, let index = pairs.firstIndex(where: { $0.key == "extends" }) else {
            return root
        }
        let node = pairs[index].value
        var own = pairs
        own.remove(at: index)
        let child = YAMLNode(content: .mapping(own), start: root.start, end: root.end, origin: root.origin)
        guard let written = node.scalar?.value, node.scalar?.isNull == false, !written.trimmingCharacters(in: .whitespaces).isEmpty else {
            error(node, fileName, "'extends' must name a strategy file, such as momentum.yaml")
            failed = true
            return child
        }
        let path = Self.path(written, relativeTo: fileName)
        let here = Self.canonical(fileName)
        let visited = chain + [here]
        guard !visited.contains(Self.canonical(path)) else {
            let names = (visited + [Self.canonical(path)]).map { ($0 as NSString).lastPathComponent }
            error(node, fileName, "'extends' makes a cycle: \(names.joined(separator: " → "))")
            failed = true
            return child
        }
        guard visited.count <= Self.maxDepth else {
            error(node, fileName, "'extends' goes more than \(Self.maxDepth) files deep")
            failed = true
            return child
        }
        let text: [UInt8]
        do {
            text = try StrategyLoader.read(path)
        } catch let failure as StrategyError {
            let why = failure.diagnostics.first?.message ?? "cannot be read"
            error(node, fileName, "'extends': cannot read the base \(path): \(why)")
            failed = true
            return child
        } catch {
            self.error(node, fileName, "'extends': cannot read the base \(path): \(error)")
            failed = true
            return child
        }
        var reader = YAMLReader(fileName: path)
        let parsed = reader.parse(text)
        diagnostics += reader.diagnostics
        sources[path] = String(decoding: text, as: UTF8.self)
        files.append(path)
        bytes += Array("\n# extends \(path)\n".utf8) + text
        if !reader.diagnostics.isEmpty { failed = true }
        guard let parsed else {
            if reader.diagnostics.isEmpty { error(node, fileName, "'extends': the base \(path) is empty") }
            failed = true
            return child
        }
        let base = resolve(parsed, fileName: path, chain: visited).withOrigin(path)
        changing = fileName
        return merge(base, child, baseName: path)
    }

    // MARK: - Merging

    private mutating func merge(_ base: YAMLNode, _ child: YAMLNode, baseName: String) -> YAMLNode {
        guard case .mapping(var merged) = base.content, case .mapping(let changes) = child.content else { return child }
        for change in changes {
            guard let index = merged.firstIndex(where: { $0.key == change.key }) else {
                merged.append(change)
                continue
            }
            let old = merged[index].value
            let value: YAMLNode
            switch change.key {
            case "entry", "exit": value = mergeSides(old, change.value, key: change.key, baseName: baseName)
            case "params": value = mergeParameters(old, change.value, baseName: baseName)
            case "risk", "features", "model": value = mergeMapping(old, change.value, nested: ["chase_guard"])
            default: value = change.value
            }
            merged[index] = YAMLPair(key: change.key, keyNode: change.keyNode, value: value)
        }
        return YAMLNode(content: .mapping(merged), start: child.start, end: child.end, origin: child.origin)
    }

    /// Key by key, the change's over the base's; `nested` keys are merged one level further.
    private func mergeMapping(_ base: YAMLNode, _ change: YAMLNode, nested: Set<String> = []) -> YAMLNode {
        guard case .mapping(var pairs) = base.content, case .mapping(let changes) = change.content else { return change }
        for pair in changes {
            if let index = pairs.firstIndex(where: { $0.key == pair.key }) {
                let value = nested.contains(pair.key) ? mergeMapping(pairs[index].value, pair.value) : pair.value
                pairs[index] = YAMLPair(key: pair.key, keyNode: pair.keyNode, value: value)
            } else {
                pairs.append(pair)
            }
        }
        return YAMLNode(content: .mapping(pairs), start: change.start, end: change.end, origin: change.origin)
    }

    private mutating func mergeParameters(_ base: YAMLNode, _ change: YAMLNode, baseName: String) -> YAMLNode {
        guard case .mapping(var pairs) = base.content, case .mapping(let changes) = change.content else { return change }
        for pair in changes {
            guard let index = pairs.firstIndex(where: { $0.key == pair.key }) else {
                let names = pairs.map(\.key)
                error(
                    pair.keyNode, nil,
                    "\(baseName) has no parameter '\(pair.key)' to override" + Spelling.hint(for: pair.key, among: names),
                    length: pair.key.unicodeScalars.count,
                    note: names.isEmpty ? "it has no params: block" : "its parameters: \(names.joined(separator: ", "))")
                continue
            }
            // A bare value over a typed parameter keeps the type: it replaces only the `value:`.
            if case .mapping(var fields) = pairs[index].value.content, !isMapping(pair.value),
                let at = fields.firstIndex(where: { $0.key == "value" })
            {
                fields[at].value = pair.value
                pairs[index].keyNode = pair.keyNode
                pairs[index].value.content = .mapping(fields)
            } else {
                pairs[index] = pair
            }
        }
        return YAMLNode(content: .mapping(pairs), start: change.start, end: change.end, origin: change.origin)
    }

    private func isMapping(_ node: YAMLNode) -> Bool {
        if case .mapping = node.content { return true }
        return false
    }

    /// `entry:`/`exit:`: each side's conditions by `name:`.
    private mutating func mergeSides(_ base: YAMLNode, _ change: YAMLNode, key: String, baseName: String) -> YAMLNode {
        guard case .mapping(var sides) = base.content, case .mapping(let changes) = change.content else { return change }
        for side in changes {
            guard let index = sides.firstIndex(where: { $0.key == side.key }),
                case .sequence(var items) = sides[index].value.content, case .sequence(let edits) = side.value.content
            else {
                if !sides.contains(where: { $0.key == side.key }) { sides.append(side) }
                continue
            }
            for edit in edits {
                guard let nameNode = edit.mappingNode("name"), let name = nameNode.scalar?.value else {
                    error(edit, nil, "a condition of '\(key).\(side.key)' that overrides the base's needs the 'name:' of the one it replaces")
                    continue
                }
                let names = items.compactMap { $0.mappingValue("name") }
                guard let at = items.firstIndex(where: { $0.mappingValue("name") == name }) else {
                    error(
                        nameNode, nil,
                        "\(baseName) has no \(key == "entry" ? "condition" : "exit rule") '\(name)' in \(key).\(side.key) to override"
                            + Spelling.hint(for: name, among: names),
                        length: name.unicodeScalars.count, note: "it has: \(names.joined(separator: ", "))")
                    continue
                }
                var merged = mergeMapping(items[at], edit)
                // A new rule makes the base's text describe the old one.
                if edit.mappingNode("when") != nil, edit.mappingNode("text") == nil, case .mapping(var pairs) = merged.content {
                    pairs.removeAll { $0.key == "text" }
                    merged.content = .mapping(pairs)
                }
                items[at] = merged
            }
            sides[index] = YAMLPair(key: side.key, keyNode: side.keyNode, value: YAMLNode(
                content: .sequence(items), start: side.value.start, end: side.value.end, origin: side.value.origin))
        }
        return YAMLNode(content: .mapping(sides), start: change.start, end: change.end, origin: change.origin)
    }

    // MARK: - Paths and diagnostics

    /// `written` relative to the folder of `fileName` (absolute paths as they are).
    static func path(_ written: String, relativeTo fileName: String) -> String {
        let trimmed = written.trimmingCharacters(in: .whitespaces)
        guard !trimmed.hasPrefix("/") else { return trimmed }
        let folder = (fileName as NSString).deletingLastPathComponent
        return folder.isEmpty ? trimmed : (folder as NSString).appendingPathComponent(trimmed)
    }

    static func canonical(_ path: String) -> String {
        URL(fileURLWithPath: path).standardizedFileURL.resolvingSymlinksInPath().path
    }

    private mutating func error(
        _ node: YAMLNode, _ fileName: String?, _ message: String, length: Int? = nil, note: String? = nil
    ) {
        diagnostics.append(
            Diagnostic(
                file: node.origin ?? fileName ?? changing, location: node.start,
                length: length ?? node.scalar.map { max(1, $0.value.unicodeScalars.count) } ?? 1, message: message,
                note: note))
    }
}

extension YAMLNode {
    /// The node under `key` of a mapping node.
    func mappingNode(_ key: String) -> YAMLNode? {
        guard case .mapping(let pairs) = content else { return nil }
        return pairs.value(key)
    }
}
