/// The attributes arkd knows, by their key: the name lower-cased with every `_` removed, as ARC
/// compares attribute names.
enum XRSLAttribute: UInt8, Sendable {
    case executable, arguments, stdin, stdout, stderr, gmlog, jobname, architecture, acl, credentialserver
    case jobreport, delegationid, count, memory, disk, rerun, priority, walltime, cputime, lifetime
    case starttime, exclusiveexecution, dryrun, queue, environment, runtimeenvironment, middleware, opsys
    case nodeaccess, notify, benchmarks, inputfiles, outputfiles, executables, countpernode, cache, ftpthreads
    case join, gridtime, action, savestate, hostname, jobid, clientxrsl, clientsoftware, cluster
    case replicacollection, rslsubstitution
    /// A Globus RSL attribute that ARC does not support.
    case globus
    /// Anything else.
    case unknown

    /// The attribute named by `bytes[range]` (the name as written).
    static func named(_ bytes: UnsafeBufferPointer<UInt8>, _ range: Range<Int>) -> XRSLAttribute {
        // Most names: ASCII without `_`, with eight bytes readable from each word's start.
        if range.count <= 24, let base = bytes.baseAddress, range.lowerBound >= 0,
           range.lowerBound + (range.count + 7) / 8 * 8 <= bytes.count {
            let raw = UnsafeRawPointer(base + range.lowerBound)
            var words: (UInt64, UInt64, UInt64) = (0, 0, 0)
            var plain = true
            for index in 0..<((range.count + 7) / 8) {
                let remaining = range.count - index * 8
                let mask: UInt64 = remaining >= 8 ? ~0 : (1 << UInt64(remaining * 8)) &- 1
                let word = UInt64(littleEndian: raw.loadUnaligned(fromByteOffset: index * 8, as: UInt64.self)) & mask
                if word & 0x8080_8080_8080_8080 != 0 || PlainText.hasByte(word | ~mask, UInt8(ascii: "_")) {
                    plain = false
                    break
                }
                switch index {
                case 0: words.0 = word
                case 1: words.1 = word
                default: words.2 = word
                }
            }
            if plain {
                var key = Key()
                key.words = (lowercased(words.0), lowercased(words.1), lowercased(words.2))
                key.count = range.count
                return lookup(key)
            }
        }
        // The key's bytes (without `_`) go into three words, then are lower-cased eight at a time.
        var words: (UInt64, UInt64, UInt64) = (0, 0, 0)
        var count = 0
        let complete: Bool = withUnsafeMutableBytes(of: &words) { key in
            for index in range {
                let byte = bytes[index]
                if byte == UInt8(ascii: "_") { continue }
                guard byte < 0x80, count < 24 else { return false }
                key[count] = byte
                count += 1
            }
            return true
        }
        guard complete else {
            // Longer than any key, or not ASCII and so not a name of ours; only `rsl_substitution`
            // is recognised before names are checked, and it is compared as ARC's key is computed.
            let hasNonASCII = bytes[range].contains { $0 >= 0x80 }
            return hasNonASCII && Self.key(PlainText.string(bytes, range)) == "rslsubstitution" ? .rslsubstitution : .unknown
        }
        var key = Key()
        // Byte i of the key is bits 8i… of the words, whatever the platform's byte order.
        key.words = (lowercased(UInt64(littleEndian: words.0)), lowercased(UInt64(littleEndian: words.1)),
                     lowercased(UInt64(littleEndian: words.2)))
        key.count = count
        return lookup(key)
    }

    /// ASCII letters of eight bytes lower-cased (bytes below 0x80).
    @inline(__always)
    private static func lowercased(_ word: UInt64) -> UInt64 {
        let aboveA = word &+ 0x3F3F_3F3F_3F3F_3F3F // high bit set from "A" (0x41) on
        let aboveZ = word &+ 0x2525_2525_2525_2525 // high bit set from "[" (0x5B) on
        return word | ((aboveA ^ aboveZ) & 0x8080_8080_8080_8080) >> 2
    }

    /// ARC compares attribute names lower-cased with every `_` removed.
    static func key(_ name: String) -> String {
        let utf8 = name.utf8
        guard utf8.allSatisfy({ $0 < 0x80 }) else {
            return String(String.UnicodeScalarView(name.lowercased().unicodeScalars.filter { $0 != "_" }))
        }
        // ASCII names (all real ones): the same result byte by byte, without Unicode case mapping.
        return String(unsafeUninitializedCapacity: utf8.count) { buffer in
            var count = 0
            for byte in utf8 where byte != UInt8(ascii: "_") {
                buffer[count] = (UInt8(ascii: "A")...UInt8(ascii: "Z")).contains(byte) ? byte | 0x20 : byte
                count += 1
            }
            return count
        }
    }

