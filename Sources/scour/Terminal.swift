import ArgumentParser
import Foundation

/// Writing to the terminal: errors, warnings and progress go to stderr so
/// that stdout carries only results.
enum Terminal {
    static var stdoutIsTerminal: Bool { isatty(STDOUT_FILENO) == 1 }
    static var stderrIsTerminal: Bool { isatty(STDERR_FILENO) == 1 }

    static func error(_ message: String) {
        writeError("scour: error: \(message)\n")
    }

    static func warning(_ message: String) {
        writeError("scour: warning: \(message)\n")
    }

    static func writeError(_ text: String) {
        FileHandle.standardError.write(Data(text.utf8))
    }

    static func write(_ text: String) {
        FileHandle.standardOutput.write(Data(text.utf8))
    }

    /// Human-readable byte count: "412 KB".
    static func bytes(_ count: Int) -> String {
        let units = ["bytes", "KB", "MB", "GB", "TB"]
        var value = Double(count)
        var unit = 0
        while value >= 1024 && unit < units.count - 1 {
            value /= 1024
            unit += 1
        }
        return unit == 0 ? "\(count) bytes" : String(format: value < 10 ? "%.1f %@" : "%.0f %@", value, units[unit])
    }
}

/// `--format` of commands that print data.
enum OutputFormat: String, ExpressibleByArgument, CaseIterable {
    case text, json
}

/// `--format` of `scour search`.
enum ResultFormat: String, ExpressibleByArgument, CaseIterable {
    case text, json
    /// TREC run lines (`qid Q0 docid rank score scour`), for evaluation tools.
    case trec
}

/// Encodes output JSON the same way everywhere: one line, keys sorted, so
/// output is stable and easy to pipe into `jq` or a line-oriented reader.
enum JSONOutput {
    static func print<T: Encodable>(_ value: T) throws {
        Terminal.write(try line(value) + "\n")
    }

    /// The value as one line of JSON, without the newline.
    static func line<T: Encodable>(_ value: T) throws -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        encoder.dateEncodingStrategy = .iso8601
        return String(decoding: try encoder.encode(value), as: UTF8.self)
    }
}
