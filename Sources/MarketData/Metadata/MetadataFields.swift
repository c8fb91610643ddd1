import Foundation

/// The members of one sidecar's JSON object, read key by key, each wrong value an error that names
/// the file, the key, what was expected and what was there. JSONSerialization parses; it is enough
/// for a flat object of nine keys, and its "around character N" becomes a line and column here.
struct MetadataFields {
    let path: String
    private let members: [String: Any]

    /// The largest `adv_shares` taken: far above any stock's day, far below `Int64` overflow in RVOL's sums.
    static let maximumShares: Int64 = 1_000_000_000_000

    /// Parses `json`, which must hold one object.
    /// - Throws: `ReplayError` (invalid data) with the line and column of a syntax error where JSONSerialization gives one.
    init(json bytes: [UInt8], path: String) throws(ReplayError) {
        self.path = path
        let keys = DatasetMetadata.keys.joined(separator: ", ")
        guard bytes.contains(where: { !" \t\r\n".utf8.contains($0) }) else {
            throw ReplayError(
                .invalidData, path: path, message: "the file is empty: expected one JSON object with the keys \(keys)")
        }
        let object: Any
        do {
            object = try JSONSerialization.jsonObject(with: Data(bytes), options: [.fragmentsAllowed])
        } catch {
            throw Self.syntaxError(error, bytes: bytes, path: path)
        }
        guard let members = object as? [String: Any] else {
            throw ReplayError(
                .invalidData, path: path,
                message: "expected one JSON object with the keys \(keys), found \(Self.describe(object))")
        }
        self.members = members
    }

    /// Every key must be one of `allowed`: a misspelt key would otherwise be a value silently not read.
    func refuseUnknownKeys(allowed: [String]) throws(ReplayError) {
        guard let unknown = members.keys.filter({ !allowed.contains($0) }).sorted().first else { return }
        throw ReplayError(
            .invalidData, path: path,
            message: "unknown key '\(unknown)': a sidecar has exactly the keys \(allowed.joined(separator: ", "))")
    }

    /// A non-empty string.
    func string(_ key: String, expected: String, numberAdvice: String = "") throws(ReplayError) -> String {
        let value = try required(key, expected: expected)
        guard let text = value as? String else {
            let advice = Self.isNumber(value) ? numberAdvice : ""
            throw problem(key, "expected \(expected), found \(Self.describe(value))\(advice)")
        }
        guard !text.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty else {
            throw problem(key, "expected \(expected), found an empty string")
        }
        return text
    }

    /// An array of non-empty strings, each element named `key[i]` when it is wrong.
    func strings(_ key: String, expected: String) throws(ReplayError) -> [String] {
        let value = try required(key, expected: expected)
        guard let elements = value as? [Any] else {
            throw problem(key, "expected \(expected), found \(Self.describe(value))")
        }
        var result: [String] = []
        for (index, element) in elements.enumerated() {
            guard let text = element as? String, !text.trimmingCharacters(in: .whitespaces).isEmpty else {
                let found = (element as? String).map { _ in "an empty string" } ?? Self.describe(element)
                throw problem("\(key)[\(index)]", "expected a venue name (a non-empty string), found \(found)")
            }
            result.append(text)
        }
        return result
    }

    func bool(_ key: String, expected: String) throws(ReplayError) -> Bool {
        let value = try required(key, expected: expected)
        guard let number = value as? NSNumber, Self.isBool(number) else {
            throw problem(key, "expected \(expected), found \(Self.describe(value))")
        }
        return number.boolValue
    }

    /// A positive whole number of shares, or null; the key itself must be there, so that "unknown" is said, not forgotten.
    func shares(_ key: String) throws(ReplayError) -> Int64? {
        let expected = "a positive whole number of shares, or null when unknown"
        let value = try required(key, expected: expected)
        if value is NSNull { return nil }
        guard let number = value as? NSNumber, !Self.isBool(number) else {
            throw problem(key, "expected \(expected), found \(Self.describe(value))")
        }
        let double = number.doubleValue
        guard double.rounded() == double, double >= 1, double <= Double(Self.maximumShares) else {
            throw problem(
                key,
                "expected \(expected) (1 to \(Self.maximumShares.grouped)), found \(Self.describe(value))"
            )
        }
        return number.int64Value
    }

    /// `key: expected …, found the string "…"`.
    func wrong(_ key: String, expected: String, found text: String) -> ReplayError {
        problem(key, "expected \(expected), found \(Self.describe(text))")
    }

    func problem(_ key: String, _ message: String) -> ReplayError {
        ReplayError(.invalidData, path: path, message: "key '\(key)': \(message)")
    }

    private func required(_ key: String, expected: String) throws(ReplayError) -> Any {
        guard let value = members[key] else {
            throw ReplayError(.invalidData, path: path, message: "missing key '\(key)': expected \(expected)")
        }
        return value
    }

    /// JSONSerialization gives `true` and `1` alike as NSNumber; only a boolean's type code is `c`.
    private static func isBool(_ number: NSNumber) -> Bool {
        String(cString: number.objCType) == "c"
    }

    private static func isNumber(_ value: Any) -> Bool {
        guard let number = value as? NSNumber else { return false }
        return !isBool(number)
    }

    /// What a value is, for `found …`.
    static func describe(_ value: Any) -> String {
        switch value {
        case is NSNull: return "null"
        case let text as String:
            let shown = text.count > 60 ? String(text.prefix(57)) + "..." : text
            return "the string \"\(shown)\""
        case let number as NSNumber:
            if isBool(number) { return number.boolValue ? "true" : "false" }
            return "the number \(number.stringValue)"
        case is [Any]: return "an array"
        case is [String: Any]: return "an object"
        default: return "a \(type(of: value))"
        }
    }

    /// JSONSerialization's reason, at the line and column its byte offset names.
    private static func syntaxError(_ error: any Error, bytes: [UInt8], path: String) -> ReplayError {
        let reason = ((error as NSError).userInfo[NSDebugDescriptionErrorKey] as? String) ?? "\(error)"
        var message = reason
        var line: Int?
        var column: Int?
        if let range = reason.range(of: " around character ") {
            let digits = reason[range.upperBound...].prefix { $0.isASCII && $0.isNumber }
            if let offset = Int(digits), offset <= bytes.count {
                let before = bytes[..<offset]
                line = before.count(where: { $0 == UInt8(ascii: "\n") }) + 1
                column = offset - (before.lastIndex(of: UInt8(ascii: "\n")).map { $0 + 1 } ?? 0) + 1
                message = String(reason[..<range.lowerBound])
            }
        }
        if message.hasSuffix(".") { message.removeLast() }
        return ReplayError(.invalidData, path: path, line: line, column: column, message: "not valid JSON: \(message)")
    }
}
