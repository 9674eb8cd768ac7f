import NIOCore

extension Duration {
    /// The same span as NIO's `TimeAmount` (nanosecond precision, saturating).
    var timeAmount: TimeAmount {
        let (seconds, attoseconds) = components
        let (nanosFromSeconds, overflow) = seconds.multipliedReportingOverflow(by: 1_000_000_000)
        guard !overflow else { return .nanoseconds(seconds < 0 ? .min : .max) }
        return .nanoseconds(nanosFromSeconds.addingReportingOverflow(attoseconds / 1_000_000_000).partialValue)
    }

    /// `250ms`, `5s`, `2.5s`: short enough for an error message.
    var shortDescription: String {
        let milliseconds = components.seconds * 1_000 + components.attoseconds / 1_000_000_000_000_000
        if milliseconds < 1_000 { return "\(milliseconds)ms" }
        if milliseconds % 1_000 == 0 { return "\(milliseconds / 1_000)s" }
        return "\(Double(milliseconds) / 1_000)s"
    }
}
