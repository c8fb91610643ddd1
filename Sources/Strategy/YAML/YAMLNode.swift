/// A node of a parsed YAML document, with where it starts and ends in the file.
struct YAMLNode: Sendable {
    enum Content: Sendable {
        case scalar(YAMLScalar)
        case sequence([YAMLNode])
        case mapping([YAMLPair])
    }

    var content: Content
    var start: SourceLocation
    var end: SourceLocation
    /// The file a node came from when it is not the one being compiled: a base that this file
    /// `extends:` (diagnostics then name that file and quote its line).
    var origin: String? = nil

    /// This node and all below it, marked as coming from `file`.
    func withOrigin(_ file: String) -> YAMLNode {
        var node = self
        node.origin = node.origin ?? file
        switch content {
        case .scalar: break
        case .sequence(let items): node.content = .sequence(items.map { $0.withOrigin(file) })
        case .mapping(let pairs):
            node.content = .mapping(pairs.map { YAMLPair(key: $0.key, keyNode: $0.keyNode.withOrigin(file), value: $0.value.withOrigin(file)) })
        }
        return node
    }

    /// The scalar, or nil for a sequence or mapping.
    var scalar: YAMLScalar? {
        if case .scalar(let scalar) = content { return scalar }
        return nil
    }

    /// What the node is, for messages: `a mapping`, `a list`, `"text"`.
    var kindDescription: String {
        switch content {
        case .scalar(let scalar): scalar.isNull ? "nothing (null)" : "'\(scalar.value)'"
        case .sequence: "a list"
        case .mapping: "a mapping"
        }
    }
}

/// A key and its value in a mapping; the key is always a scalar.
struct YAMLPair: Sendable {
    var key: String
    var keyNode: YAMLNode
    var value: YAMLNode
}

/// A scalar's text and how it was written.
struct YAMLScalar: Sendable {
    enum Style: Sendable {
        case plain, singleQuoted, doubleQuoted, literal, folded
    }

    var value: String
    var style: Style
    var tag: String?

    /// Stands for a rejected alias, already reported: no further messages about it.
    static let aliasPlaceholderTag = "\u{0}alias"

    /// A plain empty, `~` or `null` scalar.
    var isNull: Bool {
        style == .plain && tag == nil && ["", "~", "null", "Null", "NULL"].contains(value)
    }
}
