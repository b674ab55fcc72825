import ScourIndex

/// Reads every file of the index at `path` and reports what is damaged or
/// inconsistent (see ``IndexChecker``): what `scour check` runs. Never
/// throws: a missing or unreadable manifest is a problem in the report.
///
/// The catalog and templates files are checked too (see `CatalogCheck`).
///
/// - Parameter additionalChecks: further checks of the decoded manifest,
///   run after the built-in ones.
public func checkIndex(at path: String, additionalChecks: [IndexChecker.Check] = []) -> IndexCheckReport {
    var checker = IndexChecker(path: path)
    checker.additionalChecks += CatalogCheck.checks + additionalChecks
    return checker.check()
}
