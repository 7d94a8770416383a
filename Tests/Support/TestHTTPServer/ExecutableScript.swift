import Foundation

#if canImport(Glibc)
  import Glibc
#endif

/// Test scripts that are run right after they are written (exec credential plugins).
public enum ExecutableScript {
  /// Writes `text` to `path` as an executable file through a close-on-exec descriptor.
  ///
  /// A script written through a descriptor without close-on-exec can be inherited by a
  /// process another test forks at the same moment; while that child holds it open for
  /// writing, running the script fails with "Text file busy" (ETXTBSY).
  public static func write(_ text: String, to path: String) throws {
    let descriptor = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o755)
    guard descriptor >= 0 else { throw POSIXError(POSIXErrorCode(rawValue: errno) ?? .EIO) }
    defer { close(descriptor) }
    var bytes = Array(text.utf8)[...]
    while !bytes.isEmpty {
      let written = bytes.withUnsafeBytes { Glibc.write(descriptor, $0.baseAddress, $0.count) }
      if written < 0, errno == EINTR { continue }
      guard written > 0 else { throw POSIXError(POSIXErrorCode(rawValue: errno) ?? .EIO) }
      bytes = bytes.dropFirst(written)
    }
    guard fchmod(descriptor, 0o755) == 0 else {
      throw POSIXError(POSIXErrorCode(rawValue: errno) ?? .EIO)
    }
  }
}
