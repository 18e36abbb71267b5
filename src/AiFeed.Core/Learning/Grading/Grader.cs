using System.Globalization;
using System.Text.Json;

namespace AiFeed.Learning;

/// <summary>
/// Checks submitted answers against the reference solution. No reader code runs here; readers
/// compute locally (or in the page's Python) and send numbers. The policy, stated on every problem
/// page and in docs/learning.md: an answer passes when every number is within half a unit of the
/// problem's last decimal of the exact (float64) value, plus a float32 margin of 8 float32 units in
/// the last place (2⁻²¹ ≈ 4.8e-7 times the value, at least 1). So the correctly rounded answer
/// passes whichever rounding rule the reader's language uses at a tie, a more precise one passes, a
/// float32 result that rounds to the other side of a tie passes, and an answer one unit off in the
/// last decimal fails.
/// </summary>
public static class Grader
{
    /// <summary>The float32 margin relative to the exact value's magnitude (at least 1): 8 float32 ulps, 8 · 2⁻²⁴.</summary>
    public const double Float32Margin = 1.0 / (1 << 21);

    /// <summary>How far an answer may be from the exact value at a precision.</summary>
    public static double Tolerance(int precision, double exact) =>
        (0.5 * Math.Pow(10, -precision)) + (Float32Margin * Math.Max(1, Math.Abs(exact)));

    /// <summary>The policy in words, as the problem page and the API state it.</summary>
    public static string Describe(int precision)
    {
        var halfUnit = (0.5 * Math.Pow(10, -precision)).ToString("0.##########", CultureInfo.InvariantCulture);
        return $"Answers are graded to {precision} decimals: a number passes within {halfUnit} of the exact value plus a float32 " +
            "allowance of 4.8e-7 × max(1, |value|) (8 float32 units in the last place), so any correct rounding, or more digits, passes. " +
            "Work in float64 (Python's float, NumPy's default, C#'s double): float32 does not carry that many decimals of large values or long sums.";
    }

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
                errors[$"answers[{i.ToString(CultureInfo.InvariantCulture)}]"] = [$"{error} (case {testSet.Cases[i].Id})"];
            }
        }

        if (errors.Count > 0)
        {
            return null;
        }

        var verdicts = testSet.Cases.Zip(parsed, (c, answer) => Check(c, answer, precision)).ToList();
        return new SubmissionVerdict(testSet.Problem, testSet.Seed, verdicts.Count(v => v.Passed), verdicts.Count, verdicts);
    }

    /// <summary>Whether an answer of the right shape is within <see cref="Tolerance"/> of an expected value, entry by entry.</summary>
    public static bool Accepts(NumericValue expected, NumericValue answer, int precision)
    {
        ArgumentNullException.ThrowIfNull(expected);
        ArgumentNullException.ThrowIfNull(answer);
        return expected.SameShape(answer) && FirstWrong(expected, answer, precision) < 0;
    }

    private static CaseVerdict Check(TestCase testCase, NumericValue answer, int precision)
    {
        var shown = testCase.Public ? testCase.Expected.Round(precision) : null;
        if (!answer.SameShape(testCase.Expected))
        {
            return new CaseVerdict(testCase.Id, testCase.Public, false, shown, $"expected {testCase.Expected.DescribeShape()}, got {answer.DescribeShape()}");
        }

        if (Accepts(testCase.Expected, answer, precision) || testCase.Alternatives.Any(a => Accepts(a, answer, precision)))
        {
            return new CaseVerdict(testCase.Id, testCase.Public, true, shown, null);
        }

        var wrong = FirstWrong(testCase.Expected, answer, precision);
        var got = answer.Data[wrong].ToString("R", CultureInfo.InvariantCulture);
        var at = answer.Shape.Length == 0 ? "" : $" at {answer.IndexText(wrong)}";
        var message = testCase.Public
            ? $"not correct to {precision} decimals{at}: got {got}, expected {testCase.Expected.Round(precision).Data[wrong].ToString("R", CultureInfo.InvariantCulture)}"
            : $"not correct to {precision} decimals{at}: got {got}";
        return new CaseVerdict(testCase.Id, testCase.Public, false, shown, message);
    }

    // The index of the first entry outside the tolerance, or -1.
    private static int FirstWrong(NumericValue expected, NumericValue answer, int precision)
    {
        for (var i = 0; i < expected.Data.Length; i++)
        {
            if (!(Math.Abs(answer.Data[i] - expected.Data[i]) <= Tolerance(precision, expected.Data[i])))
            {
                return i;
            }
        }

        return -1;
    }
}
