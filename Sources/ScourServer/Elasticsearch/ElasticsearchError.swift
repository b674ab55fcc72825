import Foundation
import Hummingbird

/// An error as Elasticsearch shapes it, so that clients raise their usual
/// exceptions: `{"error": {"root_cause": [{"type", "reason"}], "type",
/// "reason"}, "status": N}`.
struct ElasticsearchError: Error, HTTPResponseError {
    var status: HTTPResponse.Status
    var type: String
    var reason: String

    init(_ status: HTTPResponse.Status, _ type: String, _ reason: String) {
        self.status = status
        self.type = type
        self.reason = reason
    }

    /// A request for a feature this server does not implement: 400, never
    /// a wrong answer.
    static func unsupported(_ what: String) -> ElasticsearchError {
        ElasticsearchError(.badRequest, "illegal_argument_exception", "\(what) is not supported by Scour's Elasticsearch API")
    }

    static func parsing(_ reason: String) -> ElasticsearchError {
        ElasticsearchError(.badRequest, "parsing_exception", reason)
    }

    static func noIndex(_ name: String) -> ElasticsearchError {
        ElasticsearchError(.notFound, "index_not_found_exception", "no such index [\(name)]")
    }

    func response(from request: Request, context: some RequestContext) throws -> Response {
        let cause: [String: Any] = ["type": type, "reason": reason]
        var error = cause
        error["root_cause"] = [cause]
        return JSONBody.response(["error": error, "status": Int(status.code)], status: status)
    }
}
