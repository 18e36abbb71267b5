using System.Globalization;
using AiFeed.Ingestion.Parsing;
using AiFeed.Model;
using AngleSharp.Dom;

namespace AiFeed.Ingestion.Scraping.Generic;

/// <summary>
/// What the generic listing reader found on one page: the posts in page order, the links whose
/// card gave no date (or only a month) for a look at the post's own page, how it found them, and
/// why it found nothing when it did.
/// </summary>
public sealed record GenericListingResult(IReadOnlyList<FeedItem> Items, IReadOnlyList<string> Undated, string Description)
{
    /// <summary>Set when the page holds no list of posts the reader trusts.</summary>
    public string? Problem { get; init; }
}

/// <summary>
/// Reads a listing page without a rule: the repeated post cards (<see cref="PostCards"/>) and the
/// posts of its JSON-LD, merged by URL (JSON-LD fills what a card lacks and adds posts the cards do
/// not show). Needs no network; the caller looks up what is still missing on the posts' own pages.
/// </summary>
public static class GenericListing
{
    /// <summary>Most posts taken from one page.</summary>
    public const int MaxPosts = 200;

    public static async Task<GenericListingResult> ReadAsync(ReadOnlyMemory<byte> body, Uri pageUrl, string? contentType, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(pageUrl);
        using var parsed = await HtmlPage.ParseAsync(body, pageUrl, contentType, cancellationToken);
        return Read(parsed.Document, pageUrl);
    }

    internal static GenericListingResult Read(IDocument document, Uri page)
    {
        var baseUri = HtmlPage.BaseOf(document) ?? page;
        var selection = PostCards.Find(document, page);
        // The page's own description (a CollectionPage, or an Article about the listing) is no post of it.
        var ld = LdJsonPosts.Read(document, page).Where(p => PostCards.Key(p.Url) != PostCards.Key(page)).ToList();
        var byUrl = ld.GroupBy(p => PostCards.Key(p.Url), StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.First(), StringComparer.Ordinal);

        var items = new List<FeedItem>();
        var undated = new List<string>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        // A post shown twice (a featured card, then the list) takes the best of both: a headline over link text, a day over a month.
        var byPost = (selection?.Cards ?? []).GroupBy(c => PostCards.Key(c.Url), StringComparer.Ordinal);
        foreach (var cards in byPost)
        {
            var first = cards.First();
            seen.Add(cards.Key);
            var described = byUrl.GetValueOrDefault(cards.Key);
            var title = cards.FirstOrDefault(c => c.Named)?.Title ?? cards.Select(c => c.Title).FirstOrDefault(t => t is not null) ?? described?.Title;
            var dates = cards.Select(c => c.Date).OfType<FoundDate>().ToList();
            var date = dates.FirstOrDefault(d => d.DayPrecision) is { DayPrecision: true } day ? day : dates.FirstOrDefault();
            var published = date.DayPrecision ? date.Date : described?.PublishedAt ?? (dates.Count > 0 ? date.Date : null);
            if (!date.DayPrecision && described?.PublishedAt is null)
            {
                undated.Add(first.Url.AbsoluteUri);
            }

            items.Add(new FeedItem
            {
                Title = title,
                Link = first.Url.AbsoluteUri,
                PublishedAt = published,
                Summary = cards.Select(c => CardFields.Summary(c.Element, title)).FirstOrDefault(t => t is not null) ?? described?.Summary,
                ImageUrl = cards.Select(c => CardFields.Image(c.Element, baseUri)).FirstOrDefault(i => i is not null) ?? described?.ImageUrl,
                Author = cards.Select(c => CardFields.Author(c.Element, title)).FirstOrDefault(a => a is not null),
            });
        }

        // JSON-LD posts the cards do not show: with the cards' URL shape, or all of them when there are no cards.
        var extra = ld.Where(p => !seen.Contains(PostCards.Key(p.Url)) && CardFields.IsTitle(p.Title) && PostLinks.IsPostUrl(p.Url, page)).ToList();
        if (items.Count > 0 || extra.Count >= PostCards.MinPosts)
        {
            foreach (var post in extra)
            {
                items.Add(new FeedItem { Title = post.Title, Link = post.Url.AbsoluteUri, PublishedAt = post.PublishedAt, Summary = post.Summary, ImageUrl = post.ImageUrl });
                if (post.PublishedAt is null)
                {
                    undated.Add(post.Url.AbsoluteUri);
                }
            }
        }
        else
        {
            extra.Clear();
        }

        var description = (selection?.Description, extra.Count) switch
        {
            (null, 0) => "no post list",
            (null, var n) => string.Create(CultureInfo.InvariantCulture, $"{n} posts in the page's JSON-LD"),
            (var cards, 0) => cards,
            (var cards, var n) => string.Create(CultureInfo.InvariantCulture, $"{cards}, and {n} more posts in the page's JSON-LD"),
        };
        var capped = items.Count > MaxPosts ? items[..MaxPosts] : items;
        return new GenericListingResult(capped, undated, description)
        {
            Problem = capped.Count < PostCards.MinPosts
                ? "found no repeated post links on the page (cards linking to posts, or JSON-LD posts)"
                : null,
        };
    }
}
