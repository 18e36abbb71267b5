using System.Globalization;
using System.Text.Json;

namespace AiFeed.Learning;

/// <summary>
/// Checks submitted answers against the reference solution. An answer passes when every number is
/// within half a unit of the problem's last decimal of the exact value: the correctly rounded
/// answer passes whichever rounding rule the reader's language uses at a tie, and so does a more
/// precise one. No reader code runs here; readers compute locally and send numbers.
/// </summary>
public static class Grader
{
    // Room for the binary representation of a decimal answer such as 0.1643.
    private const double RepresentationSlack = 1e-9;

    /// <summary>The verdict, or null with errors keyed by the offending field when the submission is unusable.</summary>
    public static SubmissionVerdict? Grade(TestSet testSet, int precision, IReadOnlyList<JsonElement> answers, out Dictionary<string, string[]> errors)
    {
        ArgumentNullException.ThrowIfNull(testSet);
        ArgumentNullException.ThrowIfNull(answers);
        errors = new Dictionary<string, string[]>(StringComparer.Ordinal);
        if (answers.Count != testSet.Cases.Count)
        {
            errors["answers"] = [$"expected {testSet.Cases.Count} answers, one per test case in order, but got {answers.Count}"];
            return null;
        }

        var parsed = new List<NumericValue>();
        for (var i = 0; i < answers.Count; i++)
        {
            if (NumericValue.TryParse(answers[i], out var error) is { } value)
            {
                parsed.Add(value);
            }
            else
            {
                errors[$"answers[{i.ToString(CultureInfo.InvariantCulture)}]"] = [error!];
            }
        }

        if (errors.Count > 0)
        {
            return null;
        }

        var tolerance = (0.5 * Math.Pow(10, -precision)) + RepresentationSlack;
        var verdicts = testSet.Cases.Zip(parsed, (c, answer) => Check(c, answer, precision, tolerance)).ToList();
        return new SubmissionVerdict(testSet.Problem, testSet.Seed, verdicts.Count(v => v.Passed), verdicts.Count, verdicts);
    }

    private static CaseVerdict Check(TestCase testCase, NumericValue answer, int precision, double tolerance)
    {
        var shown = testCase.Public ? testCase.Expected.Round(precision) : null;
        if (!answer.SameShape(testCase.Expected))
        {
            return new CaseVerdict(testCase.Id, testCase.Public, false, shown, $"expected {testCase.Expected.DescribeShape()}, got {answer.DescribeShape()}");
        }

        var worst = answer.Data.Zip(testCase.Expected.Data, (a, e) => Math.Abs(a - e)).DefaultIfEmpty(0).Max();
        return worst <= tolerance
            ? new CaseVerdict(testCase.Id, testCase.Public, true, shown, null)
            : new CaseVerdict(testCase.Id, testCase.Public, false, shown, $"not correct to {precision} decimals");
    }
}
