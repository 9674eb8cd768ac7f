import Foundation
import JobDescriptions
import Testing

@Suite("GRAMI job options")
struct GRAMIReaderTests {
    private let grami = #"""
        joboption_directory='/var/spool/arc/session/KKMNDm'
        joboption_controldir='/var/spool/arc/control'
        joboption_arg_0='./run.sh'
        joboption_arg_1='-c'
        joboption_arg_2='echo it'\''s $HOME; done'
        joboption_stdin='/dev/null'
        joboption_stdout='/var/spool/arc/session/KKMNDm/stdout.txt'
        joboption_stderr='/var/spool/arc/session/KKMNDm/stdout.txt'
        joboption_env_0=GRID_GLOBAL_JOBID='KKMNDm'
        joboption_env_1='ARKD_TEST=a=b'
        joboption_cputime=
        joboption_walltime=300
        joboption_memory=1000
        joboption_virtualmemory=
        joboption_disk=
        joboption_count=2
        joboption_countpernode=-1
        joboption_exclusivenode=true
        joboption_runtime_0='ENV/ARKD-CONTAINER'
        joboption_runtime_0_1='docker.io/library/alpine:3.20'
        joboption_jobname='lab job'
        joboption_queue='k8s'
        joboption_starttime=20261122023140Z
        joboption_gridid='KKMNDm'
        joboption_priority=50
        joboption_inputfile_0='/run.sh'
        joboption_outputfile_0='/stdout.txt'
        joboption_jobid=arkd-1
        joboption_jobid=arkd-2

        """#

    @Test("A-REX's job options map into the model without a shell")
    func mapping() throws {
        let job = try acceptedJob(grami)
        #expect(job.gridJob == GridJobContext(gridID: "KKMNDm", sessionDirectory: "/var/spool/arc/session/KKMNDm",
                                              controlDirectory: "/var/spool/arc/control", localID: "arkd-1"))
        #expect(job.executable == "run.sh")
        #expect(job.arguments == ["-c", "echo it's $HOME; done"])
        #expect(job.stdin == nil && job.stdout == "stdout.txt" && job.stderr == "stdout.txt" && job.join)
        #expect(job.environment == [EnvironmentVariable(name: "GRID_GLOBAL_JOBID", value: "KKMNDm"),
                                    EnvironmentVariable(name: "ARKD_TEST", value: "a=b")])
        #expect(job.cpuTime == nil && job.wallTime == 300 && job.memoryMB == 1000 && job.diskMB == nil)
        #expect(job.count == 2 && job.countPerNode == nil && job.exclusiveExecution == true)
        #expect(job.runTimeEnvironments == [RuntimeEnvironment(name: "ENV/ARKD-CONTAINER", options: ["docker.io/library/alpine:3.20"])])
        #expect(job.jobName == "lab job" && job.queue == "k8s" && job.priority == 50)
        #expect(job.startTime == Date(timeIntervalSince1970: 1_795_314_700))
        #expect(job.inputFiles.map(\.name) == ["run.sh"])
        #expect(job.outputFiles.map(\.name) == ["stdout.txt"])
    }

    @Test("anything that would need a shell is refused with its position")
    func shellConstructs() {
        #expect(rejection("joboption_arg_0=$(rm -rf /)\n").mention("needs a shell", line: 1, column: 17))
        #expect(rejection("joboption_arg_0='/bin/true'\njoboption_arg_1=`id`\n").mention("needs a shell", line: 2, column: 17))
        #expect(rejection("joboption_arg_0='/bin/true'\njoboption_arg_1=\"$HOME\"\n").mention("needs a shell"))
        #expect(rejection("joboption_arg_0='/bin/true'; rm x\n").mention("needs a shell"))
        #expect(rejection("joboption_arg_0='/bin/true\n").mention("never closed"))
        #expect(rejection("joboption_arg_0='/bin/true'\nexport X=1\n").mention("expected a 'joboption_NAME=value'", line: 2, column: 1))
    }

    @Test("double quotes and backslashes unquote like a shell")
    func otherQuoting() throws {
        let job = try acceptedJob(#"joboption_arg_0=/bin/echo"# + "\n" + #"joboption_arg_1="a \"b\" \\ c"\ d"# + "\n# note\n")
        #expect(job.arguments == [#"a "b" \ c d"#])
    }

    @Test("a comment after a value ends that line only")
    func trailingComment() throws {
        let job = try acceptedJob("joboption_arg_0=/bin/true # the payload\njoboption_arg_1='x' # and its argument\n")
        #expect(job.executable == "/bin/true" && job.arguments == ["x"])
    }

    @Test("numbers must be whole and the executable present")
    func invalidValues() {
        #expect(rejection("joboption_arg_0=/bin/true\njoboption_walltime=5m\n").mention("joboption_walltime must be a whole number", line: 2))
        #expect(rejection("joboption_directory=/x\n").mention("joboption_arg_0"))
    }

    @Test("stdout outside the session directory is refused")
    func confinedStreams() {
        #expect(rejection("joboption_directory=/s/j\njoboption_arg_0=/bin/true\njoboption_stdout=/etc/x\n").mention("stdout '/etc/x'", line: 3))
    }
}
