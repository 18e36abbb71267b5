namespace AiFeed.Learning;

/// <summary>
/// One graded input. Public cases are the problem's examples; their expected value may be shown.
/// <see cref="Alternatives"/> are other answers the statement accepts (see IReferenceSolution.Alternatives).
/// </summary>
public sealed record TestCase(string Id, string InputJson, bool Public, NumericValue Expected, IReadOnlyList<NumericValue> Alternatives);

/// <summary>The cases of one seed, in the order answers must be submitted.</summary>
public sealed record TestSet(string Problem, int Seed, IReadOnlyList<TestCase> Cases);

/// <summary>How one submitted answer fared; <see cref="Expected"/> is given for public cases only.</summary>
public sealed record CaseVerdict(string Id, bool Public, bool Passed, NumericValue? Expected, string? Message);

/// <summary>The grader's answer to a whole submission.</summary>
public sealed record SubmissionVerdict(string Problem, int Seed, int Passed, int Total, IReadOnlyList<CaseVerdict> Cases)
{
    public bool AllPassed => Passed == Total;
}
