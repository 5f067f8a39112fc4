// swift-tools-version:6.0
import PackageDescription

// Layout: a pure domain core (CCMCore) with no I/O; thin adapters over C libraries
// (CCMXML over libxml2, CCMStore over libpq); CCMApp wires them into one pipeline;
// `ccm` is the command line on top.
// Every target in Swift 6 language mode (strict concurrency: data races are errors), with no
// unchecked escape (`@unchecked Sendable`, `nonisolated(unsafe)`): LanguageModeTests keeps it so.

let package = Package(
    name: "ccm",
    platforms: [.macOS(.v13)],
    products: [
        .executable(name: "ccm", targets: ["ccm"]),
        .executable(name: "ccm-fuzz", targets: ["ccm-fuzz"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.5.0"),
        .package(url: "https://github.com/LebJe/TOMLKit", from: "0.6.0"),
        .package(url: "https://github.com/yaslab/CSV.swift", from: "2.5.2"),
        .package(url: "https://github.com/apple/swift-log", from: "1.16.2"),
    ],
    targets: [
        .systemLibrary(name: "CLibXML2", pkgConfig: "libxml-2.0",
                       providers: [.apt(["libxml2-dev"])]),
        .systemLibrary(name: "CLibPQ", pkgConfig: "libpq",
                       providers: [.apt(["libpq-dev"])]),
        .systemLibrary(name: "COpenSSL", pkgConfig: "openssl",
                       providers: [.apt(["libssl-dev"])]),
        .systemLibrary(name: "CXMLSec", pkgConfig: "xmlsec1-openssl",
                       providers: [.apt(["libxmlsec1-dev"])]),
        .systemLibrary(name: "CXLSXWriter", pkgConfig: "xlsxwriter",
                       providers: [.apt(["libxlsxwriter-dev"])]),
        .systemLibrary(name: "CCurl", pkgConfig: "libcurl",
                       providers: [.apt(["libcurl4-openssl-dev"])]),
        .target(name: "CCMCore"),
        .target(name: "CCMXML", dependencies: ["CCMCore", "CLibXML2"]),
        // The rules file, the configuration file and the registry's CSV read with TOMLKit and
        // CSV.swift into the core's neutral shapes (`ConfigValue`, `CSVRecord`).
        .target(name: "CCMFormats", dependencies: [
            "CCMCore",
            .product(name: "TOMLKit", package: "TOMLKit"),
            .product(name: "CSV", package: "CSV.swift"),
        ]),
        // The schema's migrations, Migrations/NNNN_what.sql, compiled into the binary (no file to install).
        .target(name: "CCMStore", dependencies: ["CCMCore", "CLibPQ"], resources: [.embedInCode("Migrations")]),
        .target(name: "CCMSignature", dependencies: ["CCMCore", "CCMXML", "COpenSSL", "CXMLSec"]),
        .target(name: "CCMApp", dependencies: ["CCMCore", "CCMXML", "CCMStore", "CCMSignature", "CCMFormats", "COpenSSL",
                                               "CXLSXWriter", "CCurl",
                                               .product(name: "Logging", package: "swift-log")]),
        .executableTarget(name: "ccm", dependencies: [
            "CCMApp",
            .product(name: "ArgumentParser", package: "swift-argument-parser"),
        ]),
        // libFuzzer over Inspection (parse → validate → verify): scripts/fuzz.sh builds it with
        // -sanitize=fuzzer,address -DCCM_FUZZ; a plain build replays the inputs it is given.
        .executableTarget(name: "ccm-fuzz", dependencies: ["CCMApp", "CCMXML", "CCMSignature"],
                          swiftSettings: [.enableExperimentalFeature("Extern")]),
        // The core's tests read the shipped rules file and CSV text through CCMFormats.
        .testTarget(name: "CCMCoreTests", dependencies: ["CCMCore", "CCMFormats"]),
        .testTarget(name: "CCMIntegrationTests", dependencies: ["CCMApp", "CCMXML", "CCMStore", "CCMCore", "CCMSignature",
                                                                "CCMFormats", .product(name: "Logging", package: "swift-log")]),
    ],
    swiftLanguageModes: [.v6]
)
