using AiFeed.Search;
using AiFeed.Tests.Infrastructure;
using AiFeed.Tests.Ingestion.Processing;
using Lucene.Net.Analysis.Standard;
using Lucene.Net.Analysis.TokenAttributes;

namespace AiFeed.Tests.Search;

/// <summary>
/// The highlights split text with WordBreaks instead of Lucene's StandardTokenizer wherever it knows
/// every character: these tests hold the two to the same words at the same offsets, on generated text
/// over every character WordBreaks knows and on the real feeds' titles, summaries and raw files.
/// </summary>
public sealed class WordBreaksTests
{
    private static readonly string[] RealFeeds = Directory.Exists(TestEnvironment.CorpusRoot)
        ? [.. Directory.EnumerateFiles(Path.Combine(TestEnvironment.CorpusRoot, "real"), "*.*", SearchOption.AllDirectories)
            .Where(f => f.EndsWith(".xml", StringComparison.Ordinal) || f.EndsWith(".json", StringComparison.Ordinal))
            .Order(StringComparer.Ordinal)]
        : [];

    [Fact]
    public void TrySplit_GeneratedText_SplitsAsStandardTokenizer()
    {
        // Arrange: every character WordBreaks knows, the word-joining ones more often.
        char[] known =
        [
            .. Enumerable.Range(0x20, 0x5f).Select(c => (char)c), '\t', '\n', '\r',
            .. Enumerable.Range(0xc0, 0x250 - 0xc0).Select(c => (char)c).Where(c => c is not ('\u00d7' or '\u00f7')),
            '\u2018', '\u2019', '\u00a0', '\u2013', '\u2014', '\u201c', '\u201d', '\u2026', '\u00ab', '\u00bb', '\u00a9', '\u00ae', '\u2022',
        ];
        var joining = "aZé9_.':,;- 1\u2019".ToCharArray();
        var random = new Random(29);
        var words = new List<(int, int)>();

        for (var i = 0; i < 30_000; i++)
        {
            var text = new string([.. Enumerable.Range(0, random.Next(1, 40)).Select(_ => random.Next(2) == 0 ? joining[random.Next(joining.Length)] : known[random.Next(known.Length)])]);

            // Act
            var split = WordBreaks.TrySplit(text, int.MaxValue, words);

            // Assert
            Assert.True(split, $"not split: \"{text}\"");
            Assert.Equal(Tokenized(text), words);
        }
    }

    [Fact]
    public void TrySplit_RealFeeds_SplitsAsStandardTokenizer()
    {
        // Arrange: the posts as stored (titles and summaries) and every line of the raw files.
        if (RealFeeds.Length == 0)
        {
            TestEnvironment.SkipOrFail($"the shared corpus is not at {TestEnvironment.CorpusRoot}");
        }

        var texts = RealFeeds.SelectMany(f => CorpusPosts.Load(Path.GetRelativePath(Path.Combine(TestEnvironment.CorpusRoot, "real"), f), "real"))
            .SelectMany(p => new[] { p.Title, p.Summary })
            .Concat(RealFeeds.SelectMany(File.ReadLines))
            .ToList();
        var words = new List<(int, int)>();
        var split = 0;

        foreach (var text in texts)
        {
            // Act
            if (!WordBreaks.TrySplit(text, int.MaxValue, words))
            {
                continue;
            }

            // Assert
            split++;
            Assert.Equal(Tokenized(text), words);
        }

        TestContext.Current.TestOutputHelper?.WriteLine($"{split} of {texts.Count} real texts split by WordBreaks, the rest left to the tokenizer");
        Assert.True(split > texts.Count / 2, $"only {split} of {texts.Count} real texts split");
    }

    [Theory]
    [InlineData("大模型的推理")]
    [InlineData("co\u00adoperate")]
    [InlineData("cafe\u0301 au lait")]
    [InlineData("l\u00b7l")]
    [InlineData("emoji \ud83d\ude00 text")]
    public void TrySplit_CharacterItDoesNotKnow_LeavesTheTextToTheTokenizer(string text)
    {
        // Act
        var split = WordBreaks.TrySplit(text, int.MaxValue, []);

        // Assert
        Assert.False(split);
    }

    [Fact]
    public void TrySplit_WordLongerThanTheTokenizerKeeps_LeavesTheTextToTheTokenizer()
    {
        // Act + Assert: StandardTokenizer skips a word past 255 characters; that is not repeated here.
        Assert.True(WordBreaks.TrySplit("a " + new string('x', 255), int.MaxValue, []));
        Assert.False(WordBreaks.TrySplit("a " + new string('x', 256), int.MaxValue, []));
    }

    [Fact]
    public void TrySplit_MaxStart_StopsBeforeTheFirstWordStartingThere()
    {
        // Arrange
        var words = new List<(int, int)>();

        // Act
        var split = WordBreaks.TrySplit("one two three", 4, words);

        // Assert
        Assert.True(split);
        Assert.Equal([(0, 3)], words);
    }

    private static List<(int, int)> Tokenized(string text)
    {
        using var tokenizer = new StandardTokenizer(SearchAnalyzer.Version, new StringReader(text));
        var offset = tokenizer.AddAttribute<IOffsetAttribute>();
        var words = new List<(int, int)>();
        tokenizer.Reset();
        while (tokenizer.IncrementToken())
        {
            words.Add((offset.StartOffset, offset.EndOffset));
        }

        tokenizer.End();
        return words;
    }
}
