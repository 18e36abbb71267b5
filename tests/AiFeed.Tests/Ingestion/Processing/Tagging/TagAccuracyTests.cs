using AiFeed.Catalog;
using AiFeed.Ingestion.Processing.Tagging;

namespace AiFeed.Tests.Ingestion.Processing.Tagging;

/// <summary>
/// How well the shipped taxonomy tags real posts nobody tuned it to: the frozen test part of the
/// labelled set (docs/tags.md). Per-tag precision, recall and F1 go to the test's output; the test
/// part's individual mistakes never do, so nothing is fitted to them. The tuning part's mistakes,
/// which are what keywords are fitted to, are printed by the tuning test.
/// </summary>
public sealed class TagAccuracyTests
{
    [Fact]
    public void Tag_FrozenTestPart_MacroF1AtLeast085AndNoTagBelow070()
    {
        // Arrange
        var (names, tagger) = Shipped();
        var test = TagSet.Part(TagSet.Test).ToList();

        // Act
        var scores = TagScores.Measure(names, test, input => tagger.Tag(input, []));

        // Assert
        var report = scores.Report("shipped taxonomy, frozen test part");
        TestContext.Current.TestOutputHelper?.WriteLine(report);
        Assert.True(test.Count >= 250, $"the test part has {test.Count} posts");
        Assert.True(scores.MacroF1 >= 0.85, report);
        Assert.All(names, name => Assert.True(scores.F1(name) >= 0.70, $"{name}: F1 {scores.F1(name):0.000}{Environment.NewLine}{report}"));
    }

    [Fact]
    public void Tag_TuningPart_MacroF1AtLeast085AndNoTagBelow070()
    {
        // Arrange
        var (names, tagger) = Shipped();
        var tuning = TagSet.Part(TagSet.Tuning).ToList();

        // Act
        var scores = TagScores.Measure(names, tuning, input => tagger.Tag(input, []));

        // Assert: in-sample, so only a floor against a keyword change that breaks what it was fitted to.
        var report = scores.Report("shipped taxonomy, tuning part (in-sample)") + Environment.NewLine + string.Join(Environment.NewLine, scores.Mistakes);
        TestContext.Current.TestOutputHelper?.WriteLine(report);
        Assert.True(scores.MacroF1 >= 0.85, report);
        Assert.All(names, name => Assert.True(scores.F1(name) >= 0.70, $"{name}: F1 {scores.F1(name):0.000}{Environment.NewLine}{report}"));
    }

    private static (List<string> Names, Tagger Tagger) Shipped() =>
        (Taxonomy.Default.Tags.Select(t => t.Name).ToList(), new Tagger(Taxonomy.Default));
}
