import Foundation
import Testing

@testable import Staging

#if canImport(Glibc)
import Glibc
#endif

@Suite("disk full")
struct DiskFullTests {
    #if os(Linux)
    @Test("ENOSPC on a real (64 KiB tmpfs) filesystem is 'disk full', and the partial file is removed")
    func tmpfsFull() async throws {
        try await StagingHarness.run { harness in
            let small = try harness.scratch.makeDirectory("small")
            guard mount("tmpfs", small, "tmpfs", 0, "size=64k,mode=0755") == 0 else {
                let reason = String(cString: strerror(errno))
                try Test.cancel("cannot mount a tmpfs here (\(reason)); the test needs root or CAP_SYS_ADMIN")
            }
            defer { umount2(small, Int32(MNT_DETACH)) }
            let error = await #expect(throws: StagingError.self) {
                try await harness.stager().stageIn(
                    [InputRequest(name: "data.bin", source: .http(harness.server.url("/files/data.bin")))], into: small)
            }
            #expect(error?.kind == .diskFull)
            #expect(error?.isTransient == false)
            #expect(error?.attempts == 1)
            #expect(error?.description.contains("No space left on device") == true)
            #expect(harness.scratch.entries("small").isEmpty)
        }
    }
    #endif

    @Test("ENOSPC, EDQUOT and EFBIG all map to disk full; other errors do not",
          arguments: [(ENOSPC, true), (EDQUOT, true), (EFBIG, true), (EACCES, false), (EIO, false)])
    func errnoMapping(number: Int32, isDiskFull: Bool) {
        let code = SystemCallError("write", path: "/session/x", errno: number).code
        #expect((code.kind == .diskFull) == isDiskFull)
        #expect(!code.isTransient)
    }
}
