import Testing
@testable import ScourExtraction

/// Text files that are programs or data, not pages: found by their content,
/// whatever their names (a mirror saves `jquery.js?v=3` or `basic.css`).
@Suite("Scripts and stylesheets")
struct ScriptAndStylesheetTests {
    static let script = """
        /*! small library */
        (function (window, undefined) {
          "use strict";
          var document = window.document;
          function each(list, callback) {
            for (var i = 0; i < list.length; i++) { if (callback.call(list[i], i) === false) { break; } }
          }
          Widget.prototype.show = function () { this.element.style.display = "block"; };
          if (typeof module !== "undefined") { module.exports = Widget; }
        })(window);
        """
    static let stylesheet = """
        body { margin: 0; padding: 0; font-family: sans-serif; color: #222; }
        .header { background: #003366; border: 1px solid #ccc; padding: 4px 8px; }
        .menu a { display: inline-block; margin-right: 12px; font-size: 0.9em; }
        @media (max-width: 600px) { .menu { display: none !important; } }
        """

    func extract(_ text: String, keepAll: Bool = false) throws -> ExtractedDocument {
        try DocumentExtractor().extract(Array(text.utf8), fileExtension: "", options: ExtractionOptions(keepAll: keepAll))
    }

    @Test func aScriptAndAStylesheetAreSkippedAsCode() {
        #expect(throws: ExtractionError.binary(.code)) { try extract(Self.script) }
        #expect(throws: ExtractionError.binary(.code)) { try extract(Self.stylesheet) }
        #expect(ExtractionError.binary(.code).category == "scripts and stylesheets")
    }

    @Test func aMinifiedBundleOrIndexOnOneLineIsCode() throws {
        let index = "Search.setIndex({docnames:[" + (0..<600).map { "\"library/module\($0)\"" }.joined(separator: ",")
            + "],terms:{a:[1,2],b:[3,4],c:[5,6],d:[7,8]}})"
        #expect(throws: ExtractionError.binary(.code)) { try extract(index) }
        // A long paragraph saved as one line is prose, brackets or not.
        let paragraph = (0..<60).map { "The committee (chaired by the dean) met on day \($0), and agreed [after a long debate] to extend the library hours." }
            .joined(separator: " ")
        #expect(paragraph.utf8.count > 4096)
        #expect(try extract(paragraph).text.contains("library hours"))
    }

    @Test func keepAllIndexesCodeToo() throws {
        #expect(try extract(Self.stylesheet, keepAll: true).text.contains("font-family"))
    }

    @Test func proseAboutCodeAndCSourceStayText() throws {
        let markdown = """
            # Events

            Much of the Node.js core API is built around an idiomatic asynchronous event-driven architecture.

            ```js
            const EventEmitter = require('node:events');
            class MyEmitter extends EventEmitter {}
            const myEmitter = new MyEmitter();
            myEmitter.on('event', function (a, b) { console.log(a, b, this === myEmitter); });
            var x = typeof myEmitter; if (x !== 'object') { throw new Error('no'); }
            ```

            The listener function is called with the arguments that were passed to the emit method.
            When the listener is an ordinary function, the standard this keyword is set to the emitter.
            Using arrow functions as listeners leaves this pointing somewhere else, which is a common mistake.
            Each listener runs synchronously in the order in which it was registered with the emitter.
            """
        #expect(try extract(markdown).text.contains("event-driven architecture"))
        let c = """
            #include <stdio.h>
            int main(void) { int total = 0; for (int i = 0; i < 10; i++) { total += i; } printf("%d\\n", total); return 0; }
            """
        #expect(try extract(c).text.contains("printf"))
    }
}
