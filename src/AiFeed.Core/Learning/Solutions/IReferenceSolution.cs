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

    NumericValue Solve(JsonObject input);

    PlotSpec Plot();
}
