/// Writes ADL (EMI-ES ActivityDescription XML) the way ARC clients and workflow systems do: the
/// same jobs as the xRSL mix describes (executable and arguments, staging with URL sources and
/// targets, environment, runtime environments, resources), with XML escapes in text and either
/// the ADL default namespace or an `adl:` prefix.
///
/// Kept to what both arkd and ARC 6.17 accept: relative, unique file names, allowed URL schemes
/// without credentials, times in seconds and memory in bytes.
struct ADLWriter {
    private var random: SeededRandom
    private var fileCounter = 0

    init(seed: UInt64) {
        random = SeededRandom(seed: seed)
    }

    static let adlNamespace = "http://www.eu-emi.eu/es/2010/12/adl"
    static let nordugridNamespace = "http://www.nordugrid.org/es/2011/12/nordugrid-adl"

    private static let storageBases = [
        "gsiftp://se01.grid.example.org:2811/atlas/atlasdatadisk/rucio",
        "gsiftp://dcache.ndgf.example.org/pnfs/ndgf.example.org/data/atlas",
        "https://webdav.ndgf.example.org:2880/pnfs/ndgf.example.org/data/atlas",
        "https://eos.cern.example.ch:443/eos/atlas/atlasscratchdisk",
        "srm://srm.grid.example.org:8443/srm/managerv2?SFN=/dpm/grid.example.org/home/atlas",
        "root://xrootd.example.org:1094//store/user/jdoe",
    ]
    private static let datasets = ["mc16_13TeV", "data18_13TeV", "mc20_13TeV", "user.jdoe", "group.phys-higgs", "valid1"]
    private static let executables = ["/bin/sh", "/bin/bash", "/usr/bin/python3", "/usr/bin/env"]
    private static let scripts = ["run.sh", "runjob.sh", "analysis.py", "reco_wrapper.sh", "simulate"]
    private static let runtimeEnvironments = [
        "APPS/HEP/ATLAS-21.0.77", "APPS/HEP/ATLAS-22.0.41-X86_64-CENTOS7-GCC8-OPT", "ENV/PROXY",
        "ENV/SINGULARITY", "APPS/BIO/GROMACS-2021.4", "ENV/RUNTIME/MPI-4.1",
    ]
    private static let environment = [
        ("ATHENA_PROC_NUMBER", "8"), ("FRONTIER_SERVER", "(serverurl=http://frontier.example.org:8000/atlr)"),
        ("X509_CERT_DIR", "/etc/grid-security/certificates"), ("LANG", "en_US.UTF-8"), ("OMP_NUM_THREADS", "4"),
        ("RUCIO_ACCOUNT", "jdoe"), ("TMPDIR_POLICY", "scratch & local"), ("G4DATA_VERSION", "10.7 \"patched\""),
    ]
    private static let arguments = [
        "--events=500", "--seed=4711", "-c", "echo \"running on $(hostname)\" && ./run.sh 2>&1 | tee run.log",
        "--preExec=from AthenaCommon import Logging; Logging.log.setLevel('INFO')", "--maxEvents=-1",
        "--conditionsTag=OFLCOND-MC16-SDR-RUN2-09", "a < b > c", "--outputAODFile=AOD.01234.pool.root",
    ]
    private static let queues = ["grid", "short", "long", "bigmem", "atlas"]

    /// `&`, `<`, `>` and `"` as XML character references.
    private static func escaped(_ text: String) -> String {
        var result = ""
        for character in text {
            switch character {
            case "&": result += "&amp;"
            case "<": result += "&lt;"
            case ">": result += "&gt;"
            case "\"": result += "&quot;"
            default: result.append(character)
            }
        }
        return result
    }

    private mutating func nextFile(_ stem: String, _ suffix: String) -> String {
        fileCounter += 1
        return stem + "_" + pad(fileCounter, 4) + suffix
    }

