import Logging

#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

extension Stager {
    /// Stages one output, holding a permit of the shared limiter while it does.
    func stageOutput(
        _ output: OutputRequest, name: SessionName, session: SessionDirectory, progress: StagingProgressHandler?
    ) async -> Result<StagedOutput, StagingError> {
        let context = FileContext(output)
        return await holdingPermit(context) {
            do throws(StagingError) {
                return .success(try await stageOutputHoldingPermit(output, name: name, session: session,
                                                                   context: context, progress: progress))
            } catch {
                return .failure(error)
            }
        }
    }

    private func stageOutputHoldingPermit(
        _ output: OutputRequest, name: SessionName, session: SessionDirectory, context: FileContext,
        progress: StagingProgressHandler?
    ) async throws(StagingError) -> StagedOutput {
        // The job wrote the session directory, so its symlinks are untrusted: resolve the output
        // and refuse one that leads outside before opening it.
        let source: (fd: Int32, size: Int64)
        let path: String
        do throws(TransferFailure) {
            path = try await BlockingIO.run { () throws(TransferFailure) -> String in
                try session.resolveExisting(name, displayName: output.name)
            }
            source = try await openSource(path, displayPath: output.name)
        } catch {
            throw context.error(error, attempts: 0)
        }
        defer { close(source.fd) }
        let chunks = { (attempt: Int) in
            FileChunks(fd: source.fd, path: path, length: source.size, chunkSize: self.configuration.chunkSize) {
                bytes in progress?(context.progress(bytes: bytes, total: source.size, attempt: attempt))
            }
        }
        let attempts: Int
        switch output.target {
        case .keep:
            attempts = 1
        case .file(let target):
            attempts = 1
            do throws(TransferFailure) {
                try await copyOut(chunks(1), to: target)
            } catch {
                throw context.error(error, attempts: attempts)
            }
        case .http(let url):
            (_, attempts) = try await retrying(context) { (attempt) throws(TransferFailure) in
                try await upload(chunks(attempt), to: url)
            }
        }
        logger.debug("staged output", metadata: [
            "staging.file": "\(output.name)", "staging.target": "\(output.target)", "staging.bytes": "\(source.size)",
            "staging.attempts": "\(attempts)",
        ])
        return StagedOutput(name: output.name, target: output.target, bytes: source.size, attempts: attempts)
    }

    /// Copies an output to an absolute local path whose directory resolves under an allowed root,
    /// through a partial file and a rename so a reader of the target never sees half a file, and
    /// fsync'd, since the session directory that holds the other copy is removed afterwards.
    private func copyOut(_ chunks: FileChunks, to target: String) async throws(TransferFailure) {
        let roots = configuration.allowedFileRoots
        guard !roots.isEmpty else {
            throw TransferFailure(.notAllowed("file:// outputs are disabled (no allowed roots are configured)"))
        }
        guard target.hasPrefix("/"), let slash = target.lastIndex(of: "/") else {
            throw TransferFailure(.notAllowed("the target '\(target)' is not an absolute path"))
        }
        let fileName = String(target[target.index(after: slash)...])
        guard !fileName.isEmpty, fileName != ".", fileName != ".." else {
            throw TransferFailure(.notAllowed("the target '\(target)' does not name a file"))
        }
        let parent = slash == target.startIndex ? "/" : String(target[..<slash])
        let directory = try await BlockingIO.run { () throws(TransferFailure) -> String in
            let resolved: String
            do throws(SystemCallError) {
                resolved = try LocalFileSystem.realPath(parent)
            } catch {
                throw error.errno == ENOENT || error.errno == ENOTDIR
                    ? TransferFailure(.localIO("the target directory '\(parent)' does not exist"))
                    : TransferFailure(error.code)
            }
            guard LocalFileSystem.allowedRoot(containing: resolved, roots: roots) != nil else {
                throw TransferFailure(.notAllowed("'\(target)' is not under an allowed directory"))
            }
            return resolved
        }
        try await PartialFile.write(
            in: directory, finalName: fileName, owner: nil, syncToDisk: true
        ) { (file) throws(TransferFailure) in
            var iterator = chunks.makeAsyncIterator()
            while let chunk = try await iterator.next() {
                try await file.append(chunk)
            }
            try await file.commit(executable: false)
        }
    }
}
