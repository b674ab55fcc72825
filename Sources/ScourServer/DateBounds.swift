import Scour

/// `after` and `before` of a request as a range of ``PublicationDate``
/// numbers (see ``PublicationDate/range(after:before:)``); 400 when either
/// is not a date.
enum DateBounds {
    static func range(after: String?, before: String?) throws(APIError) -> ClosedRange<UInt32>? {
        do { return try PublicationDate.range(after: after, before: before) } catch {
            throw APIError(.badRequest, error.description)
        }
    }
}
