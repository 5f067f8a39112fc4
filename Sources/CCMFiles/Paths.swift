/// A folder's path and the name of an entry in it as one path, by their text: a URL's path
/// operations in FoundationEssentials cost thousands to tens of thousands of instructions each,
/// on paths ccm builds several times for every file of a run.
public enum Paths {
    /// `name` is an entry's name (no "/"; not "." or ".."): the path is the folder's with it appended.
    public static func join(_ folder: String, _ name: String) -> String {
        folder.hasSuffix("/") ? folder + name : folder + "/" + name
    }
}
