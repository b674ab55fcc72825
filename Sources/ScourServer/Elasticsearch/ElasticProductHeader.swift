import HTTPTypes
import Hummingbird

/// Adds `X-Elastic-Product: Elasticsearch` to every answer, errors
/// included (``ServerConfiguration/elasticProductHeader``).
struct ElasticProductHeader<Context: RequestContext>: RouterMiddleware {
    static var name: HTTPField.Name { HTTPField.Name("X-Elastic-Product")! }

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        var response: Response
        do {
            response = try await next(request, context)
        } catch let error as any HTTPResponseError {
            response = try error.response(from: request, context: context)
        }
        response.headers[Self.name] = "Elasticsearch"
        return response
    }
}
