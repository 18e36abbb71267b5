using System.Text.Json;
using AiFeed.Learning;

namespace AiFeed.Tests.Learning;

public sealed class GraderTests
{
    [Fact]
    public void Generate_SameSeed_SameCasesAndDifferentSeedDifferentCases()
    {
        // Arrange
        var problem = ContentFolder.Shipped().Problems["binary-cross-entropy"];

        // Act
        var first = TestSetGenerator.Generate(problem, 7, 8);
        var again = TestSetGenerator.Generate(problem, 7, 8);
        var other = TestSetGenerator.Generate(problem, 8, 8);

        // Assert
        var examples = problem.Examples.Count;
        Assert.Equal(examples + 8, first.Cases.Count);
        Assert.Equal(first.Cases.Select(c => c.InputJson), again.Cases.Select(c => c.InputJson));
        Assert.NotEqual(first.Cases.Skip(examples).Select(c => c.InputJson), other.Cases.Skip(examples).Select(c => c.InputJson));
        Assert.Equal(Enumerable.Range(1, examples).Select(i => $"example-{i}"), first.Cases.Where(c => c.Public).Select(c => c.Id));
    }

    [Fact]
    public void Grade_CorrectlyRoundedAnswers_AllPass()
    {
        // Arrange
        var problem = ContentFolder.Shipped().Problems["binary-cross-entropy"];
        var set = TestSetGenerator.Generate(problem, 99, 8);
        var answers = set.Cases.Select(c => Json(Math.Round(Independent.BinaryCrossEntropy(Vector(c, "y"), Vector(c, "p")), 4))).ToList();

        // Act
        var verdict = Grader.Grade(set, 4, answers, out var errors);

        // Assert
        Assert.Empty(errors);
        Assert.NotNull(verdict);
        Assert.True(verdict.AllPassed);
        Assert.Equal(problem.Examples.Count + 8, verdict.Passed);
        Assert.All(verdict.Cases, c => Assert.Equal(c.Public, c.Expected is not null));
    }

    [Fact]
    public void Grade_AnswerOffInTheFourthDecimal_FailsThatCaseOnly()
    {
        // Arrange
        var problem = ContentFolder.Shipped().Problems["binary-cross-entropy"];
        var set = TestSetGenerator.Generate(problem, 5, 2);
        var answers = set.Cases.Select(c => Math.Round(c.Expected.Data[0], 4, MidpointRounding.AwayFromZero)).ToList();
        answers[0] += 0.0001;
        answers[1] = Math.Round(set.Cases[1].Expected.Data[0], 6);

        // Act
        var verdict = Grader.Grade(set, 4, [.. answers.Select(Json)], out _)!;

        // Assert
        Assert.False(verdict.Cases[0].Passed);
        Assert.Equal("not correct to 4 decimals: got 0.1644, expected 0.1643", verdict.Cases[0].Message);
        Assert.Equal(0.1643, verdict.Cases[0].Expected!.Data[0]);
        Assert.True(verdict.Cases[1].Passed, "a more precise answer passes too");
        Assert.Equal(set.Cases.Count - 1, verdict.Passed);
    }

    [Fact]
    public void Grade_WrongShape_FailsWithMessage()
    {
        // Arrange
        var problem = ContentFolder.Shipped().Problems["softmax"];
        var set = TestSetGenerator.Generate(problem, 1, 0);
        var answers = set.Cases.Select(c => JsonSerializer.SerializeToElement(c.Expected.Round(4).Data)).ToList();
        answers[0] = Json(0.5);

        // Act
        var verdict = Grader.Grade(set, 4, answers, out _)!;

        // Assert
        Assert.False(verdict.Cases[0].Passed);
        Assert.Equal("expected an array of 3 numbers, got a number", verdict.Cases[0].Message);
        Assert.True(verdict.Cases[1].Passed);
    }

