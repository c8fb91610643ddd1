import StateVector

/// "Did you mean" suggestions in strategy diagnostics, by `DidYouMean`'s edit distance.
enum Spelling {
    /// The candidate closest to `word` when it is close enough to be a plausible typo: at most a
    /// third of the word's length in edits, and never more than three.
    static func suggestion(for word: String, among candidates: some Sequence<String>) -> String? {
        guard !word.isEmpty else { return nil }
        return DidYouMean.nearest(to: word, among: candidates) { word, _ in max(1, min(3, word / 3)) }
    }

    /// `; did you mean 'X'?` or nothing.
    static func hint(for word: String, among candidates: some Sequence<String>) -> String {
        suggestion(for: word, among: candidates).map { "; did you mean '\($0)'?" } ?? ""
    }
}
