import ArgumentParser

/// `centralizer --format`: the table's formats, and those of a comparison of two editions.
enum OutputFormat: String, CaseIterable, ExpressibleByArgument {
    case html, xlsx, csv, json, text
}
