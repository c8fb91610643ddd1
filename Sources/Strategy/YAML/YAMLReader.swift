import CYAML

/// Parses YAML with libyaml's event API into a `YAMLNode` tree. Never expands aliases (a file
/// with `*alias` is an error, so no "billion laughs"), bounds nesting and node count, reports
/// duplicate keys, and frees every libyaml structure on every path.
struct YAMLReader {
    static let maxDepth = 48
    static let maxNodes = 50_000

    let fileName: String
    private(set) var diagnostics: [Diagnostic] = []

    init(fileName: String) { self.fileName = fileName }

    /// The document's root, or nil when the file is empty or has a syntax error (then
    /// `diagnostics` says why).
    mutating func parse(_ bytes: [UInt8]) -> YAMLNode? {
        var parser = yaml_parser_t()
        guard yaml_parser_initialize(&parser) != 0 else {
            diagnose(SourceLocation(line: 1, column: 1), "out of memory starting the YAML parser")
            return nil
        }
        defer { yaml_parser_delete(&parser) }
        return bytes.withUnsafeBufferPointer { buffer -> YAMLNode? in
            guard let base = buffer.baseAddress else { return nil }
            yaml_parser_set_input_string(&parser, base, buffer.count)
            var builder = TreeBuilder()
            while true {
                var event = yaml_event_t()
                guard yaml_parser_parse(&parser, &event) != 0 else {
                    reportSyntaxError(parser, bytes: buffer)
                    return nil
                }
                defer { yaml_event_delete(&event) }
                switch handle(&event, builder: &builder) {
                case .continue: continue
                case .stop: return nil
                case .finished: return builder.root
                }
            }
        }
    }

    private enum Step { case `continue`, stop, finished }

    private mutating func handle(_ event: inout yaml_event_t, builder: inout TreeBuilder) -> Step {
        let start = Self.location(event.start_mark)
        let end = Self.location(event.end_mark)
        switch event.type {
        case YAML_STREAM_END_EVENT:
            return .finished
        case YAML_DOCUMENT_START_EVENT:
            builder.documents += 1
            if builder.documents > 1 {
                diagnose(start, "a strategy file holds one YAML document; remove the second '---' and what follows")
                return .stop
            }
        case YAML_ALIAS_EVENT:
            let name = event.data.alias.anchor.map { String(cString: $0) } ?? ""
            diagnose(start, "YAML aliases ('*\(name)') are not supported in strategy files; write the value out")
            let placeholder = YAMLScalar(value: "", style: .plain, tag: YAMLScalar.aliasPlaceholderTag)
            builder.attach(YAMLNode(content: .scalar(placeholder), start: start, end: end), reader: &self)
        case YAML_SCALAR_EVENT:
            let data = event.data.scalar
            let value: String =
                if let pointer = data.value {
                    String(decoding: UnsafeBufferPointer(start: pointer, count: Int(data.length)), as: UTF8.self)
                } else { "" }
            let style: YAMLScalar.Style =
                switch data.style {
                case YAML_SINGLE_QUOTED_SCALAR_STYLE: .singleQuoted
                case YAML_DOUBLE_QUOTED_SCALAR_STYLE: .doubleQuoted
                case YAML_LITERAL_SCALAR_STYLE: .literal
                case YAML_FOLDED_SCALAR_STYLE: .folded
                default: .plain
                }
            let tag = data.tag.map { String(cString: $0) }
            let node = YAMLNode(
                content: .scalar(YAMLScalar(value: value, style: style, tag: tag)), start: start, end: end)
            guard builder.count(reader: &self) else { return .stop }
            builder.attach(node, reader: &self)
        case YAML_SEQUENCE_START_EVENT, YAML_MAPPING_START_EVENT:
            guard builder.stack.count < Self.maxDepth else {
                diagnose(start, "YAML nested deeper than \(Self.maxDepth) levels; a strategy never needs that")
                return .stop
            }
            guard builder.count(reader: &self) else { return .stop }
            builder.stack.append(
                TreeBuilder.Frame(isMapping: event.type == YAML_MAPPING_START_EVENT, start: start))
        case YAML_SEQUENCE_END_EVENT, YAML_MAPPING_END_EVENT:
            guard let frame = builder.stack.popLast() else { return .continue }
            let content: YAMLNode.Content = frame.isMapping ? .mapping(frame.pairs) : .sequence(frame.items)
            builder.attach(YAMLNode(content: content, start: frame.start, end: end), reader: &self)
        default:
            break
        }
        return .continue
    }

