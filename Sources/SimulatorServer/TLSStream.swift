import COpenSSL
import Glibc

/// Why TLS could not be set up.
public struct TLSSetupError: Error, Sendable, CustomStringConvertible {
  public var description: String
}

/// The server side of TLS: a certificate, its key, and the CA that client certificates must
/// chain to (clients without one are refused during the handshake).
public final class TLSContext: @unchecked Sendable {
  let context: OpaquePointer

  /// Loads PEM files; throws when a file is missing or the key does not match.
  public init(certificate: String, key: String, clientCA: String) throws(TLSSetupError) {
    guard let context = SSL_CTX_new(TLS_server_method()) else {
      throw TLSSetupError(description: "OpenSSL could not create a TLS context")
    }
    self.context = context
    guard SSL_CTX_use_certificate_chain_file(context, certificate) == 1 else {
      throw TLSSetupError(description: "cannot load the certificate \(certificate)")
    }
    guard SSL_CTX_use_PrivateKey_file(context, key, SSL_FILETYPE_PEM) == 1,
      SSL_CTX_check_private_key(context) == 1
    else {
      throw TLSSetupError(description: "cannot load the key \(key)")
    }
    guard SSL_CTX_load_verify_locations(context, clientCA, nil) == 1 else {
      throw TLSSetupError(description: "cannot load the client CA \(clientCA)")
    }
    SSL_CTX_set_verify(context, SSL_VERIFY_PEER | SSL_VERIFY_FAIL_IF_NO_PEER_CERT, nil)
  }

  deinit { SSL_CTX_free(context) }

  /// Runs the handshake on an accepted socket; `nil` (socket closed) when it fails.
  func accept(_ descriptor: Int32) -> TLSStream? {
    guard let session = SSL_new(context) else {
      _ = Glibc.close(descriptor)
      return nil
    }
    SSL_set_fd(session, descriptor)
    guard SSL_accept(session) == 1 else {
      SSL_free(session)
      _ = Glibc.close(descriptor)
      return nil
    }
    return TLSStream(session: session, descriptor: descriptor)
  }
}

/// One TLS session over an accepted socket.
final class TLSStream: ByteStream {
  let descriptor: Int32
  private let session: OpaquePointer
  private var closed = false

  init(session: OpaquePointer, descriptor: Int32) {
    self.session = session
    self.descriptor = descriptor
  }

  func read(max count: Int) -> [UInt8] {
    var buffer = [UInt8](repeating: 0, count: count)
    let got = buffer.withUnsafeMutableBytes { SSL_read(session, $0.baseAddress, Int32(count)) }
    guard got > 0 else { return [] }
    return Array(buffer.prefix(Int(got)))
  }

  func write(_ bytes: [UInt8]) -> Bool {
    guard !bytes.isEmpty else { return true }
    let sent = bytes.withUnsafeBytes { SSL_write(session, $0.baseAddress, Int32(bytes.count)) }
    return Int(sent) == bytes.count
  }

  func close() {
    guard !closed else { return }
    closed = true
    SSL_shutdown(session)
    SSL_free(session)
    _ = Glibc.close(descriptor)
  }
}
