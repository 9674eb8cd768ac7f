import ARCIntegration
import Foundation
import Testing

@Suite("arc.conf [custom:arkd]")
struct ARCConfigurationTests {
    @Test("blocks, keys, comments, quotes and white space as arcconfig-parser reads them")
    func parsing() {
        let configuration = ARCConfiguration(parsing: """
            # A-REX runtime configuration
            [common]
            hostname = ce.example.org

            [lrms]
            lrms = arkd default
            [custom:arkd]
            server=/run/arkd/arkd.sock
              tokenfile =   /etc/arc/arkd.token
            # cafile = /not/this
            cafile = "/etc/arc/arkd ca.pem"
            empty =
            [queue:default]
            server = https://not.this.one
            """)
        #expect(configuration.value("hostname", in: "common") == "ce.example.org")
        #expect(configuration.value("lrms", in: "lrms") == "arkd default")
        #expect(configuration.arkdConnection == ArkdConnectionSettings(
            server: "/run/arkd/arkd.sock", tokenFile: "/etc/arc/arkd.token", caFile: "/etc/arc/arkd ca.pem"))
        #expect(configuration.value("empty", in: "custom:arkd") == nil)
        #expect(configuration.value("server", in: "queue:default") == "https://not.this.one")
        #expect(configuration.value("server", in: "custom:other") == nil)
    }

    @Test("a key given twice keeps its last value; a repeated block adds to the first")
    func repeats() {
        let configuration = ARCConfiguration(parsing: """
            [custom:arkd]
            server = /first.sock
            server = /second.sock
            [arex]
            controldir = /var/spool/arc/jobstatus
            [custom:arkd]
            tokenfile = /token
            """)
        #expect(configuration.arkdConnection == ArkdConnectionSettings(server: "/second.sock", tokenFile: "/token"))
    }

    @Test("no [custom:arkd] block: nothing is set; lines before any block are ignored")
    func absent() {
        let configuration = ARCConfiguration(parsing: "server = /x\n[arex]\ncontroldir=/c\n")
        #expect(configuration.arkdConnection == ArkdConnectionSettings())
    }

    @Test("a configuration file that cannot be read is an error naming it")
    func missingFile() {
        #expect(throws: ARCFileError.self) { try ARCConfiguration(contentsOf: "/nonexistent/arc.conf") }
    }
}
