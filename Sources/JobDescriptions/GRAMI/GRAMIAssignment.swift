/// One `joboption_<name>=<value>` line of a GRAMI file, its value already unquoted.
struct GRAMIAssignment: Sendable {
    /// The part after `joboption_`.
    var name: String
    var value: String
    /// Byte offset of the line, for positions.
    var offset: Int
}
