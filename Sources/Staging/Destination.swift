/// Where and how one input is written: its directory (already created), its final name, the
/// checks and mode the finished file must pass and get, and whether it is fsync'd
/// (`StagingConfiguration.syncInputsToDisk`).
struct Destination: Sendable {
    let directory: String
    let fileName: String
    let owner: FileOwner?
    let limit: Int64?
    let checksum: Checksum?
    let executable: Bool
    let syncToDisk: Bool

    var finalPath: String { directory + "/" + fileName }
}
