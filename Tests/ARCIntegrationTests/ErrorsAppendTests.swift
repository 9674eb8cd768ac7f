@testable import ARCIntegration
import Foundation
import Testing

@Suite("LRMS output into errors")
struct ErrorsAppendTests {
    @Test("the comment between ARC's marker lines, newline-terminated; an empty comment adds nothing")
    func block() throws {
        let block = try #require(ErrorsAppend.block(comment: Array("pod output\nlast line".utf8)))
        #expect(String(decoding: block, as: UTF8.self) == """
            ------- Contents of output stream forwarded by the LRMS ---------
            pod output
            last line
            ------------------------- End of output -------------------------

            """)
        #expect(ErrorsAppend.block(comment: []) == nil)
        let cut = try #require(ErrorsAppend.block(comment: Array("x\n".utf8), truncated: true))
        #expect(String(decoding: cut, as: UTF8.self).contains("[... cut at 262144 bytes]\n" + ErrorsAppend.endMarker))
    }

    @Test("a file without a final newline gets one before the block, which is still found")
    func unterminated() throws {
        let fixture = try ControlFixture(layout: .flat)
        let path = fixture.directory.path + "/job.F.errors"
        try fixture.write("submit said something", to: path)
        try ErrorsAppend.append(try #require(ErrorsAppend.block(comment: Array("out\n".utf8))), to: path)
        #expect(fixture.read(path)?.hasPrefix("submit said something\n" + ErrorsAppend.startMarker + "\n") == true)
    }
}

@Suite("byte search")
struct ByteSearchTests {
    @Test("a run of bytes anywhere, at the ends, or not at all")
    func search() {
        func check(_ needle: String, _ haystack: String) -> Bool {
            PlainFile.contains(Array(needle.utf8), in: Array(haystack.utf8))
        }
        #expect(check("abc", "abc") && check("abc", "xxabc") && check("abc", "abcxx") && check("b", "abc"))
        #expect(check("aab", "aaab") && check("", "x") && check("", ""))
        #expect(!check("abc", "ab") && !check("abd", "abcabc") && !check("x", ""))
    }
}
