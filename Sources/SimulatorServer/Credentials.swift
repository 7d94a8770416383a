import Foundation

/// Why credentials could not be made.
public struct CredentialError: Error, Sendable, CustomStringConvertible {
  public var description: String
}

/// A fresh CA with a server certificate for 127.0.0.1 and a client certificate, made with the
/// `openssl` command in a private temporary folder.
public struct GeneratedCertificates: Sendable {
  /// The folder holding the PEM files; remove it with `discard()`.
  public var folder: String
  public var caCertificate: String { folder + "/ca.crt" }
  public var serverCertificate: String { folder + "/server.crt" }
  public var serverKey: String { folder + "/server.key" }
  public var clientCertificate: String { folder + "/client.crt" }
  public var clientKey: String { folder + "/client.key" }

  /// Runs `openssl` to make the CA and both certificates (valid for two days).
  public static func generate() throws(CredentialError) -> GeneratedCertificates {
    let folder = FileManager.default.temporaryDirectory
      .appendingPathComponent("batchdeck-tls-\(UUID().uuidString)").path
    do {
      try FileManager.default.createDirectory(
        atPath: folder, withIntermediateDirectories: false,
        attributes: [.posixPermissions: 0o700])
    } catch {
      throw CredentialError(description: "cannot create \(folder): \(error)")
    }
    let certificates = GeneratedCertificates(folder: folder)
    let key = ["-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1", "-nodes"]
    try certificates.openssl(
      ["req", "-x509"] + key + [
        "-keyout", "ca.key", "-out", "ca.crt", "-days", "2", "-subj", "/CN=batchdeck-sim-ca",
      ])
    try certificates.sign(
      "server", subject: "/CN=batchdeck-sim",
      extensions: "subjectAltName=IP:127.0.0.1,DNS:localhost\nextendedKeyUsage=serverAuth\n")
    try certificates.sign(
      "client", subject: "/O=system:masters/CN=batchdeck",
      extensions: "extendedKeyUsage=clientAuth\n")
    return certificates
  }

  /// Removes the folder and its keys.
  public func discard() {
    try? FileManager.default.removeItem(atPath: folder)
  }

  private func sign(_ name: String, subject: String, extensions: String) throws(CredentialError) {
    let key = ["-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1", "-nodes"]
    try openssl(
      ["req"] + key + ["-keyout", "\(name).key", "-out", "\(name).csr", "-subj", subject])
    do {
      try extensions.write(toFile: folder + "/\(name).ext", atomically: true, encoding: .utf8)
    } catch {
      throw CredentialError(description: "cannot write \(name).ext: \(error)")
    }
    try openssl([
      "x509", "-req", "-in", "\(name).csr", "-CA", "ca.crt", "-CAkey", "ca.key",
      "-CAcreateserial", "-out", "\(name).crt", "-days", "2", "-extfile", "\(name).ext",
    ])
  }

  private func openssl(_ arguments: [String]) throws(CredentialError) {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
    process.arguments = ["openssl"] + arguments
    process.currentDirectoryURL = URL(fileURLWithPath: folder)
    let errors = Pipe()
    process.standardError = errors
    process.standardOutput = FileHandle.nullDevice
    do {
      try process.run()
    } catch {
      throw CredentialError(description: "cannot run openssl: \(error)")
    }
    let detail = errors.fileHandleForReading.readDataToEndOfFile()
    process.waitUntilExit()
    guard process.terminationStatus == 0 else {
      let text = String(decoding: detail, as: UTF8.self)
      throw CredentialError(description: "openssl \(arguments[0]) failed: \(text)")
    }
  }
}

/// The kubeconfig `sim serve` writes: one cluster, user and context named `batchdeck-sim`.
public enum SimKubeconfig {
  /// The YAML text; certificate fields are present only for TLS.
  public static func render(
    server: String, token: String, certificates: GeneratedCertificates?
  ) throws(CredentialError) -> String {
    var cluster = "    server: \(server)\n"
    var user = "    token: \(token)\n"
    if let certificates {
      cluster += "    certificate-authority-data: \(try base64(certificates.caCertificate))\n"
      user += "    client-certificate-data: \(try base64(certificates.clientCertificate))\n"
      user += "    client-key-data: \(try base64(certificates.clientKey))\n"
    }
    return """
      apiVersion: v1
      kind: Config
      clusters:
      - name: batchdeck-sim
        cluster:
      \(cluster)users:
      - name: batchdeck-sim
        user:
      \(user)contexts:
      - name: batchdeck-sim
        context:
          cluster: batchdeck-sim
          user: batchdeck-sim
          namespace: default
      current-context: batchdeck-sim

      """
  }

  /// Writes `text` to `path` with mode 0600 through a temporary file and a rename, so the file
  /// appears complete or not at all.
  public static func write(_ text: String, to path: String) throws(CredentialError) {
    let temporary = path + ".tmp-\(getpid())"
    guard
      FileManager.default.createFile(
        atPath: temporary, contents: Data(text.utf8), attributes: [.posixPermissions: 0o600])
    else {
      throw CredentialError(description: "cannot write \(temporary)")
    }
    guard rename(temporary, path) == 0 else {
      try? FileManager.default.removeItem(atPath: temporary)
      throw CredentialError(description: "cannot write \(path)")
    }
  }

  /// A random bearer token (32 hex digits).
  public static func makeToken() -> String {
    var generator = SystemRandomNumberGenerator()
    return (0..<4).map { _ in
      let word = generator.next() as UInt32
      let hex = String(word, radix: 16)
      return String(repeating: "0", count: 8 - hex.count) + hex
    }.joined()
  }

  private static func base64(_ file: String) throws(CredentialError) -> String {
    guard let data = FileManager.default.contents(atPath: file) else {
      throw CredentialError(description: "cannot read \(file)")
    }
    return data.base64EncodedString()
  }
}
