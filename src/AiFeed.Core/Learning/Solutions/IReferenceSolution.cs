using System.Text.Json.Nodes;

namespace AiFeed.Learning;

/// <summary>
/// The trusted implementation behind a problem: it generates test inputs, computes their exact
/// answers (rounding is the grader's job) and describes the problem's picture.
/// </summary>
public interface IReferenceSolution
{
    /// <summary>The id a problem file names in its "solution" key.</summary>
    string Id { get; }

    JsonObject Generate(Random random);

    /// <summary>
    /// An input at the problem's stated limits (the longest inputs, the largest magnitudes), where a
    /// naive implementation fails; every test set's last hidden case is one.
    /// </summary>
    JsonObject GenerateAtLimits(Random random) => Generate(random);

    NumericValue Solve(JsonObject input);

    /// <summary>
    /// Answers the statement also accepts: conventions that are the same formula on paper but give
    /// other digits in doubles (BCE's clipping of p or of 1 − p). None for most problems.
    /// </summary>
    IReadOnlyList<NumericValue> Alternatives(JsonObject input) => [];

    PlotSpec Plot();
}
