import APIMachinery

extension KubeAPI {
  /// Fetches one object as the server wrote it, so its key order survives (the YAML view).
  public func getRaw(
    _ resource: APIResource, namespace: String, name: String,
    cancellation: CancellationToken? = nil
  ) throws(KubeError) -> [UInt8] {
    let request = HTTPRequest(
      path: resource.objectPath(namespace: namespace, name: name),
      headers: [RequestBuilder.acceptJSON])
    let response: HTTPResponse
    do {
      response = try transport.perform(request, cancellation: cancellation)
    } catch {
      throw .transport(error)
    }
    guard (200..<300).contains(response.status) else {
      throw KubeError.from(
        status: response.status, headers: response.head.headers, body: response.body)
    }
    return response.body
  }
}
