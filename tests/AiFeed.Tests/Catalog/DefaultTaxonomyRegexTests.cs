using System.Text.RegularExpressions;
using AiFeed.Catalog;

namespace AiFeed.Tests.Catalog;

/// <summary>
/// The shipped evaluation regexes start with a literal, so .NET finds "bench" before trying a match;
/// the word-loop forms they replaced were tried at every word of every post no evaluation keyword
/// matched (~2 % of a cold poll's CPU). They must tag exactly the texts the old forms tagged.
/// </summary>
public sealed class DefaultTaxonomyRegexTests
{
    private static readonly string[] Replaced = [@"\b\w+-?bench\b", @"\bbench-?\w+\b"];

    [Fact]
    public void EvaluationRegexes_SameMatchesAsTheWordLoopFormsTheyReplace()
    {
        // Arrange: the shipped patterns beside the old ones, on named cases and on 200,000 random
        // short texts over the letters of "bench", case, hyphens, spaces, underscores, digits and accents.
        var shipped = Taxonomy.Default.Tags.Single(t => t.Name == "evaluation").Patterns;
        var old = Replaced.Select(p => new Regex(p, RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)).ToArray();
        var random = new Random(20261206);
        const string alphabet = "benchBENCHx_-- .é9ü\u0301\t";
        var texts = new List<string>
        {
            "SWE-bench Verified", "swebench", "MLE-bench", "Terminal-Bench 2.0", "bench-marking", "BenchX",
            "benchmark", "a bench", "the bench press", "workbench", "bench_x", "-bench", "bench-", "x-bench-y", "",
        };
        for (var i = 0; i < 200_000; i++)
        {
            var text = new string([.. Enumerable.Range(0, random.Next(0, 14)).Select(_ => alphabet[random.Next(alphabet.Length)])]);
            texts.Add(random.Next(3) == 0 ? text.Insert(random.Next(text.Length + 1), random.Next(2) == 0 ? "bench" : "BENCH") : text);
        }

        // Act
        var differences = texts.Where(t => Enumerable.Range(0, old.Length).Any(i => old[i].IsMatch(t) != shipped[i].IsMatch(t))).Take(5).ToList();

        // Assert
        Assert.Equal(old.Length, shipped.Count);
        Assert.Empty(differences);
        Assert.True(shipped[0].IsMatch("SWE-bench") && shipped[1].IsMatch("BenchX") && !shipped[0].IsMatch("benchmark") && !shipped[1].IsMatch("workbench"));
    }
}