    /// One ActivityDescription of about 1.5–4 KB, in the ADL default namespace or with `adl:`.
    mutating func document() -> String {
        fileCounter = 0
        let prefixed = random.chance(50)
        let p = prefixed ? "adl:" : ""
        func element(_ name: String, _ text: String, indent: String) -> String {
            indent + "<" + p + name + ">" + Self.escaped(text) + "</" + p + name + ">\n"
        }
        var out = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
        out += "<" + p + "ActivityDescription xmlns" + (prefixed ? ":adl" : "") + "=\"" + Self.adlNamespace
            + "\" xmlns:nordugrid-adl=\"" + Self.nordugridNamespace + "\">\n"
        // Identification
        out += "  <" + p + "ActivityIdentification>\n"
        out += element("Name", "job-" + random.pick(Self.datasets) + "-" + String(random.int(1...99_999)), indent: "    ")
        if random.chance(50) { out += element("Description", "generated for the parser benchmark", indent: "    ") }
        if random.chance(40) { out += element("Annotation", "campaign=" + random.pick(Self.datasets), indent: "    ") }
        out += "  </" + p + "ActivityIdentification>\n"
        // Application
        let script = random.pick(Self.scripts)
        let wrapped = random.chance(50)
        out += "  <" + p + "Application>\n"
        out += "    <" + p + "Executable>\n"
        out += element("Path", wrapped ? random.pick(Self.executables) : script, indent: "      ")
        if wrapped { out += element("Argument", script, indent: "      ") }
        for _ in 0..<random.int(1...6) { out += element("Argument", random.pick(Self.arguments), indent: "      ") }
        if random.chance(30) { out += element("FailIfExitCodeNotEqualTo", "0", indent: "      ") }
        out += "    </" + p + "Executable>\n"
        if random.chance(70) { out += element("Output", "stdout.txt", indent: "    ") }
        if random.chance(50) { out += element("Error", "stderr.txt", indent: "    ") }
        for index in 0..<random.int(0...4) {
            let (name, value) = Self.environment[(index * 3 + random.int(0...2)) % Self.environment.count]
            out += "    <" + p + "Environment>" + "<" + p + "Name>" + name + "</" + p + "Name><" + p + "Value>"
                + Self.escaped(value) + "</" + p + "Value></" + p + "Environment>\n"
        }
        if random.chance(30) { out += element("LoggingDirectory", "gmlog", indent: "    ") }
        out += "  </" + p + "Application>\n"
        // Resources
        out += "  <" + p + "Resources>\n"
        for (index, rte) in Self.runtimeEnvironments.enumerated() where index % 3 == random.int(0...2) {
            out += "    <" + p + "RuntimeEnvironment><" + p + "Name>" + rte + "</" + p + "Name></" + p + "RuntimeEnvironment>\n"
        }
        out += element("IndividualPhysicalMemory", String(random.int(1...16) * 536_870_912), indent: "    ")
        if random.chance(60) { out += element("WallTime", String(random.int(1...72) * 3600), indent: "    ") }
        if random.chance(40) { out += element("TotalCPUTime", String(random.int(1...96) * 3600), indent: "    ") }
        if random.chance(40) {
            out += "    <" + p + "SlotRequirement><" + p + "NumberOfSlots>" + String(random.pick([1, 2, 4, 8]))
                + "</" + p + "NumberOfSlots></" + p + "SlotRequirement>\n"
        }
        if random.chance(50) { out += element("QueueName", random.pick(Self.queues), indent: "    ") }
        out += "  </" + p + "Resources>\n"
        // Data staging
        out += "  <" + p + "DataStaging>\n"
        if !wrapped || random.chance(50) {
            out += "    <" + p + "InputFile>" + "<" + p + "Name>" + script + "</" + p + "Name><" + p
                + "IsExecutable>true</" + p + "IsExecutable></" + p + "InputFile>\n"
        }
        for _ in 0..<random.int(1...8) {
            let file = nextFile("input", random.pick([".dat", ".pool.root.1", ".tar.gz", ".db"]))
            out += "    <" + p + "InputFile>\n"
            out += element("Name", file, indent: "      ")
            out += "      <" + p + "Source>\n"
            out += element("URI", random.pick(Self.storageBases) + "/" + random.pick(Self.datasets) + "/"
                           + pad(random.int(0...255), 3) + "/" + file, indent: "        ")
            if random.chance(15) { out += element("DelegationID", "deleg-" + String(random.int(1...999)), indent: "        ") }
            if random.chance(25) {
                out += "        <" + p + "Option><" + p + "Name>cache</" + p + "Name><" + p + "Value>"
                    + random.pick(["no", "renew", "copy"]) + "</" + p + "Value></" + p + "Option>\n"
            }
            out += "      </" + p + "Source>\n"
            out += "    </" + p + "InputFile>\n"
        }
        for _ in 0..<random.int(1...4) {
            let file = nextFile("output", random.pick([".root", ".log.tgz", ".h5", ".json"]))
            out += "    <" + p + "OutputFile>\n"
            out += element("Name", file, indent: "      ")
            if random.chance(70) {
                out += "      <" + p + "Target>\n"
                out += element("URI", random.pick(Self.storageBases) + "/user.jdoe/" + file, indent: "        ")
                out += "      </" + p + "Target>\n"
            }
            out += "    </" + p + "OutputFile>\n"
        }
        out += "  </" + p + "DataStaging>\n"
        out += "</" + p + "ActivityDescription>\n"
        return out
    }
}
