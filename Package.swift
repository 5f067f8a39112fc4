// swift-tools-version:6.0
import PackageDescription

// Layout, one way: adapters and use cases depend on the core, never the reverse.
//   CCMCore        the model, rules, judging, the centralizer, ports and AppError (no I/O)
//   CCMXML         libxml2: reading and validating the submission
//   CCMSignature   xmlsec/OpenSSL: signatures, certificates, the trust list, Digest
//   CCMStore       libpq: the database, its migrations
//   CCMFormats     TOMLKit and CSV.swift: the rules file, ccm.toml, the registry's CSV
//   CCMFiles       the file system: moves and copies out of the inbox, file stamps, private modes, output files
//   CCMPublishing  the centralizer's and the comparison's formats (libxlsxwriter), the e-mails and SMTP (libcurl)
//   CCMRuntime     the process: log lines (swift-log), subprocesses, the embedded PostgreSQL
//   CCMApp         the use cases (ingest, nightly, revalidation, notify, registry, trust, signers, db)
//   ccm            the command line over CCMApp (CCMCore for its typed arguments)
// LayeringTests hold these edges. Tests mirror the modules (CCM<Module>Tests); EndToEndTests run the `ccm` executable.
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
        .target(name: "CCMFiles", dependencies: ["CCMCore"]),
        // Digest (CCMSignature) for the page's CSP hashes and the e-mails' identity.
        .target(name: "CCMPublishing", dependencies: ["CCMCore", "CCMSignature", "CXLSXWriter", "CCurl"]),
        // The embedded cluster's folder is private (CCMFiles) and migrated at start (CCMStore).
        .target(name: "CCMRuntime", dependencies: ["CCMCore", "CCMStore", "CCMFiles",
                                                   .product(name: "Logging", package: "swift-log")]),
        .target(name: "CCMApp", dependencies: ["CCMCore", "CCMXML", "CCMStore", "CCMSignature", "CCMFormats",
                                               "CCMFiles", "CCMPublishing", "CCMRuntime"]),
        .executableTarget(name: "ccm", dependencies: [
            "CCMApp", "CCMCore",
            .product(name: "ArgumentParser", package: "swift-argument-parser"),
        ]),
        // libFuzzer over Inspection (parse → validate → verify): scripts/fuzz.sh builds it with
        // -sanitize=fuzzer,address -DCCM_FUZZ; a plain build replays the inputs it is given.
        .executableTarget(name: "ccm-fuzz", dependencies: ["CCMApp", "CCMXML", "CCMSignature"],
                          swiftSettings: [.enableExperimentalFeature("Extern")]),
        // The core's tests read the shipped rules file and CSV text through CCMFormats.
        .testTarget(name: "CCMCoreTests", dependencies: ["CCMCore", "CCMFormats"]),
        // What the integration tests share: a fresh database per test, fixtures, the `ccm` executable.
        .target(name: "CCMTestSupport", dependencies: ["CCMApp", "CCMCore", "CCMStore", "CCMXML", "CCMRuntime"],
                path: "Tests/Support"),
        .testTarget(name: "CCMXMLTests", dependencies: ["CCMXML", "CCMCore", "CCMTestSupport"]),
        .testTarget(name: "CCMSignatureTests", dependencies: ["CCMSignature", "CCMXML", "CCMCore", "COpenSSL", "CXMLSec",
                                                              "CCMRuntime", "CCMTestSupport"]),
        .testTarget(name: "CCMStoreTests", dependencies: ["CCMStore", "CCMCore", "CCMApp", "CCMTestSupport"]),
        .testTarget(name: "CCMPublishingTests", dependencies: ["CCMPublishing", "CCMApp", "CCMCore", "CCMStore", "CCMFormats",
                                                               "CCMSignature", "CCMRuntime", "CCMTestSupport"]),
        .testTarget(name: "CCMFormatsTests", dependencies: ["CCMFormats", "CCMCore"]),
        .testTarget(name: "CCMFilesTests", dependencies: ["CCMFiles", "CCMCore"]),
        .testTarget(name: "CCMRuntimeTests", dependencies: ["CCMRuntime", "CCMCore", .product(name: "Logging", package: "swift-log")]),
        .testTarget(name: "CCMAppTests", dependencies: ["CCMApp", "CCMCore", "CCMStore", "CCMXML", "CCMSignature", "CCMFormats",
                                                        "CCMFiles", "CCMPublishing", "CCMRuntime", "CCMTestSupport"]),
        // The `ccm` executable end to end, the hostile corpus, the sample data, least privilege; and the layering.
        .testTarget(name: "EndToEndTests", dependencies: ["CCMApp", "CCMCore", "CCMStore", "CCMXML", "CCMSignature", "CCMFiles",
                                                          "CCMPublishing", "CCMRuntime", "CCMTestSupport"]),
    ],
    swiftLanguageModes: [.v6]
)
