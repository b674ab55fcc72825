import Foundation

/// What `scour serve` serves and how: the index, where to listen, and the
/// limits that keep a server exposed to a network safe.
public struct ServerConfiguration: Sendable {
    /// The index folder.
    public var indexPath: String
    /// Address to bind: loopback unless asked otherwise.
    public var host: String
    /// TCP port; 0 picks a free one.
    public var port: Int
    /// Refuse every write endpoint (403).
    public var readOnly: Bool
    /// The longest query accepted, in bytes of UTF-8.
    public var maximumQueryBytes: Int
    /// The most results one request may ask for.
    public var maximumLimit: Int
    /// The deepest page: `offset + limit` at most this (Elasticsearch's
    /// `index.max_result_window`).
    public var maximumWindow: Int
    /// Searches running at once; more wait their turn.
    public var searchThreads: Int
    /// Send `X-Elastic-Product: Elasticsearch` on every answer: the
    /// official Elasticsearch clients (8 and later) refuse a server without
    /// it. Off by default, because it claims to be what Scour is not.
    public var elasticProductHeader: Bool
    /// The key a write must carry (`Authorization: ApiKey KEY`, `Bearer
    /// KEY` or `X-API-Key: KEY`); nil: writes need none.
    public var apiKey: String?
    /// Bytes accepted in a `_bulk` request.
    public var maximumBulkBytes: Int
    /// Bytes accepted in any other request body.
    public var maximumBodyBytes: Int
    /// A search running longer is stopped and answered 503
    /// (``SearchOptions/timeLimit``).
    public var timeLimit: Duration

    public init(indexPath: String, host: String = "127.0.0.1", port: Int = 7700, readOnly: Bool = false,
                maximumQueryBytes: Int = 4096, maximumLimit: Int = 1000, maximumWindow: Int = 10_000,
                searchThreads: Int = ProcessInfo.processInfo.activeProcessorCount, elasticProductHeader: Bool = false,
                apiKey: String? = nil, maximumBulkBytes: Int = 10 << 20, maximumBodyBytes: Int = 64 << 10,
                timeLimit: Duration = .seconds(10)) {
        self.indexPath = indexPath
        self.host = host
        self.port = port
        self.readOnly = readOnly
        self.maximumQueryBytes = maximumQueryBytes
        self.maximumLimit = maximumLimit
        self.maximumWindow = maximumWindow
        self.searchThreads = max(1, searchThreads)
        self.elasticProductHeader = elasticProductHeader
        self.apiKey = apiKey
        self.maximumBulkBytes = maximumBulkBytes
        self.maximumBodyBytes = maximumBodyBytes
        self.timeLimit = timeLimit
    }
}
