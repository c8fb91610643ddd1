/// "Did you mean" suggestions for misspelled names, shared by the state decoder's keys and enum
/// values and the strategy checker's diagnostics: one edit distance, one search, each caller's
/// own tolerance.
public enum DidYouMean {
    /// The candidate `word` most likely meant: a case-insensitive match, else the nearest by edit
    /// distance when close enough to be a typo (at most a third of the word's length).
    static func best(_ word: String, among candidates: [String]) -> String? {
        let uppercased = word.uppercased()
        if let exact = candidates.first(where: { $0.uppercased() == uppercased }) { return exact }
        return nearest(to: word, among: candidates) { word, candidate in max(1, min(word, candidate) / 3) }
    }

    /// The first candidate nearest to `word` by case-insensitive edit distance, when that distance
    /// is at most `allowed(word length, candidate length)`; nil for a word over 64 characters,
    /// which is no typo of a name.
    /// - Parameter allowed: the most edits a typo may have, given the word's length in scalars and
    ///   the nearest candidate's in characters.
    public static func nearest(
        to word: String, among candidates: some Sequence<String>, allowed: (_ word: Int, _ candidate: Int) -> Int
    ) -> String? {
        let target = Array(word.uppercased().unicodeScalars)
        guard target.count <= 64 else { return nil }
        var best: (name: String, distance: Int)?
        for candidate in candidates {
            let scalars = Array(candidate.uppercased().unicodeScalars)
            // The distance is at least the difference in length: such a candidate cannot be nearer.
            guard abs(scalars.count - target.count) < (best?.distance ?? Int.max) else { continue }
            let distance = editDistance(target, scalars)
            if distance < (best?.distance ?? Int.max) { best = (candidate, distance) }
        }
        guard let best, best.distance <= allowed(target.count, best.name.count) else { return nil }
        return best.name
    }

    /// Damerau-Levenshtein (optimal string alignment) distance: insertions, deletions,
    /// substitutions and transpositions of neighbours each count as one edit.
    public static func editDistance(_ a: [Unicode.Scalar], _ b: [Unicode.Scalar]) -> Int {
        if a.isEmpty { return b.count }
        if b.isEmpty { return a.count }
        var previous2 = [Int](repeating: 0, count: b.count + 1)
        var previous = Array(0...b.count)
        var current = [Int](repeating: 0, count: b.count + 1)
        for i in 1...a.count {
            current[0] = i
            for j in 1...b.count {
                let cost = a[i - 1] == b[j - 1] ? 0 : 1
                var value = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost)
                if i > 1, j > 1, a[i - 1] == b[j - 2], a[i - 2] == b[j - 1] {
                    value = min(value, previous2[j - 2] + 1)
                }
                current[j] = value
            }
            (previous2, previous, current) = (previous, current, previous2)
        }
        return previous[b.count]
    }
}
