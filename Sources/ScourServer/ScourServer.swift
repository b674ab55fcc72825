import Foundation
import Hummingbird
import Logging
import ServiceLifecycle

/// `scour serve`: an index searchable over HTTP.
///
/// ```swift
/// let app = try ScourServer.application(ServerConfiguration(indexPath: "Index"))
/// try await app.runService()   // until SIGINT or SIGTERM
/// ```
public enum ScourServer {
    /// The HTTP application for `configuration`: its routes, access log
    /// and server header. The index is opened on the first request.
    public static func application(_ configuration: ServerConfiguration, logger: Logger? = nil,
                                   onServerRunning: @escaping @Sendable (Int) async -> Void = { _ in })
        -> some ApplicationProtocol {
        var logger = logger ?? Logger(label: "scour.serve")
        if logger.logLevel > .info { logger.logLevel = .info }
        let router = Router()
        router.add(middleware: AccessLog())
        if configuration.elasticProductHeader { router.add(middleware: ElasticProductHeader()) }
        let service = IndexService(path: configuration.indexPath, threads: configuration.searchThreads)
        SearchEndpoints(service: service, configuration: configuration).register(on: router)
        let search = ElasticsearchEndpoints(service: service, configuration: configuration)
        search.register(on: router)
        let feed = configuration.readOnly ? nil : DocumentFeed(indexPath: configuration.indexPath, logger: logger)
        ElasticsearchWrites(feed: feed, service: service, configuration: configuration, indexNames: search.indexNames).register(on: router)
        return Application(
            router: router,
            configuration: .init(address: .hostname(configuration.host, port: configuration.port), serverName: "scour"),
            onServerRunning: { channel in await onServerRunning(channel.localAddress?.port ?? configuration.port) },
            logger: logger)
    }

    /// How long a graceful shutdown may take: requests still running
    /// after it are cancelled.
    public static let shutdownLimit: Duration = .seconds(5)

    /// Serves until SIGINT or SIGTERM, then stops accepting connections,
    /// lets the requests in flight finish (for at most ``shutdownLimit``)
    /// and returns.
    public static func run(_ configuration: ServerConfiguration, logger: Logger,
                           onServerRunning: @escaping @Sendable (Int) async -> Void = { _ in }) async throws {
        let app = application(configuration, logger: logger, onServerRunning: onServerRunning)
        var group = ServiceGroupConfiguration(services: [app], gracefulShutdownSignals: [.sigterm, .sigint], logger: logger)
        group.maximumGracefulShutdownDuration = shutdownLimit
        try await ServiceGroup(configuration: group).run()
    }
}
