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
        if (result.Problem is not null)
        {
            return result.Problem;
        }

        if (result.Matched == 0)
        {
            return $"{result.ItemsDescription} matched 0 elements";
        }

        if (result.EmptyFields.Count > 0)
        {
            return $"{string.Join(" and ", result.EmptyFields)} found nothing in any of the {result.Matched} matched posts";
        }

        if (lastGoodCount is { } last && result.Items.Count < last * MinShareOfLastCount)
        {
            return string.Create(
                CultureInfo.InvariantCulture,
                $"found {result.Items.Count} posts, under {MinShareOfLastCount * 100:0}% of the {last} found last time ({result.ItemsDescription})");
        }

        return null;
    }
}
