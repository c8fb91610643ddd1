import Synchronization

/// Where a model task leaves its answer for the loop to pick up at its next turn.
final class AnswerInbox: Sendable {
    private let answers = Mutex<[ModelAnswer]>([])

    func post(_ answer: ModelAnswer) {
        answers.withLock { $0.append(answer) }
    }

    /// Everything posted since the last call, oldest first.
    func take() -> [ModelAnswer] {
        answers.withLock { list in
            defer { list.removeAll() }
            return list
        }
    }
}
