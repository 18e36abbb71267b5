using AiFeed.Ingestion.Processing;
using AiFeed.Ingestion.Processing.Clustering;

namespace AiFeed.Tests.Ingestion.Processing;

/// <summary>
/// SimHash's fingerprints are stored with each post and its bands are index keys: a new way of
/// computing them must give every stored text the same value. The oracle is the bit-by-bit sum the
/// fingerprints were first computed with.
/// </summary>
public sealed class SimHashTests
{
    [Fact]
    public void Compute_CorpusSummariesAndRandomTexts_SameAsTheBitByBitSum()
    {
        // Arrange: the corpus's summaries as the poll reads them, and random word lists of every
        // length around the shortest compared (MinShingles).
        var texts = new[] { ("openai/openai_news_rss_2025-07-28.xml", "openai"), ("deepmind/deepmind_blog_rss_2026-08-13.xml", "deepmind"), ("huggingface/hf_blog_jsonfeed_generated_2025-09-30.json", "hf") }
            .SelectMany(feed => CorpusPosts.Load(feed.Item1, feed.Item2))
            .Select(p => SearchTerms.Words(p.Summary))
            .ToList();
        var random = new Random(24);
        for (var n = 0; n < 2_000; n++)
        {
            texts.Add([.. Enumerable.Range(0, random.Next(0, 60)).Select(_ => new string((char)('a' + random.Next(26)), random.Next(1, 9)) + random.Next(100))]);
        }

        // Act
        var mismatches = texts.Where(words => SimHash.Compute(words) != BitByBit(words)).ToList();

        // Assert
        Assert.True(texts.Count > 2_500, $"{texts.Count} texts");
        Assert.Contains(texts, words => SimHash.Compute(words) != 0);
        Assert.Empty(mismatches);
    }

    // The original computation: each bigram's FNV-1a hash (with its final avalanche) votes ±1 on each
    // of the 64 bits; a bit is set where the sum is positive.
    private static long BitByBit(List<string> words)
    {
        if (words.Count - 1 < SimHash.MinShingles)
        {
            return 0;
        }

        var weights = new int[64];
        for (var i = 0; i + 1 < words.Count; i++)
        {
            var hash = 14695981039346656037UL;
            foreach (var c in words[i] + " " + words[i + 1])
            {
                hash = (hash ^ c) * 1099511628211UL;
            }

            hash ^= hash >> 33;
            hash *= 0xff51afd7ed558ccdUL;
            hash ^= hash >> 33;
            for (var bit = 0; bit < 64; bit++)
            {
                weights[bit] += ((hash >> bit) & 1) == 1 ? 1 : -1;
            }
        }

        ulong result = 0;
        for (var bit = 0; bit < 64; bit++)
        {
            if (weights[bit] > 0)
            {
                result |= 1UL << bit;
            }
        }

        return unchecked((long)result);
    }
}
