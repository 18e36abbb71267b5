using System.Globalization;
using System.Text;
using AiFeed.Ingestion.Scraping.Generic;
using AiFeed.Model;

namespace AiFeed.Tests.Ingestion.Scraping;

/// <summary>
/// The generic listing reader (no rule) over every listing page we have: the pages built in the
/// shapes sites use and the real corpus pages. Each page must give at least 90% of its posts with
/// the right title and link, and no link that is not a post (navigation, tags, authors, pages of
/// the list). The figures per page go to the test output.
/// </summary>
public sealed class GenericListingCorpusTests(ITestOutputHelper output)
{
    private const double MinRightShare = 0.9;

    [Fact]
    public async Task GenericListing_BuiltListingPages_NineInTenPostsRightAndNoNonPosts()
    {
        // Arrange
        var pages = ListingPage.Built();

        // Act
        var scores = await ScoreAsync(pages);

        // Assert
        Assert.True(pages.Count >= 10, $"only {pages.Count} built listing pages");
        AssertAll(scores);
    }

    [Fact]
    public async Task GenericListing_CorpusListingPages_NineInTenPostsRightAndNoNonPosts()
    {
        // Arrange
        var pages = ListingPage.Corpus();

        // Act
        var scores = await ScoreAsync(pages);

        // Assert
        Assert.NotEmpty(pages);
        AssertAll(scores);
    }

    private async Task<List<PageScore>> ScoreAsync(IReadOnlyList<ListingPage> pages)
    {
        var scores = new List<PageScore>();
        foreach (var page in pages)
        {
            var body = await File.ReadAllBytesAsync(page.HtmlPath, TestContext.Current.CancellationToken);
            var result = await GenericListing.ReadAsync(body, page.Url, "text/html; charset=utf-8", TestContext.Current.CancellationToken);
            scores.Add(PageScore.Of(page, result));
        }

        var table = new StringBuilder()
            .AppendLine("page                           expected  right  wrong title  missed  non-posts  dated right  found by")
            .AppendLine("-----------------------------  --------  -----  -----------  ------  ---------  -----------  --------");
        foreach (var s in scores)
        {
            table.AppendLine(CultureInfo.InvariantCulture, $"{s.Page.Name,-29}  {s.Page.Posts.Count,8}  {s.Right,5}  {s.WrongTitles.Count,11}  {s.Missed.Count,6}  {s.NonPosts.Count,9}  {s.DatesRight,5} of {s.Dated,-3}  {s.Description}");
            foreach (var wrong in s.WrongTitles)
            {
                table.AppendLine(CultureInfo.InvariantCulture, $"    wrong title: {wrong}");
            }

            foreach (var missed in s.Missed)
            {
                table.AppendLine(CultureInfo.InvariantCulture, $"    missed: {missed}");
            }

            foreach (var extra in s.NonPosts)
            {
                table.AppendLine(CultureInfo.InvariantCulture, $"    non-post taken: {extra}");
            }
        }

        var expected = scores.Sum(s => s.Page.Posts.Count);
        table.AppendLine(CultureInfo.InvariantCulture, $"all {scores.Count} pages: {scores.Sum(s => s.Right)} of {expected} posts right ({100.0 * scores.Sum(s => s.Right) / Math.Max(1, expected):0.0}%), {scores.Sum(s => s.NonPosts.Count)} non-posts, dates right {scores.Sum(s => s.DatesRight)} of {scores.Sum(s => s.Dated)}");
        output.WriteLine(table.ToString());
        return scores;
    }

    private static void AssertAll(List<PageScore> scores)
    {
        var failing = scores.Where(s => s.RightShare < MinRightShare || s.NonPosts.Count > 0)
            .Select(s => string.Create(CultureInfo.InvariantCulture, $"{s.Page.Name}: {s.Right} of {s.Page.Posts.Count} right, {s.NonPosts.Count} non-posts"))
            .ToList();
        Assert.True(failing.Count == 0, string.Join("; ", failing));
    }

    private sealed record PageScore(ListingPage Page, int Right, List<string> WrongTitles, List<string> Missed, List<string> NonPosts, int Dated, int DatesRight, string Description)
    {
        public double RightShare => Page.Posts.Count == 0 ? 1 : (double)Right / Page.Posts.Count;

        public static PageScore Of(ListingPage page, GenericListingResult result)
        {
            var found = new Dictionary<string, FeedItem>(StringComparer.Ordinal);
            foreach (var item in result.Items)
            {
                found.TryAdd(Key(item.Link!), item);
            }

            var right = 0;
            var wrong = new List<string>();
            var missed = new List<string>();
            var dated = 0;
            var datesRight = 0;
            foreach (var post in page.Posts)
            {
                if (!found.TryGetValue(Key(post.Link), out var item))
                {
                    missed.Add(post.Link);
                    continue;
                }

                if (Normal(item.Title) == Normal(post.Title))
                {
                    right++;
                }
                else
                {
                    wrong.Add($"'{item.Title}' for '{post.Title}'");
                }

                if (post.Date is { } date)
                {
                    dated++;
                    datesRight += item.PublishedAt is { } at && DateOnly.FromDateTime(at.UtcDateTime) == date ? 1 : 0;
                }
            }

            var allowed = page.Posts.Select(p => Key(p.Link)).Concat(page.AlsoPosts.Select(Key)).ToHashSet(StringComparer.Ordinal);
            var extra = found.Keys.Where(k => !allowed.Contains(k)).ToList();
            return new PageScore(page, right, wrong, missed, extra, dated, datesRight, result.Description);
        }

        private static string Key(string link) => link.TrimEnd('/');

        private static string Normal(string? text) => string.Join(' ', (text ?? string.Empty).Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries));
    }
}
