// swift-tools-version: 6.1
import PackageDescription

let package = Package(
  name: "rota",
  platforms: [.macOS(.v14)],
  products: [
    .executable(name: "rota", targets: ["rota"])
  ],
  dependencies: [
    .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
    .package(url: "https://github.com/groue/GRDB.swift", from: "7.10.0"),
    .package(url: "https://github.com/jpsim/Yams", from: "6.2.2"),
    .package(url: "https://github.com/vapor/postgres-nio", from: "1.33.2"),
    .package(url: "https://github.com/apple/swift-log", from: "1.16.2"),
  ],
  targets: [
    // The wide-character ncurses. Its headers and library are on the default
    // paths; `pkgConfig: "ncursesw"` is left out because the flags it returns
    // (-D_XOPEN_SOURCE=600) are ones SwiftPM refuses with a warning on every build.
    // .ci/run checks `pkg-config --exists ncursesw` instead.
    .systemLibrary(
      name: "CNCursesW",
      providers: [.apt(["libncursesw5-dev"]), .brew(["ncurses"])]
    ),
    .target(name: "CWideChar"),
    .target(
      name: "RotaCore",
      dependencies: ["CWideChar", .product(name: "Yams", package: "Yams")],
      resources: [.embedInCode("Resources/demo-pcn.yaml"), .embedInCode("Resources/arrs-reimbursement.yaml")]
    ),
    .target(
      name: "RotaStore",
      dependencies: [
        "RotaCore", .product(name: "GRDB", package: "GRDB.swift"),
        .product(name: "PostgresNIO", package: "postgres-nio"), .product(name: "Logging", package: "swift-log"),
      ]
    ),
    .target(
      name: "RotaUI",
      dependencies: ["RotaCore"],
      resources: [
        .embedInCode("Resources/default.theme"), .embedInCode("Resources/light.theme"),
        .embedInCode("Resources/high-contrast.theme"),
        .embedInCode("Resources/colour-blind-safe.theme"), .embedInCode("Resources/monochrome.theme"),
      ]
    ),
    .target(name: "RotaTerminal", dependencies: ["CNCursesW", "RotaUI"]),
    // The in-memory backend the tests and the benchmarks drive the planner with, and the
    // tests' PostgreSQL server; not in the product.
    .target(name: "RotaTestSupport", dependencies: ["RotaCore", "RotaUI"]),
    .executableTarget(
      name: "rota-bench",
      dependencies: ["RotaCore", "RotaStore", "RotaUI", "RotaTestSupport"]
    ),
    .executableTarget(
      name: "rota",
      dependencies: [
        "RotaCore",
        "RotaStore",
        "RotaUI",
        "RotaTerminal",
        .product(name: "ArgumentParser", package: "swift-argument-parser"),
      ]
    ),
    .testTarget(name: "RotaCoreTests", dependencies: ["RotaCore"]),
    .testTarget(
      name: "RotaStoreTests",
      dependencies: ["RotaStore", "RotaCore", "RotaTestSupport", .product(name: "GRDB", package: "GRDB.swift")],
      exclude: ["Fixtures"]
    ),
    .testTarget(name: "RotaUITests", dependencies: ["RotaUI", "RotaCore", "RotaTestSupport"], exclude: ["Golden"]),
    .testTarget(name: "RotaTerminalTests", dependencies: ["CNCursesW", "RotaTerminal", "RotaUI"]),
    .testTarget(
      name: "RotaCLITests",
      dependencies: ["rota", "RotaCore", "RotaTestSupport", .product(name: "GRDB", package: "GRDB.swift")]
    ),
  ],
  swiftLanguageModes: [.v6]
)