    [Fact]
    public void Grade_WrongCount_IsRejectedNamingAnswers()
    {
        // Arrange
        var set = TestSetGenerator.Generate(ContentFolder.Shipped().Problems["softmax"], 1, 4);

        // Act
        var verdict = Grader.Grade(set, 4, [Json(1)], out var errors);

        // Assert
        Assert.Null(verdict);
        Assert.Equal("expected 7 answers, one per test case in order, but got 1", Assert.Single(errors["answers"]));
    }

    [Theory]
    [InlineData("\"0.5\"")]
    [InlineData("null")]
    [InlineData("[1, \"x\"]")]
    [InlineData("[[1, 2], [3]]")]
    public void Grade_NotNumbers_IsRejectedNamingTheAnswer(string bad)
    {
        // Arrange
        var set = TestSetGenerator.Generate(ContentFolder.Shipped().Problems["cosine-similarity"], 1, 1);
        var answers = set.Cases.Select(_ => Json(0.5)).ToList();
        answers[2] = JsonDocument.Parse(bad).RootElement;

        // Act
        var verdict = Grader.Grade(set, 4, answers, out var errors);

        // Assert
        Assert.Null(verdict);
        Assert.True(errors.ContainsKey("answers[2]"));
    }

    [Fact]
    public void Grade_WrongHiddenMatrixEntry_NamesTheEntryAndWhatWasSentButNotTheExpectedValue()
    {
        // Arrange
        var problem = ContentFolder.Shipped().Problems["scaled-dot-product-attention"];
        var set = TestSetGenerator.Generate(problem, 3, 1);
        var answers = set.Cases.Select(c => c.Expected.Round(4)).ToList();
        var hidden = answers[^1];
        hidden.Data[^1] += 0.01;

        // Act
        var verdict = Grader.Grade(set, 4, [.. answers.Select(a => JsonSerializer.SerializeToElement(a.ToJson()))], out _)!;

        // Assert
        var last = verdict.Cases[^1];
        Assert.False(last.Public);
        Assert.Null(last.Expected);
        Assert.Equal($"not correct to 4 decimals at {hidden.IndexText(hidden.Data.Length - 1)}: got {hidden.Data[^1].ToString("R", System.Globalization.CultureInfo.InvariantCulture)}", last.Message);
        Assert.Matches(@"^\[\d+\]\[\d+\]$", hidden.IndexText(hidden.Data.Length - 1));
    }

    [Theory]
    [InlineData(34.5396, true)]  // p clipped: 1 − ε rounds to 1 − 9.992e-16
    [InlineData(34.5388, true)]  // 1 − p clipped: −ln(1e-15)
    [InlineData(34.53958, true)] // more digits of the first
    [InlineData(34.5392, false)] // between the two: neither convention
    [InlineData(16.1181, false)] // ε = 1e-7 (Keras' default) is not the stated ε
    public void Grade_BceMirroredHardCase_AcceptsEitherClippingOrderOnly(double answer, bool passes)
    {
        // Arrange: the fourth example is y = 0, p = 1.
        var problem = ContentFolder.Shipped().Problems["binary-cross-entropy"];
        var set = TestSetGenerator.Generate(problem, 1, 0);
        var mirrored = set.Cases.Single(c => c.InputJson == "{\"y\":[0],\"p\":[1.0]}" || c.InputJson == "{\"y\":[0],\"p\":[1]}");
        var answers = set.Cases.Select(c => Json(c == mirrored ? answer : c.Expected.Data[0])).ToList();

        // Act
        var verdict = Grader.Grade(set, 4, answers, out _)!;

        // Assert
        Assert.Equal(passes, verdict.AllPassed);
        Assert.Equal(34.5396, verdict.Cases[set.Cases.ToList().IndexOf(mirrored)].Expected!.Data[0]);
    }

