using AiFeed.Catalog;
using AiFeed.Ingestion.Processing.Tagging;

namespace AiFeed.Tests.Ingestion.Processing.Tagging;

/// <summary>
/// How well the shipped taxonomy tags real posts nobody tuned it to: the frozen test part of the
/// labelled set (docs/tags.md). Per-tag precision, recall and F1 go to the test's output.
/// </summary>
public sealed class TagAccuracyTests
{
    [Fact]
    public void Tag_FrozenTestPart_MacroF1AtLeast085AndNoTagBelow070()
    {
        // Arrange
        var taxonomy = Taxonomy.Default;
        var names = taxonomy.Tags.Select(t => t.Name).ToList();
        var tagger = new Tagger(taxonomy);
        var test = TagSet.Part(TagSet.Test).ToList();

        // Act
        var scores = TagScores.Measure(names, test, input => tagger.Tag(input, []));

        // Assert
        var report = scores.Report("shipped taxonomy, frozen test part") + Environment.NewLine + string.Join(Environment.NewLine, scores.Mistakes);
        TestContext.Current.TestOutputHelper?.WriteLine(report);
        Assert.True(test.Count >= 250, $"the test part has {test.Count} posts");
        Assert.True(scores.MacroF1 >= 0.85, report);
        Assert.All(names, name => Assert.True(scores.F1(name) >= 0.70, $"{name}: F1 {scores.F1(name):0.000}{Environment.NewLine}{report}"));
    }
}
