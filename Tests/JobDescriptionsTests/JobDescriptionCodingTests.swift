import Foundation
import JobDescriptions
import Testing

@Suite("model coding")
struct JobDescriptionCodingTests {
    @Test("a parsed job survives a JSON round trip unchanged (the store keeps jobs as JSON)")
    func roundTrip() throws {
        let job = try acceptedJob(#"""
            &(executable=run.sh)(arguments=a "b c")(stdout=o)(join=yes)(count=2)(memory=100)(walltime=1h)
             (starttime="2026-01-02T03:04:05Z")(notify="be a@b.org")(runtimeenvironment>=APPS/X-1.2 opt)
             (inputfiles=("in" "lfc://example.com/in1" "location=gsiftp://example.com/in1" "threads=5") ("up" ""))
             (outputfiles=("out" "https://h/o" "overwrite=yes"))(|(queue=a)(queue=b))
            """#)
        let data = try JSONEncoder().encode(job)
        #expect(try JSONDecoder().decode(JobDescription.self, from: data) == job)
    }

    @Test("the canonical JSON prints nulls, ARC's URL form, and sources for alternatives")
    func canonical() throws {
        let job = try acceptedJob(#"&(executable=x)(inputfiles=("a" "/abs/a") ("b" "gsiftp://h;threads=2/b"))"#)
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        let text = String(decoding: try encoder.encode(CanonicalJob(job)), as: UTF8.self)
        #expect(text.contains(#""stdin":null"#))
        #expect(text.contains(#""source":"file:/abs/a""#))
        #expect(text.contains(#""source":"gsiftp://h;threads=2/b""#))
    }
}
