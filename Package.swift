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
  ],
  targets: [
    .systemLibrary(
      name: "CNCursesW",
      pkgConfig: "ncursesw",
      providers: [.apt(["libncursesw5-dev"]), .brew(["ncurses"])]
    ),
    .target(name: "CWideChar"),
    .target(
      name: "RotaCore",
      dependencies: ["CWideChar", .product(name: "Yams", package: "Yams")],
      resources: [.embedInCode("Resources/demo-pcn.yaml")]
    ),
    .executableTarget(
      name: "rota",
      dependencies: [
        "RotaCore",
        .product(name: "ArgumentParser", package: "swift-argument-parser"),
      ]
    ),
  ],
  swiftLanguageModes: [.v6]
)
