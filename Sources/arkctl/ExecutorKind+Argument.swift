import ArgumentParser
import ArkdEngine

/// `--executor local|kubernetes` names the site configuration's executor kinds directly.
extension SiteConfiguration.ExecutorKind: ExpressibleByArgument {}