    mutating func diagnose(_ location: SourceLocation, _ message: String, length: Int = 1, note: String? = nil) {
        diagnostics.append(Diagnostic(file: fileName, location: location, length: length, message: message, note: note))
    }

    private mutating func reportSyntaxError(_ parser: yaml_parser_t, bytes: UnsafeBufferPointer<UInt8>) {
        let problem = parser.problem.map { String(cString: $0) } ?? "malformed YAML"
        let location: SourceLocation
        if parser.error == YAML_READER_ERROR {
            location = Self.location(ofByte: parser.problem_offset, in: bytes)
        } else {
            location = Self.location(parser.problem_mark)
        }
        var note: String?
        if let context = parser.context.map({ String(cString: $0) }) {
            note =
                "\(context) that starts at line \(parser.context_mark.line + 1), column \(parser.context_mark.column + 1)"
        }
        if parser.error == YAML_READER_ERROR {
            note = "strategy files must be UTF-8 text"
        }
        diagnose(location, "YAML syntax: \(problem)", note: note)
    }

    static func location(_ mark: yaml_mark_t) -> SourceLocation {
        SourceLocation(line: Int(mark.line) + 1, column: Int(mark.column) + 1)
    }

    /// Line and column of a byte offset, for reader errors (bad UTF-8), which carry no mark.
    static func location(ofByte offset: Int, in bytes: UnsafeBufferPointer<UInt8>) -> SourceLocation {
        var line = 1
        var column = 1
        for byte in bytes.prefix(min(offset, bytes.count)) {
            if byte == UInt8(ascii: "\n") {
                line += 1
                column = 1
            } else if byte & 0xC0 != 0x80 {
                column += 1
            }
        }
        return SourceLocation(line: line, column: column)
    }
}

/// The stack of open sequences and mappings while events stream in.
private struct TreeBuilder {
    struct Frame {
        var isMapping: Bool
        var start: SourceLocation
        var items: [YAMLNode] = []
        var pairs: [YAMLPair] = []
        var pendingKey: YAMLNode?
        var seenKeys: [String: SourceLocation] = [:]
    }

    var stack: [Frame] = []
    var root: YAMLNode?
    var documents = 0
    var nodes = 0

    mutating func count(reader: inout YAMLReader) -> Bool {
        nodes += 1
        guard nodes <= YAMLReader.maxNodes else {
            reader.diagnose(
                SourceLocation(line: 1, column: 1), "the YAML document has more than \(YAMLReader.maxNodes) nodes")
            return false
        }
        return true
    }

    mutating func attach(_ node: YAMLNode, reader: inout YAMLReader) {
        guard var frame = stack.popLast() else {
            if root == nil { root = node }
            return
        }
        defer { stack.append(frame) }
        guard frame.isMapping else {
            frame.items.append(node)
            return
        }
        guard let key = frame.pendingKey else {
            if node.scalar == nil {
                reader.diagnose(node.start, "a mapping key must be a plain word, found \(node.kindDescription)")
            }
            frame.pendingKey = node
            return
        }
        frame.pendingKey = nil
        guard let keyText = key.scalar?.value else { return }
        if let first = frame.seenKeys[keyText] {
            reader.diagnose(
                key.start, "duplicate key '\(keyText)'", length: keyText.unicodeScalars.count,
                note: "'\(keyText)' was first set at line \(first.line), column \(first.column); keep one")
            return
        }
        frame.seenKeys[keyText] = key.start
        frame.pairs.append(YAMLPair(key: keyText, keyNode: key, value: node))
    }
}
