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
