extension String {
    /// The text padded with spaces to `width` characters (never cut), on the right unless `leading`.
    public func padded(toWidth width: Int, leading: Bool = false) -> String {
        let missing = width - count
        guard missing > 0 else { return self }
        let spaces = String(repeating: " ", count: missing)
        return leading ? spaces + self : self + spaces
    }
}
