/// Suggestions for misspelled keys and enum values.
enum DidYouMean {
    /// The candidate `word` most likely meant: a case-insensitive match, else the nearest by edit
    /// distance when close enough to be a typo (at most a third of the word's length).
    static func best(_ word: String, among candidates: [String]) -> String? {
        let uppercased = word.uppercased()
        if let exact = candidates.first(where: { $0.uppercased() == uppercased }) { return exact }
        let upper = Array(uppercased.unicodeScalars)
        guard upper.count <= 64 else { return nil }
        var best: (name: String, distance: Int)?
        for candidate in candidates {
            let distance = editDistance(upper, Array(candidate.uppercased().unicodeScalars))
            if distance < (best?.distance ?? Int.max) { best = (candidate, distance) }
        }
        guard let best, best.distance <= max(1, min(upper.count, best.name.count) / 3) else { return nil }
        return best.name
    }

    /// Levenshtein distance with transpositions counted as one edit.
    static func editDistance(_ a: [Unicode.Scalar], _ b: [Unicode.Scalar]) -> Int {
        guard !a.isEmpty else { return b.count }
        guard !b.isEmpty else { return a.count }
        var before = [Int](repeating: 0, count: b.count + 1)
        var previous = Array(0...b.count)
        var current = [Int](repeating: 0, count: b.count + 1)
        for i in 1...a.count {
            current[0] = i
            for j in 1...b.count {
                let cost = a[i - 1] == b[j - 1] ? 0 : 1
                current[j] = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost)
                if i > 1, j > 1, a[i - 1] == b[j - 2], a[i - 2] == b[j - 1] {
                    current[j] = min(current[j], before[j - 2] + 1)
                }
            }
            before = previous
            previous = current
        }
        return previous[b.count]
    }
}
