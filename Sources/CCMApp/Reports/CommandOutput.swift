import CCMFiles
import Foundation

/// What a command would print, written to `--output` instead: atomically, and a failure is one
/// line naming the file and its folder.
public enum CommandOutput {
    public static func write(_ text: String, to path: String) throws {
        try OutputFile.write(Data(text.utf8), to: path)
    }
}
