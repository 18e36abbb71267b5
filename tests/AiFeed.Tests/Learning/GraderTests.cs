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
        Assert.Equal(3 + 8, first.Cases.Count);
        Assert.Equal(first.Cases.Select(c => c.InputJson), again.Cases.Select(c => c.InputJson));
        Assert.NotEqual(first.Cases.Skip(3).Select(c => c.InputJson), other.Cases.Skip(3).Select(c => c.InputJson));
        Assert.Equal(["example-1", "example-2", "example-3"], first.Cases.Where(c => c.Public).Select(c => c.Id));
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
        Assert.Equal(11, verdict.Passed);
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
        Assert.Equal("not correct to 4 decimals", verdict.Cases[0].Message);
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

    private static JsonElement Json(double value) => JsonSerializer.SerializeToElement(value);

    private static double[] Vector(TestCase testCase, string name) =>
        [.. JsonDocument.Parse(testCase.InputJson).RootElement.GetProperty(name).EnumerateArray().Select(e => e.GetDouble())];
}