    [Fact]
    public void Grade_BceLongCaseClippingOneMinusP_PassesEverySeed()
    {
        // Arrange: a learner who clips 1 − p in the y = 0 term (issue 23 saw them fail 38 of 40 seeds).
        var problem = ContentFolder.Shipped().Problems["binary-cross-entropy"];
        for (var seed = 0; seed < 40; seed++)
        {
            var set = TestSetGenerator.Generate(problem, seed, 8);
            var answers = set.Cases.Select(c => Json(Math.Round(ClipOneMinusP(Vector(c, "y"), Vector(c, "p")), 4))).ToList();

            // Act
            var verdict = Grader.Grade(set, 4, answers, out _)!;

            // Assert
            Assert.True(verdict.AllPassed, $"seed {seed}: {string.Join("; ", verdict.Cases.Where(c => !c.Passed).Select(c => c.Id + " " + c.Message))}");
        }
    }

    [Theory]
    [InlineData(0.12345012, 0.1234, true)]  // float32 gives 0.12344998 here, which rounds down: within the float32 margin
    [InlineData(0.12345012, 0.1235, true)]  // the correctly rounded answer
    [InlineData(0.12345012, 0.1233, false)] // one unit off in the last decimal
    [InlineData(0.12346, 0.1234, false)]    // beyond half a unit and the margin
    [InlineData(34.539576, 34.5395, false)] // wrongly rounded: 7.6e-5 away, the margin at 34.5 is 1.6e-5
    [InlineData(1234.56785, 1234.5678, true)] // the margin grows with the value, as float32's spacing does
    public void Grade_Float32Policy_HalfAUnitPlusEightFloat32Ulps(double exact, double answer, bool passes)
    {
        // Arrange
        var set = new TestSet("synthetic", 0, [new TestCase("case-1", "{}", false, NumericValue.Scalar(exact), [])]);

        // Act
        var verdict = Grader.Grade(set, 4, [Json(answer)], out _)!;

        // Assert
        Assert.Equal(passes, verdict.AllPassed);
        Assert.Equal(0.00005 + (8 * Math.Pow(2, -24) * Math.Max(1, Math.Abs(exact))), Grader.Tolerance(4, exact), 15);
    }

    [Theory]
    [InlineData("1e400", "1e400 overflows a double (the largest is about 1.8e308); a correct answer is a finite number (case case-1)")]
    [InlineData("-1e400", "-1e400 overflows a double")]
    [InlineData("\"0.5\"", "\"0.5\" is a string; send the number itself, without quotes")]
    [InlineData("null", "null is not a number")]
    [InlineData("[[1, 2], [3]]", "an array of 1 stands beside arrays of 2: rows must all have the same length")]
    public void Grade_UnreadableAnswer_SaysWhatIsWrongWithIt(string bad, string message)
    {
        // Arrange
        var set = new TestSet("synthetic", 0, [new TestCase("case-1", "{}", false, NumericValue.Scalar(1), [])]);

        // Act
        var verdict = Grader.Grade(set, 4, [JsonDocument.Parse(bad).RootElement], out var errors);

        // Assert
        Assert.Null(verdict);
        Assert.StartsWith(message, Assert.Single(errors["answers[0]"]), StringComparison.Ordinal);
    }

    // The other clipping order, written out on its own: clip 1 − p, not p, in the y = 0 term.
    private static double ClipOneMinusP(double[] y, double[] p)
    {
        var total = 0.0;
        for (var i = 0; i < y.Length; i++)
        {
            var q = y[i] == 1 ? p[i] : 1 - p[i];
            total -= Math.Log(Math.Min(Math.Max(q, 1e-15), 1 - 1e-15));
        }

        return total / y.Length;
    }

    private static JsonElement Json(double value) => JsonSerializer.SerializeToElement(value);

    private static double[] Vector(TestCase testCase, string name) =>
        [.. JsonDocument.Parse(testCase.InputJson).RootElement.GetProperty(name).EnumerateArray().Select(e => e.GetDouble())];
}
