import Foundation
import Hummingbird

/// An error answered as JSON with its HTTP status:
/// `{"error": {"status": 400, "message": "...", "column": 7}}` (`column`
/// only for a query that does not parse: where, 1-based).
public struct APIError: Error, HTTPResponseError, Equatable {
    public var status: HTTPResponse.Status
    public var message: String
    public var column: Int?

    public init(_ status: HTTPResponse.Status, _ message: String, column: Int? = nil) {
        self.status = status
        self.message = message
        self.column = column
    }

    /// The message as a sentence, for a page: capitalised, with a full stop.
    var sentence: String { message.prefix(1).uppercased() + message.dropFirst() + "." }

    public func response(from request: Request, context: some RequestContext) throws -> Response {
        var error: [String: Any] = ["status": Int(status.code), "message": message]
        if let column { error["column"] = column }
        return JSONBody.response(["error": error], status: status)
    }
}

/// JSON responses, encoded as `scour search --format json` encodes them
/// (sorted keys, slashes unescaped).
enum JSONBody {
    static func response(_ object: [String: Any], status: HTTPResponse.Status = .ok) -> Response {
        let data = (try? JSONSerialization.data(withJSONObject: object, options: [.sortedKeys, .withoutEscapingSlashes])) ?? Data("{}".utf8)
        return response(data: data, status: status)
    }

    static func response(_ value: some Encodable, status: HTTPResponse.Status = .ok) throws -> Response {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        encoder.dateEncodingStrategy = .iso8601
        return response(data: try encoder.encode(value), status: status)
    }

    static func response(data: Data, status: HTTPResponse.Status) -> Response {
        Response(status: status, headers: [.contentType: "application/json; charset=utf-8"],
                 body: .init(byteBuffer: ByteBuffer(bytes: data)))
    }
}
