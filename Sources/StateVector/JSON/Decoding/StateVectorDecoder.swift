/// Reads a state vector from JSON: the seed's example verbatim, a state written by
/// `StateVectorEncoder`, or one pasted from anywhere, checked field by field against `StateSchema`.
///
/// Keys starting with `//` are separators and ignored. Nullable fields may be left out (they read
/// null); every other field is required, except the `HISTORY` section (absent reads empty). Every
/// problem is reported at once with its line:column and JSON path: syntax errors, unknown keys
/// (with a suggestion), duplicate keys, missing keys, wrong types, enum values outside the
/// declared ones, fractions where an integer belongs, prices with more than 4 decimals.
public enum StateVectorDecoder {
    /// Decodes a whole state document.
    /// - Parameters:
    ///   - bytes: UTF-8 JSON text.
    ///   - fileName: how messages name the input, e.g. `state.json`.
    /// - Throws: `StateDecodingError` listing every problem.
    public static func decode(_ bytes: [UInt8], fileName: String) throws(StateDecodingError) -> StateVector {
        let root: JSONValue
        do {
            root = try JSONParser.parse(bytes, fileName: fileName)
        } catch {
            throw StateDecodingError(problems: [
                StateDecodingProblem(
                    fileName: error.fileName, position: error.position, path: nil, message: error.message)
            ])
        }
        return try decode(root, fileName: fileName)
    }

    /// Decodes a state document that is already parsed (a journal line's `state` member, say).
    public static func decode(_ root: JSONValue, fileName: String) throws(StateDecodingError) -> StateVector {
        var validator = SchemaValidator(fileName: fileName)
        let document = validator.document(root)
        guard validator.problems.isEmpty, let document else {
            // Stable sort: problems at one position (missing keys of one object) keep schema order.
            let ordered = validator.problems.enumerated().sorted {
                ($0.element.position, $0.offset) < ($1.element.position, $1.offset)
            }
            var problems = ordered.map(\.element)
            if validator.isFull, let last = problems.last {
                problems.append(
                    StateDecodingProblem(
                        fileName: fileName, position: last.position, path: nil,
                        message: "stopped after \(SchemaValidator.problemLimit) problems; fix these and run again"))
            }
            throw StateDecodingError(problems: problems)
        }
        return StateBuilder.state(document)
    }
}