    /// Up to 24 key bytes packed into three words.
    struct Key: Equatable, Sendable {
        var words: (UInt64, UInt64, UInt64) = (0, 0, 0)
        var count = 0

        init() {}

        static func == (lhs: Key, rhs: Key) -> Bool {
            lhs.count == rhs.count && lhs.words.0 == rhs.words.0 && lhs.words.1 == rhs.words.1 && lhs.words.2 == rhs.words.2
        }
    }

    /// The attribute whose key is packed in `key` (Globus RSL attributes are `.globus`).
    static func lookup(_ key: Key) -> XRSLAttribute {
        let (first, second, third) = key.words
        switch key.count {
        case 3:
            switch (first, second, third) {
            case (0x00000000006C6361, 0x0000000000000000, 0x0000000000000000): return .acl // acl
            default: return .unknown
            }
        case 4:
            switch (first, second, third) {
            case (0x000000006B736964, 0x0000000000000000, 0x0000000000000000): return .disk // disk
            case (0x000000006E696F6A, 0x0000000000000000, 0x0000000000000000): return .join // join
            default: return .unknown
            }
        case 5:
            switch (first, second, third) {
            case (0x0000006568636163, 0x0000000000000000, 0x0000000000000000): return .cache // cache
            case (0x000000746E756F63, 0x0000000000000000, 0x0000000000000000): return .count // count
            case (0x000000676F6C6D67, 0x0000000000000000, 0x0000000000000000): return .gmlog // gmlog
            case (0x0000006469626F6A, 0x0000000000000000, 0x0000000000000000): return .jobid // jobid
            case (0x0000006C6562616C, 0x0000000000000000, 0x0000000000000000): return .globus // label
            case (0x000000737973706F, 0x0000000000000000, 0x0000000000000000): return .opsys // opsys
            case (0x0000006575657571, 0x0000000000000000, 0x0000000000000000): return .queue // queue
            case (0x0000006E75726572, 0x0000000000000000, 0x0000000000000000): return .rerun // rerun
            case (0x0000006E69647473, 0x0000000000000000, 0x0000000000000000): return .stdin // stdin
            default: return .unknown
            }
        case 6:
            switch (first, second, third) {
            case (0x00006E6F69746361, 0x0000000000000000, 0x0000000000000000): return .action // action
            case (0x00006E7572797264, 0x0000000000000000, 0x0000000000000000): return .dryrun // dryrun
            case (0x000079726F6D656D, 0x0000000000000000, 0x0000000000000000): return .memory // memory
            case (0x0000796669746F6E, 0x0000000000000000, 0x0000000000000000): return .notify // notify
            case (0x0000727265647473, 0x0000000000000000, 0x0000000000000000): return .stderr // stderr
            case (0x000074756F647473, 0x0000000000000000, 0x0000000000000000): return .stdout // stdout
            default: return .unknown
            }
        case 7:
            switch (first, second, third) {
            case (0x0072657473756C63, 0x0000000000000000, 0x0000000000000000): return .cluster // cluster
            case (0x00656D6974757063, 0x0000000000000000, 0x0000000000000000): return .cputime // cputime
            case (0x00656D616E626F6A, 0x0000000000000000, 0x0000000000000000): return .jobname // jobname
            case (0x0065707974626F6A, 0x0000000000000000, 0x0000000000000000): return .globus // jobtype
            case (0x00656D697478616D, 0x0000000000000000, 0x0000000000000000): return .globus // maxtime
            case (0x007463656A6F7270, 0x0000000000000000, 0x0000000000000000): return .globus // project
            default: return .unknown
            }
        case 8:
            switch (first, second, third) {
            case (0x656D697464697267, 0x0000000000000000, 0x0000000000000000): return .gridtime // gridtime
            case (0x656D616E74736F68, 0x0000000000000000, 0x0000000000000000): return .hostname // hostname
            case (0x656D69746566696C, 0x0000000000000000, 0x0000000000000000): return .lifetime // lifetime
            case (0x797469726F697270, 0x0000000000000000, 0x0000000000000000): return .priority // priority
            case (0x656D69746C6C6177, 0x0000000000000000, 0x0000000000000000): return .walltime // walltime
            default: return .unknown
            }
        case 9:
            switch (first, second, third) {
            case (0x746E656D75677261, 0x0000000000000073, 0x0000000000000000): return .arguments // arguments
            case (0x726F746365726964, 0x0000000000000079, 0x0000000000000000): return .globus // directory
            case (0x6863616373736167, 0x0000000000000065, 0x0000000000000000): return .globus // gasscache
            case (0x6F6A796D6D617267, 0x0000000000000062, 0x0000000000000000): return .globus // grammyjob
            case (0x6E756F6374736F68, 0x0000000000000074, 0x0000000000000000): return .globus // hostcount
            case (0x726F706572626F6A, 0x0000000000000074, 0x0000000000000000): return .jobreport // jobreport
            case (0x726F6D656D78616D, 0x0000000000000079, 0x0000000000000000): return .globus // maxmemory
            case (0x726F6D656D6E696D, 0x0000000000000079, 0x0000000000000000): return .globus // minmemory
            case (0x7461747365766173, 0x0000000000000065, 0x0000000000000000): return .savestate // savestate
            case (0x6D69747472617473, 0x0000000000000065, 0x0000000000000000): return .starttime // starttime
            default: return .unknown
            }
        case 10:
            switch (first, second, third) {
            case (0x72616D68636E6562, 0x000000000000736B, 0x0000000000000000): return .benchmarks // benchmarks
            case (0x7278746E65696C63, 0x0000000000006C73, 0x0000000000000000): return .clientxrsl // clientxrsl
            case (0x6261747563657865, 0x000000000000656C, 0x0000000000000000): return .executable // executable
            case (0x6165726874707466, 0x0000000000007364, 0x0000000000000000): return .ftpthreads // ftpthreads
            case (0x6C69667475706E69, 0x0000000000007365, 0x0000000000000000): return .inputfiles // inputfiles
            case (0x697475706378616D, 0x000000000000656D, 0x0000000000000000): return .globus // maxcputime
            case (0x6177656C6464696D, 0x0000000000006572, 0x0000000000000000): return .middleware // middleware
            case (0x6563636165646F6E, 0x0000000000007373, 0x0000000000000000): return .nodeaccess // nodeaccess
            case (0x6468637461726373, 0x0000000000007269, 0x0000000000000000): return .globus // scratchdir
            default: return .unknown
            }
        case 11:
            switch (first, second, third) {
            case (0x6D6E6F7269766E65, 0x0000000000746E65, 0x0000000000000000): return .environment // environment
            case (0x6261747563657865, 0x000000000073656C, 0x0000000000000000): return .executables // executables
            case (0x61656C63656C6966, 0x000000000070756E, 0x0000000000000000): return .globus // filecleanup
            case (0x67617473656C6966, 0x00000000006E6965, 0x0000000000000000): return .globus // filestagein
            case (0x707972617262696C, 0x0000000000687461, 0x0000000000000000): return .globus // librarypath
            case (0x746C6C617778616D, 0x0000000000656D69, 0x0000000000000000): return .globus // maxwalltime
            case (0x696674757074756F, 0x000000000073656C, 0x0000000000000000): return .outputfiles // outputfiles
            case (0x6F6965746F6D6572, 0x00000000006C7275, 0x0000000000000000): return .globus // remoteiourl
            default: return .unknown
            }
        case 12:
            switch (first, second, third) {
            case (0x6365746968637261, 0x0000000065727574, 0x0000000000000000): return .architecture // architecture
            case (0x726570746E756F63, 0x0000000065646F6E, 0x0000000000000000): return .countpernode // countpernode
            case (0x69746167656C6564, 0x0000000064696E6F, 0x0000000000000000): return .delegationid // delegationid
            case (0x67617473656C6966, 0x0000000074756F65, 0x0000000000000000): return .globus // filestageout
            default: return .unknown
            }
        case 14:
            switch (first, second, third) {
            case (0x6F73746E65696C63, 0x0000657261777466, 0x0000000000000000): return .clientsoftware // clientsoftware
            default: return .unknown
            }
        case 15:
            switch (first, second, third) {
            case (0x74736275736C7372, 0x006E6F6974757469, 0x0000000000000000): return .rslsubstitution // rslsubstitution
            case (0x6F63626F6A627573, 0x0065707974736D6D, 0x0000000000000000): return .globus // subjobcommstype
            case (0x7473626F6A627573, 0x0065707974747261, 0x0000000000000000): return .globus // subjobstarttype
            default: return .unknown
            }
        case 16:
            switch (first, second, third) {
            case (0x69746E6564657263, 0x7265767265736C61, 0x0000000000000000): return .credentialserver // credentialserver
            default: return .unknown
            }
        case 17:
            switch (first, second, third) {
            case (0x67617473656C6966, 0x65726168736E6965, 0x0000000000000064): return .globus // filestageinshared
            case (0x636163696C706572, 0x6F697463656C6C6F, 0x000000000000006E): return .replicacollection // replicacollection
            default: return .unknown
            }
        case 18:
            switch (first, second, third) {
            case (0x766973756C637865, 0x6974756365786565, 0x0000000000006E6F): return .exclusiveexecution // exclusiveexecution
            case (0x65656D69746E7572, 0x656D6E6F7269766E, 0x000000000000746E): return .runtimeenvironment // runtimeenvironment
            default: return .unknown
            }
        case 22:
            switch (first, second, third) {
            case (0x656372756F736572, 0x63726567616E616D, 0x0000746361746E6F): return .globus // resourcemanagercontact
            default: return .unknown
            }
        default: return .unknown
        }
    }

}
