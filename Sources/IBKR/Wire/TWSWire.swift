/// Constants of the TWS text protocol (TWS-PROTOCOL.md section 1).
public enum TWSWire {
    /// The largest payload a frame may announce.
    public static let maxFrameLength = 0xFF_FFFF
    /// The lowest server version this implementation speaks (ib_async's minimum as well).
    public static let minServerVersion = 157
    /// The highest: version 201 and later switch to binary framing, which this client never asks for.
    public static let maxServerVersion = 178
    /// The range a client offers in its hello.
    public static let clientVersionRange = "v100..\(maxServerVersion)"
    /// `1.7976931348623157E308`, the "unset" double TWS writes.
    public static let unsetDouble = Double.greatestFiniteMagnitude
    /// `2147483647`, the "unset" int of the official client.
    public static let unsetInt = Int(Int32.max)

    /// Parses a client hello such as `v100..178` or `v157..178 +PACEAPI` into its range.
    public static func parseVersionRange(_ text: String) -> ClosedRange<Int>? {
        guard text.hasPrefix("v") else { return nil }
        let range = text.dropFirst().split(separator: " ", maxSplits: 1).first ?? ""
        let bounds = range.split(separator: ".", omittingEmptySubsequences: true)
        if bounds.count == 1, let only = Int(bounds[0]), range.firstIndex(of: ".") == nil {
            return only...only
        }
        guard bounds.count == 2, range.contains(".."), let low = Int(bounds[0]), let high = Int(bounds[1]), low <= high
        else { return nil }
        return low...high
    }
}
