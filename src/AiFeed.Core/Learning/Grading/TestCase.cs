namespace AiFeed.Learning;

/// <summary>One graded input. Public cases are the problem's examples; their expected value may be shown.</summary>
public sealed record TestCase(string Id, string InputJson, bool Public, NumericValue Expected);

/// <summary>The cases of one seed, in the order answers must be submitted.</summary>
public sealed record TestSet(string Problem, int Seed, IReadOnlyList<TestCase> Cases);

/// <summary>How one submitted answer fared.</summary>
public sealed record CaseVerdict(string Id, bool Public, bool Passed, NumericValue? Expected, string? Message);

/// <summary>The grader's answer to a whole submission.</summary>
public sealed record SubmissionVerdict(string Problem, int Seed, int Passed, int Total, IReadOnlyList<CaseVerdict> Cases)
{
    public bool AllPassed => Passed == Total;
}
