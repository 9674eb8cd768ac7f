/// Where and how one input is written: its directory (already created), its final name, and the
/// checks and mode the finished file must pass and get.
struct Destination: Sendable {
    let directory: String
    let fileName: String
    let owner: FileOwner?
    let limit: Int64?
    let checksum: Checksum?
    let executable: Bool

    var finalPath: String { directory + "/" + fileName }
}
