/// One description of the corpus: a file name and its exact bytes.
public struct CorpusFile: Sendable {
    public var name: String
    public var bytes: [UInt8]

    public init(name: String, bytes: [UInt8]) {
        self.name = name
        self.bytes = bytes
    }
}

/// The benchmark input: a deterministic mix of ordinary xRSL descriptions and one large one.
///
/// Everything is generated from a fixed seed with a private generator, so the package-benchmark
/// suite, `bench-corpus measure` and ARC's parser (via `bench-corpus write`) all read exactly the
/// same bytes. Only constructs that both arkd and ARC 6.17 accept are used.
public struct Corpus: Sendable {
    public static let defaultSeed: UInt64 = 0x6172_6B64_6265_6E63 // "arkdbenc"
    public static let defaultMixCount = 200
    /// The large description stays below `ParseLimits.maxInputBytes` (1 MiB = 1,048,576 bytes).
    public static let largeTargetBytes = 1_040_000

    /// About 200 descriptions of 300 B to 3 KB, as ARC users write them.
    public var mix: [CorpusFile]
    /// One job with thousands of input and output files and a long argument list, just under 1 MiB.
    public var large: CorpusFile
    /// About 100 ADL (EMI-ES ActivityDescription) documents of 1.5 to 4 KB describing jobs like the
    /// mix's.
    public var adl: [CorpusFile]

    public var mixBytes: Int { mix.reduce(0) { $0 + $1.bytes.count } }
    public var adlBytes: Int { adl.reduce(0) { $0 + $1.bytes.count } }

    public init(mix: [CorpusFile], large: CorpusFile, adl: [CorpusFile]) {
        self.mix = mix
        self.large = large
        self.adl = adl
    }

    public static let defaultADLCount = 100

    public static func generate(seed: UInt64 = defaultSeed, mixCount: Int = defaultMixCount) -> Corpus {
        var writer = DescriptionWriter(seed: seed)
        var mix: [CorpusFile] = []
        mix.reserveCapacity(mixCount)
        for index in 0..<mixCount {
            let text = writer.mixDescription()
            mix.append(CorpusFile(name: "mix-" + pad(index, 3) + ".xrsl", bytes: Array(text.utf8)))
        }
        let large = writer.largeDescription(targetBytes: largeTargetBytes)
        // A generator of its own, so that adding the ADL set left the xRSL files unchanged.
        var adlWriter = ADLWriter(seed: seed ^ 0x0000_0000_0061_646C) // "adl"
        var adl: [CorpusFile] = []
        for index in 0..<defaultADLCount {
            adl.append(CorpusFile(name: "adl-" + pad(index, 3) + ".adl", bytes: Array(adlWriter.document().utf8)))
        }
        return Corpus(mix: mix, large: CorpusFile(name: "large-1mib.xrsl", bytes: Array(large.utf8)), adl: adl)
    }

    /// The standard corpus, generated once per process.
    public static let standard = Corpus.generate()
}

/// Zero-padded decimal, without Foundation's `String(format:)`.
func pad(_ value: Int, _ width: Int) -> String {
    let digits = String(value)
    return digits.count >= width ? digits : String(repeating: "0", count: width - digits.count) + digits
}
