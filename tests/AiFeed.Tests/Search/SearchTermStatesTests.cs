using AiFeed.Model;
using AiFeed.Search;
using AiFeed.Tests.Infrastructure;
using AiFeed.Tests.Storage;
using Lucene.Net.Analysis.Standard;
using Lucene.Net.Documents;
using Lucene.Net.Index;
using Lucene.Net.Search;
using Lucene.Net.Store;
using Lucene.Net.Util;

namespace AiFeed.Tests.Search;

/// <summary>
/// What a search keeps for its reader (decision 0062): a searcher's collection statistics, and the
/// query's terms found once in each segment for the page's listings. Both must answer what Lucene
/// answers when asked afresh.
/// </summary>
public sealed class SearchTermStatesTests : IDisposable
{
    private readonly TempStore store = new();
    private readonly TempDirectory folder = new();

    public void Dispose()
    {
        store.Dispose();
        folder.Dispose();
    }

    [Fact]
    public async Task Listings_SearchedAgainAndAfterAWrite_SayWhichTextsHoldTheQueryTerms()
    {
        // Arrange: posts whose title, summary or both hold the words of "reinforcement lear"
        // (stems and completions of the typed word), written in batches: several segments.
        var ct = TestContext.Current.CancellationToken;
        await store.Posts.SaveAsync(Posts(0, 90), ct);
        await store.Posts.IndexReadyAsync(ct);
        var index = store.Context.Index;
        var text = SearchSyntax.Parse("reinforcement lear")!;

        // Act: the same search twice on one reader (the second reuses the terms' states), then
        // once more after a write opened a new reader with a new segment.
        var first = index.Search(new PostQuery(), text, 0, 200, listings: true);
        var again = index.Search(new PostQuery(), text, 0, 200, listings: true);
        await store.Posts.SaveAsync(Posts(90, 120), ct);
        var after = index.Search(new PostQuery(), text, 0, 200, listings: true);

        // Assert
        Assert.Equal(90, first.Listings!.Count);
        Assert.Equal(120, after.Listings!.Count);
        foreach (var listing in first.Listings.Concat(again.Listings!).Concat(after.Listings))
        {
            var i = int.Parse(listing.Id.AsSpan(1), System.Globalization.CultureInfo.InvariantCulture);
            Assert.True((i % 3 != 1) == listing.TitleHasTerms, $"{listing.Id} title");
            Assert.True((i % 3 != 0) == listing.BodyHasTerms, $"{listing.Id} body");
        }
    }

    [Fact]
    public void CollectionStatistics_KeptPerField_SameAsLuceneComputesAndSameScores()
    {
        // Arrange: an on-disk index of three segments.
        using var directory = FSDirectory.Open(folder.Path);
        using (var writer = new IndexWriter(directory, new IndexWriterConfig(LuceneVersion.LUCENE_48, new StandardAnalyzer(LuceneVersion.LUCENE_48))))
        {
            for (var i = 0; i < 60; i++)
            {
                writer.AddDocument(new Document
                {
                    new TextField("title", i % 2 == 0 ? $"reinforcement learning {i}" : $"robots {i}", Field.Store.NO),
                    new TextField("body", string.Join(' ', Enumerable.Repeat("learning", 1 + i % 4)), Field.Store.NO),
                });
                if (i % 20 == 19)
                {
                    writer.Commit();
                }
            }
        }

        using var reader = DirectoryReader.Open(directory);
        var plain = new IndexSearcher(reader);
        var kept = new StatisticsKeptSearcher(reader);
        var query = new BooleanQuery
        {
            { new TermQuery(new Term("title", "reinforcement")), Occur.SHOULD },
            { new TermQuery(new Term("body", "learning")), Occur.SHOULD },
        };

        // Act
        var expected = plain.Search(query, 60).ScoreDocs.Select(d => (d.Doc, d.Score)).ToList();
        var scored = kept.Search(query, 60).ScoreDocs.Select(d => (d.Doc, d.Score)).ToList();
        var scoredAgain = kept.Search(query, 60).ScoreDocs.Select(d => (d.Doc, d.Score)).ToList();

        // Assert
        Assert.Equal(3, reader.Leaves.Count);
        foreach (var field in new[] { "title", "body" })
        {
            var want = plain.CollectionStatistics(field);
            var got = kept.CollectionStatistics(field);
            Assert.Equal((want.Field, want.MaxDoc, want.DocCount, want.SumTotalTermFreq, want.SumDocFreq), (got.Field, got.MaxDoc, got.DocCount, got.SumTotalTermFreq, got.SumDocFreq));
            Assert.Same(got, kept.CollectionStatistics(field));
        }

        Assert.Equal(60, expected.Count);
        Assert.Equal(expected, scored);
        Assert.Equal(expected, scoredAgain);
    }

    // Title and summary by i % 3: only the title holds words of the search (0), only the summary (1), both (2).
    private static List<Post> Posts(int from, int to) => [.. Enumerable.Range(from, to - from).Select(i =>
    {
        var post = TestPosts.Make(i, (i % 3) switch
        {
            0 => $"Reinforcement learning update {i}",
            1 => $"Robots update {i}",
            _ => $"Reinforcement robots {i}",
        });
        post.Summary = (i % 3) switch
        {
            0 => "A note about walking robots",
            1 => "Reinforcement learners explained",
            _ => "What the learner saw",
        };
        return post;
    })];
}
