import Logging

#if canImport(FoundationEssentials)
import struct FoundationEssentials.URL
#else
import struct Foundation.URL
#endif

#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

extension Stager {
    /// Stages one input, holding a permit of the shared limiter while it does.
    func stageInput(
        _ input: InputRequest, name: SessionName, session: SessionDirectory, progress: StagingProgressHandler?
    ) async -> Result<StagedFile, StagingError> {
        let context = FileContext(input)
        return await holdingPermit(context) {
            do throws(StagingError) {
                return .success(try await stageInputHoldingPermit(input, name: name, session: session,
                                                                  context: context, progress: progress))
            } catch {
                return .failure(error)
            }
        }
    }

    private func stageInputHoldingPermit(
        _ input: InputRequest, name: SessionName, session: SessionDirectory, context: FileContext,
        progress: StagingProgressHandler?
    ) async throws(StagingError) -> StagedFile {
        let directory: String
        do throws(TransferFailure) {
            let components = Array(name.directoryComponents)
            directory = try await BlockingIO.run { () throws(SystemCallError) -> String in
                try LocalFileSystem.makeDirectories(components, under: session.path, owner: session.owner)
            }
        } catch {
            throw context.error(error, attempts: 0)
        }
        let destination = Destination(directory: directory, fileName: name.fileName, owner: session.owner,
                                      limit: configuration.sizeLimit(requested: input.maxBytes),
                                      checksum: input.checksum, executable: input.executable,
                                      syncToDisk: configuration.syncInputsToDisk)
        let bytes: Int64
        let attempts: Int
        switch input.source {
        case .http(let url):
            (bytes, attempts) = try await retrying(context) { (attempt) throws(TransferFailure) in
                try await download(url, to: destination) { bytes, total in
                    progress?(context.progress(bytes: bytes, total: total, attempt: attempt))
                }
            }
        case .file(let path):
            attempts = 1
            do throws(TransferFailure) {
                let resolved = try await resolveAllowedSource(path)
                bytes = try await copy(from: resolved, displayPath: path, to: destination) { bytes, total in
                    progress?(context.progress(bytes: bytes, total: total, attempt: 1))
                }
            } catch {
                throw context.error(error, attempts: attempts)
            }
        case .upload(let path):
            attempts = 1
            do throws(TransferFailure) {
                let resolved = try await resolveSource(path)
                bytes = try await copy(from: resolved, displayPath: path, to: destination) { bytes, total in
                    progress?(context.progress(bytes: bytes, total: total, attempt: 1))
                }
            } catch {
                throw context.error(error, attempts: attempts)
            }
        }
        logger.debug("staged input", metadata: [
            "staging.file": "\(input.name)", "staging.source": "\(input.source)", "staging.bytes": "\(bytes)",
            "staging.attempts": "\(attempts)",
        ])
        return StagedFile(name: input.name, path: destination.finalPath, bytes: bytes, checksum: input.checksum,
                          attempts: attempts)
    }

    /// The canonical path of a `file://` input, provided it lies under an allowed root after every
    /// symlink and `..` is resolved (so a link inside a root cannot point outside it).
    private func resolveAllowedSource(_ path: String) async throws(TransferFailure) -> String {
        let roots = configuration.allowedFileRoots
        guard !roots.isEmpty else {
            throw TransferFailure(.notAllowed("file:// inputs are disabled (no allowed roots are configured)"))
        }
        let resolved = try await resolveSource(path)
        let root = try await BlockingIO.run { LocalFileSystem.allowedRoot(containing: resolved, roots: roots) }
        guard root != nil else {
            let shown = resolved == path ? "'\(path)'" : "'\(path)' (which resolves to '\(resolved)')"
            throw TransferFailure(.notAllowed("\(shown) is not under an allowed directory"))
        }
        return resolved
    }

    /// The canonical path of a local source; "no such file" becomes `localFileMissing`.
    private func resolveSource(_ path: String) async throws(TransferFailure) -> String {
        try await BlockingIO.run { () throws(TransferFailure) -> String in
            do throws(SystemCallError) {
                return try LocalFileSystem.realPath(path)
            } catch {
                throw error.errno == ENOENT || error.errno == ENOTDIR
                    ? TransferFailure(.localFileMissing(path: path)) : TransferFailure(error.code)
            }
        }
    }
}
