#if canImport(FoundationEssentials)
    import FoundationEssentials
#else
    import Foundation
#endif

/// JSON encoding and decoding of the providers' wire messages.
enum JSONWire {
    static func encode(_ value: some Encodable) throws(ModelError) -> [UInt8] {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        do {
            return Array(try encoder.encode(value))
        } catch {
            throw ModelError(.unsupported, "cannot encode the request as JSON: \(error)")
        }
    }

    static func decode<Value: Decodable>(_ type: Value.Type, _ line: [UInt8], url: String) throws(ModelError) -> Value {
        do {
            return try JSONDecoder().decode(type, from: Data(line))
        } catch {
            throw ModelError.invalidChunk(
                url, chunk: String(decoding: line, as: UTF8.self), detail: Self.summary(of: error))
        }
    }

    private static func summary(of error: any Error) -> String {
        switch error {
        case DecodingError.dataCorrupted(let context): "not JSON: \(context.debugDescription)"
        case DecodingError.typeMismatch(_, let context), DecodingError.valueNotFound(_, let context):
            "unexpected shape at \(context.codingPath.map(\.stringValue).joined(separator: ".")): \(context.debugDescription)"
        default: "\(error)"
        }
    }
}

/// An `error` field that servers send either as a string or as `{"message": …}`.
struct WireErrorField: Decodable, Sendable {
    let message: String

    private struct Object: Decodable {
        let message: String?
    }

    init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        if let text = try? container.decode(String.self) {
            message = text
        } else {
            message = try container.decode(Object.self).message ?? "(no message)"
        }
    }
}
