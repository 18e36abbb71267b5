namespace AiFeed.Catalog;

// Validates the defaults object; keys left out keep CatalogDefaults' own values.
internal static class DefaultsValidator
{
    internal static readonly KeyTable<CatalogDefaults> Keys = new(new Dictionary<string, PropertyHandler<CatalogDefaults>>(StringComparer.Ordinal)
    {
        ["pollInterval"] = (d, v, p, r) =>
            r.Duration(v, p, CatalogLimits.MinPollInterval, CatalogLimits.MaxPollInterval, out var t) ? d with { PollInterval = t } : d,
        ["userAgent"] = (d, v, p, r) => UserAgent(v, p, r, out var ua) ? d with { UserAgent = ua } : d,
        ["maxBodyBytes"] = (d, v, p, r) =>
            r.Integer(v, p, CatalogLimits.MinBodyBytes, CatalogLimits.MaxBodyBytes, out var n) ? d with { MaxBodyBytes = n } : d,
        ["requestTimeout"] = (d, v, p, r) =>
            r.Duration(v, p, CatalogLimits.MinRequestTimeout, CatalogLimits.MaxRequestTimeout, out var t) ? d with { RequestTimeout = t } : d,
        ["maxConcurrency"] = (d, v, p, r) =>
            r.Integer(v, p, 1, CatalogLimits.MaxConcurrency, out var n) ? d with { MaxConcurrency = (int)n } : d,
        ["maxConcurrencyPerHost"] = (d, v, p, r) =>
            r.Integer(v, p, 1, CatalogLimits.MaxConcurrencyPerHost, out var n) ? d with { MaxConcurrencyPerHost = (int)n } : d,

        // Backoff spans the same range as polling: shorter than a minute hammers a failing host,
        // longer than a week means a recovered feed goes unnoticed for too long.
        ["maxBackoff"] = (d, v, p, r) =>
            r.Duration(v, p, CatalogLimits.MinPollInterval, CatalogLimits.MaxPollInterval, out var t) ? d with { MaxBackoff = t } : d,
        ["maxItemsPerFeed"] = (d, v, p, r) =>
            r.Integer(v, p, 1, CatalogLimits.MaxItemsPerFeed, out var n) ? d with { MaxItemsPerFeed = (int)n } : d,
    });

    public static CatalogDefaults Validate(PositionedValue value, string path, FieldReader read) =>
        read.Object(value, path, out var obj) ? Keys.Apply(obj, path, new CatalogDefaults(), read) : new CatalogDefaults();

    // Control characters would let a value split or forge HTTP headers.
    private static bool UserAgent(PositionedValue value, string path, FieldReader read, out string result) =>
        read.NonEmptyString(value, path, out result)
        && read.Check(!result.Any(char.IsControl), value, path, "must not contain control characters");
}
