import Foundation
import Staging
import Testing

@Suite("stage-in from local files")
struct StageInLocalTests {
    private let bytes = TestServer.pseudoRandomBytes(count: 70_000, seed: 3)

    @Test("a file:// input under an allowed root is copied and verified")
    func fileInsideRoot() async throws {
        try await StagingHarness.run { harness in
            let root = try harness.scratch.makeDirectory("shared")
            let source = try harness.scratch.write("shared/sub/input.dat", bytes)
            let checksum = ExpectedChecksum.of(bytes, .adler32)
            let staged = try await harness.stager { $0.allowedFileRoots = [root] }.stageIn(
                [InputRequest(name: "input.dat", source: .file(path: source), checksum: checksum)], into: harness.session)
            #expect(staged.first?.bytes == Int64(bytes.count))
            #expect(harness.sessionFile("input.dat") == bytes)
            #expect(harness.sessionEntries == ["input.dat"])
        }
    }

    @Test("a file:// input outside every allowed root is refused")
    func fileOutsideRoot() async throws {
        try await StagingHarness.run { harness in
            let root = try harness.scratch.makeDirectory("shared")
            let source = try harness.scratch.write("private/secret", bytes)
            let error = await #expect(throws: StagingError.self) {
                try await harness.stager { $0.allowedFileRoots = [root] }.stageIn(
                    [InputRequest(name: "secret", source: .file(path: source))], into: harness.session)
            }
            #expect(error?.kind == .notAllowed)
            #expect(error?.description.contains("is not under an allowed directory") == true)
            #expect(harness.sessionEntries.isEmpty)
        }
    }

    @Test("a symlink inside a root that points outside it is refused")
    func symlinkEscape() async throws {
        try await StagingHarness.run { harness in
            let root = try harness.scratch.makeDirectory("shared")
            let secret = try harness.scratch.write("private/secret", bytes)
            try FileManager.default.createSymbolicLink(atPath: root + "/link", withDestinationPath: secret)
            let error = await #expect(throws: StagingError.self) {
                try await harness.stager { $0.allowedFileRoots = [root] }.stageIn(
                    [InputRequest(name: "secret", source: .file(path: root + "/link"))], into: harness.session)
            }
            #expect(error?.kind == .notAllowed)
            #expect(error?.description.contains("which resolves to '\(secret)'") == true)
            #expect(harness.sessionEntries.isEmpty)
        }
    }

    @Test("'..' that climbs out of a root is refused, and a sibling with the root's prefix is not inside it")
    func dotDotEscape() async throws {
        try await StagingHarness.run { harness in
            let root = try harness.scratch.makeDirectory("shared")
            try harness.scratch.write("shared2/file", bytes)
            for path in [root + "/../shared2/file", root + "2/file"] {
                let error = await #expect(throws: StagingError.self) {
                    try await harness.stager { $0.allowedFileRoots = [root] }.stageIn(
                        [InputRequest(name: "file", source: .file(path: path))], into: harness.session)
                }
                #expect(error?.kind == .notAllowed)
            }
        }
    }

    @Test("without allowed roots, file:// inputs are refused")
    func noRoots() async throws {
        try await StagingHarness.run { harness in
            let source = try harness.scratch.write("shared/file", bytes)
            let error = await #expect(throws: StagingError.self) {
                try await harness.stager().stageIn([InputRequest(name: "file", source: .file(path: source))],
                                                   into: harness.session)
            }
            #expect(error?.kind == .notAllowed)
        }
    }

    @Test("a missing local source is reported with its path")
    func missingSource() async throws {
        try await StagingHarness.run { harness in
            let root = try harness.scratch.makeDirectory("shared")
            let error = await #expect(throws: StagingError.self) {
                try await harness.stager { $0.allowedFileRoots = [root] }.stageIn(
                    [InputRequest(name: "file", source: .file(path: root + "/absent"))], into: harness.session)
            }
            #expect(error?.kind == .localFileMissing)
            #expect(error?.description == "input 'file' from file://\(root)/absent: '\(root)/absent' does not exist")
        }
    }

    @Test("an uploaded file is copied from anywhere the caller names, with its checksum checked")
    func upload() async throws {
        try await StagingHarness.run { harness in
            let source = try harness.scratch.write("submit-dir/job.sh", bytes)
            let staged = try await harness.stager().stageIn(
                [InputRequest(name: "job.sh", source: .upload(path: source), checksum: ExpectedChecksum.of(bytes, .md5),
                              executable: true)],
                into: harness.session)
            #expect(staged.first?.bytes == Int64(bytes.count))
            #expect(harness.sessionFile("job.sh") == bytes)
            #expect(try mode(harness.session + "/job.sh") == 0o755)
        }
    }

    @Test("a file larger than the early-writeback interval arrives whole, fsync'd or not", arguments: [false, true])
    func largeCopy(syncToDisk: Bool) async throws {
        try await StagingHarness.run { harness in
            // Over 8 MiB, so with fsync on the copy asks for early writeback once on the way.
            let large = [UInt8](unsafeUninitializedCapacity: 9 * 1_024 * 1_024 + 12_345) { buffer, count in
                for index in buffer.indices { buffer[index] = UInt8(truncatingIfNeeded: index &* 2_654_435_761 >> 13) }
                count = buffer.count
            }
            let source = try harness.scratch.write("submit-dir/large.bin", large)
            let staged = try await harness.stager { $0.syncInputsToDisk = syncToDisk }.stageIn(
                [InputRequest(name: "large.bin", source: .upload(path: source))],
                into: harness.session)
            #expect(staged.first?.bytes == Int64(large.count))
            #expect(harness.sessionFile("large.bin") == large)
            #expect(harness.sessionEntries == ["large.bin"])
        }
    }

    @Test("a local copy with the wrong checksum leaves nothing behind")
    func uploadChecksumMismatch() async throws {
        try await StagingHarness.run { harness in
            let source = try harness.scratch.write("submit-dir/job.sh", bytes)
            let wrong = try #require(Checksum(parsing: "adler32:1"))
            let error = await #expect(throws: StagingError.self) {
                try await harness.stager().stageIn(
                    [InputRequest(name: "job.sh", source: .upload(path: source), checksum: wrong)], into: harness.session)
            }
            #expect(error?.kind == .checksumMismatch)
            #expect(error?.description.contains("adler32 expected 00000001, got ") == true)
            #expect(harness.sessionEntries.isEmpty)
        }
    }

    @Test("a local file over the cap is refused before copying")
    func localCap() async throws {
        try await StagingHarness.run { harness in
            let source = try harness.scratch.write("submit-dir/big", bytes)
            let error = await #expect(throws: StagingError.self) {
                try await harness.stager().stageIn(
                    [InputRequest(name: "big", source: .upload(path: source), maxBytes: 1_000)], into: harness.session)
            }
            #expect(error?.kind == .tooLarge)
            #expect(harness.sessionEntries.isEmpty)
        }
    }

    @Test("a session directory that does not exist is reported, not created")
    func missingSession() async throws {
        try await StagingHarness.run { harness in
            let source = try harness.scratch.write("submit-dir/file", bytes)
            let error = await #expect(throws: StagingError.self) {
                try await harness.stager().stageIn([InputRequest(name: "file", source: .upload(path: source))],
                                                   into: harness.scratch.path + "/no-such-session")
            }
            #expect(error?.kind == .localIO)
            #expect(error?.description.contains("no-such-session") == true)
        }
    }

    @Test("as root, staged files and the directories made for them belong to the session's owner")
    func ownership() async throws {
        guard geteuid() == 0 else { try Test.cancel("giving files to another account needs root") }
        try await StagingHarness.run { harness in
            let source = try harness.scratch.write("submit-dir/file", bytes)
            #expect(chown(harness.session, 4_321, 4_322) == 0)
            _ = try await harness.stager().stageIn([InputRequest(name: "sub/file", source: .upload(path: source))],
                                                   into: harness.session)
            for path in [harness.session + "/sub", harness.session + "/sub/file"] {
                let attributes = try FileManager.default.attributesOfItem(atPath: path)
                #expect((attributes[.ownerAccountID] as? NSNumber)?.intValue == 4_321)
                #expect((attributes[.groupOwnerAccountID] as? NSNumber)?.intValue == 4_322)
            }
        }
    }
}
