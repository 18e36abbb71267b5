using System.Globalization;

namespace AiFeed.Ingestion.Scraping;

/// <summary>
/// Decides whether a scrape is trustworthy enough to store. Public scrapers break every few weeks
/// when markup changes; an empty or much shorter list is a broken rule, not a site that deleted
/// its posts, so the stored posts stay as they are and the operator gets the reason.
/// </summary>
public static class BreakageGuard
{
    /// <summary>Fewer posts than this share of the last good count is a breakage.</summary>
    public const double MinShareOfLastCount = 0.6;

    /// <summary>The reason the result must not be stored, or null when it may be.</summary>
    public static string? Check(ScrapeResult result, int? lastGoodCount)
    {
        ArgumentNullException.ThrowIfNull(result);
        var problems = Problems(result, lastGoodCount);
        if (problems.Count == 0)
        {
            return null;
        }

        // Fields that came out empty are one reason: "link `a@href` and title `h2` found nothing in …".
        return result.EmptyFields.Count > 1 && problems.Count == result.EmptyFields.Count
            ? $"{string.Join(" and ", result.EmptyFields)} {EmptyTail(result)}"
            : problems[0].Message;
    }

    /// <summary>
    /// Each reason with the rule key it is about (<c>embedded</c>, <c>item</c>/<c>items</c>, a field's
    /// key), so <c>aifeed scrape-test</c> can point at it in feeds.json; empty when the result may be stored.
    /// </summary>
    public static IReadOnlyList<RuleProblem> Problems(ScrapeResult result, int? lastGoodCount)
    {
        ArgumentNullException.ThrowIfNull(result);
        if (result.Problem is not null)
        {
            return [new RuleProblem("embedded", result.Problem)];
        }

        if (result.Matched == 0)
        {
            return [new RuleProblem(result.ItemsKey, $"{result.ItemsDescription} matched 0 elements")];
        }

        if (result.EmptyFields.Count > 0)
        {
            return [.. result.EmptyFields.Select(f => new RuleProblem(f.Key, $"{f} {EmptyTail(result)}"))];
        }

        if (lastGoodCount is { } last && result.Items.Count < last * MinShareOfLastCount)
        {
            return [new RuleProblem(result.ItemsKey, string.Create(
                CultureInfo.InvariantCulture,
                $"found {result.Items.Count} posts, under {MinShareOfLastCount * 100:0}% of the {last} found last time ({result.ItemsDescription})"))];
        }

        return [];
    }

    private static string EmptyTail(ScrapeResult result) => $"found nothing in any of the {result.Matched} matched posts";
}

/// <summary>Why a rule's result is not trusted, and the key of the rule it is about.</summary>
public sealed record RuleProblem(string Key, string Message);
