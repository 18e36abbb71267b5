namespace AiFeed.Ingestion.Parsing;

/// <summary>Makes links absolute. Absolute links are returned as written (no case or escape normalisation).</summary>
internal static class LinkResolver
{
    public static string? Resolve(string? raw, Uri baseUri)
    {
        var text = raw?.Trim();
        if (string.IsNullOrEmpty(text))
        {
            return null;
        }

        if (IsAbsolute(text))
        {
            return text;
        }

        return Uri.TryCreate(baseUri, text, out var combined) ? combined.AbsoluteUri : null;
    }

    /// <summary>Applies an xml:base value (itself possibly relative) to the base in force.</summary>
    public static Uri Rebase(Uri current, string? xmlBase)
    {
        var text = xmlBase?.Trim();
        if (string.IsNullOrEmpty(text))
        {
            return current;
        }

        if (IsAbsolute(text) && Uri.TryCreate(text, UriKind.Absolute, out var absolute))
        {
            return absolute;
        }

        return Uri.TryCreate(current, text, out var combined) ? combined : current;
    }

    public static bool IsHttpUrl(string? text) =>
        text is not null
        && (text.StartsWith("http://", StringComparison.OrdinalIgnoreCase) || text.StartsWith("https://", StringComparison.OrdinalIgnoreCase))
        && Uri.TryCreate(text, UriKind.Absolute, out _);

    // On Unix "/path" parses as an absolute file URI, so only a real scheme counts as absolute.
    private static bool IsAbsolute(string text)
    {
        var colon = text.IndexOf(':', StringComparison.Ordinal);
        if (colon <= 0)
        {
            return false;
        }

        for (var i = 0; i < colon; i++)
        {
            var c = text[i];
            if (!(char.IsAsciiLetterOrDigit(c) || c is '+' or '-' or '.') || (i == 0 && !char.IsAsciiLetter(c)))
            {
                return false;
            }
        }

        return true;
    }
}
