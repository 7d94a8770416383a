import APIMachinery

/// Builds API requests as plain values, so they can be checked without a network.
public enum RequestBuilder {
  static let acceptJSON = (name: "Accept", value: "application/json")

  /// A list request with paging.
  public static func list(
    _ resource: APIResource, namespace: String?, labelSelector: String?, limit: Int,
    continueToken: String, groupVersion: String? = nil
  ) -> HTTPRequest {
    var query = [QueryItem("limit", String(limit))]
    if let labelSelector, !labelSelector.isEmpty {
      query.append(QueryItem("labelSelector", labelSelector))
    }
    if !continueToken.isEmpty { query.append(QueryItem("continue", continueToken)) }
    return HTTPRequest(
      path: resource.collectionPath(namespace: namespace, groupVersion: groupVersion),
      query: query, headers: [acceptJSON])
  }

  /// A watch request from a resource version, with bookmarks.
  public static func watch(
    _ resource: APIResource, namespace: String?, resourceVersion: String, timeoutSeconds: Int,
    groupVersion: String? = nil
  ) -> HTTPRequest {
    HTTPRequest(
      path: resource.collectionPath(namespace: namespace, groupVersion: groupVersion),
      query: [
        QueryItem("watch", "1"), QueryItem("resourceVersion", resourceVersion),
        QueryItem("allowWatchBookmarks", "true"),
        QueryItem("timeoutSeconds", String(timeoutSeconds)),
      ],
      headers: [acceptJSON])
  }

  /// A pod log request.
  public static func log(
    namespace: String, pod: String, container: String?, tailLines: Int?, follow: Bool,
    timestamps: Bool, previous: Bool = false
  ) -> HTTPRequest {
    var query: [QueryItem] = []
    if let container { query.append(QueryItem("container", container)) }
    if let tailLines { query.append(QueryItem("tailLines", String(tailLines))) }
    if follow { query.append(QueryItem("follow", "true")) }
    if timestamps { query.append(QueryItem("timestamps", "true")) }
    if previous { query.append(QueryItem("previous", "true")) }
    return HTTPRequest(
      path: APIResource.pods.objectPath(namespace: namespace, name: pod) + "/log", query: query)
  }
}
