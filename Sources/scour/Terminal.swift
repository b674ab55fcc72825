import ArgumentParser
import Foundation

/// Writing to the terminal: errors, warnings and progress go to stderr so
/// that stdout carries only results.
enum Terminal {
    static var stdoutIsTerminal: Bool { isatty(STDOUT_FILENO) == 1 }
    static var stderrIsTerminal: Bool { isatty(STDERR_FILENO) == 1 }

    /// One line on stderr; control characters in `message` (a query or
    /// file name echoed back) are escaped.
    static func error(_ message: String) {
        writeError("scour: error: \(escaped(message))\n")
    }

    static func warning(_ message: String) {
        writeError("scour: warning: \(escaped(message))\n")
    }

    /// `text` with control characters made visible, so that echoing a query
    /// or a page's text cannot move the cursor, ring the bell or rewrite the
    /// line: ESC becomes `\x1b`, CR `\x0d`, a C1 control `\u{9b}`, and a
    /// backslash before such an escape stays as typed. Costs one pass; the
    /// string is returned as is when it has nothing to escape.
    static func escaped(_ text: String) -> String {
        guard text.unicodeScalars.contains(where: isControl) else { return text }
        var out = ""
        out.unicodeScalars.reserveCapacity(text.unicodeScalars.count + 8)
        for scalar in text.unicodeScalars {
            if scalar.value < 0x80, isControl(scalar) {
                out += "\\x" + (scalar.value < 0x10 ? "0" : "") + String(scalar.value, radix: 16)
            } else if isControl(scalar) {
                out += "\\u{" + String(scalar.value, radix: 16) + "}"
            } else {
                out.unicodeScalars.append(scalar)
            }
        }
        return out
    }

    /// C0 controls, DEL and C1 controls.
    private static func isControl(_ scalar: Unicode.Scalar) -> Bool {
        scalar.value < 0x20 || (0x7F...0x9F).contains(scalar.value)
    }

    /// `path` (absolute) as typed from `directory`: `site/a.html` below it,
    /// `../other/a.html` beside it; the absolute path when that is shorter.
    static func relativePath(_ path: String, from directory: String) -> String {
        guard path.hasPrefix("/"), directory.hasPrefix("/") else { return path }
        let target = path.split(separator: "/", omittingEmptySubsequences: true)
        let base = directory.split(separator: "/", omittingEmptySubsequences: true)
        var common = 0
        while common < min(target.count, base.count), target[common] == base[common] { common += 1 }
        let ups = Array(repeating: "..", count: base.count - common)
        let relative = (ups + target[common...].map(String.init)).joined(separator: "/")
        return relative.isEmpty || relative.count >= path.count ? path : relative
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
/// A non-finite number never makes encoding throw: it is written as the
/// string "inf", "-inf" or "nan" (and scores are clamped before that).
enum JSONOutput {
    static func print<T: Encodable>(_ value: T) throws {
        Terminal.write(try line(value) + "\n")
    }

    /// The value as one line of JSON, without the newline.
    static func line<T: Encodable>(_ value: T) throws -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        encoder.dateEncodingStrategy = .iso8601
        encoder.nonConformingFloatEncodingStrategy = .convertToString(positiveInfinity: "inf", negativeInfinity: "-inf", nan: "nan")
        return String(decoding: try encoder.encode(value), as: UTF8.self)
    }
}
