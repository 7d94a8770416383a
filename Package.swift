// swift-tools-version:6.0
import PackageDescription

let package = Package(
  name: "batchdeck",
  products: [.executable(name: "batchdeck", targets: ["batchdeck"])],
  targets: [
    // C libraries from Debian. Only CursesTerminal imports CNcursesw, only KubeClient CCurl,
    // only SimulatorServer (and the tests' HTTPS proxy) COpenSSL.
    .target(
      name: "CNcursesw",
      linkerSettings: [.linkedLibrary("ncursesw")]
    ),
    .systemLibrary(
      name: "CCurl", pkgConfig: "libcurl", providers: [.apt(["libcurl4-openssl-dev"])]),
    .systemLibrary(name: "COpenSSL", pkgConfig: "openssl", providers: [.apt(["libssl-dev"])]),
    .systemLibrary(name: "CYAML", pkgConfig: "yaml-0.1", providers: [.apt(["libyaml-dev"])]),

    // Pure Swift layers.
    .target(name: "Logging"),
    .target(name: "APIMachinery"),
    .target(name: "BatchdeckModel"),
    .target(name: "KubeYAML", dependencies: ["CYAML", "APIMachinery"]),
    .target(
      name: "KubeClient",
      dependencies: ["CCurl", "APIMachinery", "BatchdeckModel", "KubeYAML", "Logging"]),
    .target(
      name: "ClusterSimulator",
      dependencies: ["APIMachinery", "BatchdeckModel", "KubeYAML", "Logging"],
      exclude: ["BEHAVIOUR.md"]
    ),
    .target(
      name: "SimulatorServer",
      dependencies: ["COpenSSL", "ClusterSimulator", "APIMachinery", "BatchdeckModel", "Logging"]
    ),
    .target(
      name: "BatchdeckSync",
      dependencies: ["KubeClient", "APIMachinery", "BatchdeckModel", "Logging"]
    ),
    .target(name: "BatchdeckView", dependencies: ["BatchdeckModel"]),
    .target(name: "CursesTerminal", dependencies: ["CNcursesw", "BatchdeckView"]),
    .executableTarget(
      name: "batchdeck",
      dependencies: [
        "APIMachinery", "BatchdeckModel", "KubeYAML", "KubeClient", "ClusterSimulator",
        "SimulatorServer", "BatchdeckSync", "BatchdeckView", "CursesTerminal", "Logging",
      ]
    ),

    .target(
      name: "TestHTTPServer", dependencies: ["COpenSSL"], path: "Tests/Support/TestHTTPServer"),
    .testTarget(name: "APIMachineryTests", dependencies: ["APIMachinery"]),
    .testTarget(name: "BatchdeckModelTests", dependencies: ["BatchdeckModel"]),
    .testTarget(name: "KubeYAMLTests", dependencies: ["KubeYAML", "APIMachinery"]),
    .testTarget(
      name: "KubeClientTests",
      dependencies: [
        "KubeClient", "APIMachinery", "BatchdeckModel", "KubeYAML", "TestHTTPServer",
      ]
    ),
    .testTarget(
      name: "ClusterSimulatorTests",
      dependencies: ["ClusterSimulator", "APIMachinery", "BatchdeckModel", "KubeYAML"]
    ),
    .testTarget(
      name: "SimulatorServerTests",
      dependencies: ["SimulatorServer", "ClusterSimulator", "APIMachinery"]
    ),
    .testTarget(
      name: "BatchdeckViewTests",
      dependencies: ["BatchdeckView", "BatchdeckModel"],
      exclude: ["Snapshots"]
    ),
    .testTarget(name: "CursesTerminalTests", dependencies: ["CursesTerminal", "BatchdeckView"]),
    .testTarget(
      name: "BatchdeckSyncTests",
      dependencies: [
        "BatchdeckSync", "ClusterSimulator", "KubeClient", "APIMachinery", "Logging",
        "TestHTTPServer",
      ]
    ),
    .testTarget(name: "BatchdeckEndToEndTests", dependencies: ["batchdeck", "TestHTTPServer"]),
  ]
)
