using AiFeed.Catalog;
using AiFeed.Model;

namespace AiFeed.Ingestion.Reading;

// What an edit of feeds.json invalidates in a source's stored state.
internal static class SourceStateReset
{
    public static void ApplyCatalogChanges(SourceDefinition source, SourceState state)
    {
        if (!string.Equals(state.ConfiguredUrl, source.Url, StringComparison.Ordinal))
        {
            // The operator changed the URL: forget redirects and validators of the old one.
            state.ConfiguredUrl = source.Url;
            state.FeedUrl = source.Url;
            state.ETag = null;
            state.LastModified = null;
        }

        if (!string.Equals(state.ConfiguredSite, source.Site, StringComparison.Ordinal))
        {
            // Another site advertises other feeds and serves other pages.
            state.ConfiguredSite = source.Site;
            state.DiscoveredFeedUrl = null;
            state.PageETag = null;
            state.PageLastModified = null;
            if (source.Url is null)
            {
                state.ETag = null;
                state.LastModified = null;
            }
        }

        var fingerprint = source.Scrape?.Fingerprint();
        if (!string.Equals(state.ScrapeRuleFingerprint, fingerprint, StringComparison.Ordinal))
        {
            // New rules: the last good count and the page validators belong to the old ones.
            state.ScrapeRuleFingerprint = fingerprint;
            state.LastScrapeCount = null;
            state.PageETag = null;
            state.PageLastModified = null;
        }
    }
}
