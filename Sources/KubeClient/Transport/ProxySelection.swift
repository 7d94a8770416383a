import Foundation

/// Chooses the proxy for a cluster as kubectl (client-go over Go's `net/http`) does.
///
/// - A cluster's `proxy-url` carries every request, whatever `NO_PROXY` says.
/// - Without one, `HTTPS_PROXY` (or `https_proxy`) is used for `https://` servers and
///   `HTTP_PROXY` (or `http_proxy`) for `http://` ones, unless `NO_PROXY` (or `no_proxy`)
///   names the server. A value without a scheme means `http://`.
/// - As in Go, `localhost` and loopback addresses never go through an environment proxy.
///
/// The choice is made here rather than by libcurl, whose own environment rules differ (it
/// ignores upper-case `HTTP_PROXY`, reads `ALL_PROXY` and proxies loopback addresses).
///
/// `socks5://` is handed to libcurl as `socks5h://`: Go's SOCKS5 dialer sends host names to
/// the proxy to resolve, and so does this client. `socks5h://` is accepted too.
public enum ProxySelection {
  /// The proxy for `server`, or `nil` to connect directly.
  public static func proxy(
    for server: String, explicit: String?, environment: [String: String]
  ) -> String? {
    if let explicit, !explicit.isEmpty { return explicit }
    guard let url = URLComponents(string: server), let host = url.host?.lowercased() else {
      return nil
    }
    let secure = url.scheme?.lowercased() != "http"
    let names = secure ? ["HTTPS_PROXY", "https_proxy"] : ["HTTP_PROXY", "http_proxy"]
    guard let value = firstValue(names, in: environment) else { return nil }
    let port = url.port ?? (secure ? 443 : 80)
    guard
      usesProxy(
        host: host, port: port, noProxy: firstValue(["NO_PROXY", "no_proxy"], in: environment))
    else { return nil }
    if let parsed = URLComponents(string: value), let scheme = parsed.scheme,
      ["http", "https", "socks5", "socks5h"].contains(scheme.lowercased()), parsed.host != nil
    {
      return value
    }
    return "http://" + value
  }

  /// Whether a request to `host:port` goes through an environment proxy.
  static func usesProxy(host: String, port: Int, noProxy: String?) -> Bool {
    let bare = host.hasPrefix("[") ? String(host.dropFirst().dropLast()) : host
    if bare == "localhost" { return false }
    let address = IPAddress(bare)
    if let address, address.isLoopback { return false }
    guard let noProxy else { return true }
    for raw in noProxy.split(separator: ",") {
      let entry = raw.trimmingCharacters(in: .whitespaces).lowercased()
      if entry.isEmpty { continue }
      if entry == "*" { return false }
      if let slash = entry.firstIndex(of: "/") {
        if let address, let network = IPAddress(String(entry[..<slash])),
          let bits = Int(entry[entry.index(after: slash)...]),
          address.matches(network: network, prefixBits: bits)
        {
          return false
        }
        continue
      }
      if let ip = IPAddress(entry) {
        if let address, address == ip { return false }
        continue
      }
      var name = entry
      var wantedPort: Int?
      if let colon = name.lastIndex(of: ":"), let number = Int(name[name.index(after: colon)...]) {
        wantedPort = number
        name = String(name[..<colon])
      }
      if let wantedPort, wantedPort != port { continue }
      if name.hasPrefix("*.") { name.removeFirst() }
      if name.hasPrefix(".") {
        if bare.hasSuffix(name) { return false }
      } else if bare == name || bare.hasSuffix("." + name) {
        return false
      }
    }
    return true
  }

  /// The URL as libcurl takes it: `socks5` resolves names at the proxy, as in Go.
  static func curlForm(_ proxy: String) -> String {
    guard proxy.lowercased().hasPrefix("socks5://") else { return proxy }
    return "socks5h://" + proxy.dropFirst("socks5://".count)
  }

  /// The URL with its password replaced by `***`, for messages and logs.
  public static func redacted(_ proxy: String) -> String {
    guard let schemeEnd = proxy.range(of: "://"),
      let at = proxy[schemeEnd.upperBound...].firstIndex(of: "@")
    else { return proxy }
    let userinfo = proxy[schemeEnd.upperBound..<at]
    guard let colon = userinfo.firstIndex(of: ":") else { return proxy }
    return String(proxy[..<colon]) + ":***" + String(proxy[at...])
  }

  private static func firstValue(_ names: [String], in environment: [String: String]) -> String? {
    for name in names {
      if let value = environment[name], !value.isEmpty { return value }
    }
    return nil
  }
}

/// An IPv4 or IPv6 address as bytes, for loopback and `NO_PROXY` checks.
struct IPAddress: Equatable {
  var bytes: [UInt8]

  init?(_ text: String) {
    var v4 = in_addr()
    var v6 = in6_addr()
    if inet_pton(AF_INET, text, &v4) == 1 {
      bytes = withUnsafeBytes(of: &v4) { Array($0) }
    } else if inet_pton(AF_INET6, text, &v6) == 1 {
      bytes = withUnsafeBytes(of: &v6) { Array($0) }
    } else {
      return nil
    }
  }

  /// 127.0.0.0/8 or ::1.
  var isLoopback: Bool {
    bytes.count == 4 ? bytes[0] == 127 : bytes == [UInt8](repeating: 0, count: 15) + [1]
  }

  func matches(network: IPAddress, prefixBits: Int) -> Bool {
    guard network.bytes.count == bytes.count, (0...(bytes.count * 8)).contains(prefixBits) else {
      return false
    }
    for bit in 0..<prefixBits {
      let mask = UInt8(0x80) >> UInt8(bit % 8)
      if bytes[bit / 8] & mask != network.bytes[bit / 8] & mask { return false }
    }
    return true
  }
}
