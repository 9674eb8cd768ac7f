/// Why `arkd serve` cannot start, said plainly (ArgumentParser prints it after "Error:").
struct ServeError: Error, CustomStringConvertible {
    var description: String

    init(_ description: String) {
        self.description = description
    }
}
