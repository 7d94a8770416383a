import KubeClient
import Logging

/// The data sources of the full-screen views: the YAML view's object and the log view's
/// streams, both read off the terminal's thread.
public final class DetailFeeds: Sendable {
  public let documents: ObjectDocumentFetcher
  public let logs: LogViewFeed

  public init(api: KubeAPI, logger: Logger) {
    documents = ObjectDocumentFetcher(api: api, logger: logger.labeled("yaml"))
    logs = LogViewFeed(api: api, logger: logger.labeled("log-view"))
  }

  /// Stops everything the views read.
  public func close() {
    documents.close()
    logs.close()
  }
}
