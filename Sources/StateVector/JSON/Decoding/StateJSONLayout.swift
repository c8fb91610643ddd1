/// The few layout decisions of the state JSON that the schema does not carry, shared by the
/// decoder and the encoder.
enum StateJSONLayout {
    /// Sections that may be absent (read as empty) and are written only when non-empty. The seed's
    /// example has no HISTORY.
    static let optionalSections: Set<String> = ["HISTORY"]

    /// A key the seed uses as a visual separator (`"// Key Levels": "---"`): ignored on input.
    static func isSeparator(_ key: String) -> Bool { key.hasPrefix("//") }

    /// Whether `field` must be present in its object. Nullable fields may be left out and read
    /// null (the seed predates DISTANCE_TO_LOD_PCT); every other field must be there, so a state
    /// pasted with a missing value is reported instead of silently defaulted.
    static func isRequired(_ field: Field, inRoot: Bool) -> Bool {
        if inRoot { return !optionalSections.contains(field.name) }
        return !field.nullable
    }

    /// `$.MARKET_STATE` + `L2_IMBALANCE`; keys that are not identifiers are bracketed and quoted.
    static func path(_ base: String, key: String) -> String {
        let isIdentifier =
            !key.isEmpty && key.unicodeScalars.allSatisfy { ($0.isASCII && JSONReader.isWordByte(UInt8($0.value))) }
            && !(key.unicodeScalars.first.map { ("0"..."9").contains($0) } ?? false)
        return isIdentifier ? "\(base).\(key)" : "\(base)[\(JSONString.quoted(key, limit: 40))]"
    }
}
