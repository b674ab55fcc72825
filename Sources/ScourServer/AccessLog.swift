import Foundation
import Hummingbird
import Logging

/// One access-log line per request, when it is answered: method, path,
/// status and milliseconds (`GET /search?q=union 200 1.8 ms`). Errors
/// thrown by handlers are logged with the status they are answered with.
struct AccessLog<Context: RequestContext>: RouterMiddleware {
    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        let start = ContinuousClock.now
        do {
            let response = try await next(request, context)
            log(request, status: response.status, since: start, logger: context.logger)
            return response
        } catch {
            let status = (error as? any HTTPResponseError)?.status ?? .internalServerError
            log(request, status: status, since: start, logger: context.logger)
            throw error
        }
    }

    private func log(_ request: Request, status: HTTPResponse.Status, since start: ContinuousClock.Instant, logger: Logger) {
        let milliseconds = (ContinuousClock.now - start).milliseconds
        logger.info("\(request.method) \(request.uri) \(status.code) \(String(format: "%.1f", milliseconds)) ms")
    }
}
