/// The file an operation is about, so every failure inside it becomes a `StagingError` that names
/// the file, its URL or path, and the attempts made.
struct FileContext: Sendable {
    let direction: StagingDirection
    let name: String
    let location: String?

    init(_ input: InputRequest) {
        direction = .input
        name = input.name
        location = input.source.description
    }

    init(_ output: OutputRequest) {
        direction = .output
        name = output.name
        location = output.target == .keep ? nil : output.target.description
    }

    func error(_ failure: TransferFailure, attempts: Int) -> StagingError {
        StagingError(failure.code, direction: direction, fileName: name, location: location, attempts: attempts)
    }

    func progress(bytes: Int64, total: Int64?, attempt: Int) -> StagingProgress {
        StagingProgress(direction: direction, name: name, bytes: bytes, totalBytes: total, attempt: attempt)
    }
}
