/// The XML namespaces an ADL document uses (shared xRSL/ADL spec §6).
enum ADLNamespace {
    /// EMI-ES Activity Description Language.
    static let adl = "http://www.eu-emi.eu/es/2010/12/adl"
    /// ARC's extensions (`ActivityOldID`, `Rerun`, `Priority`, `DelegationID` …).
    static let nordugrid = "http://www.nordugrid.org/es/2011/12/nordugrid-adl"
}
