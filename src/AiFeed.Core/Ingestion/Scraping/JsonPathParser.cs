using System.Globalization;

namespace AiFeed.Ingestion.Scraping;

// Parses JsonPath text; errors name the character position so `validate` can say what is wrong.
internal static class JsonPathParser
{
    // Paths come from feeds.json: bounded so that no rule can make a poll walk a page's JSON for
    // long. Each ".." step walks a whole subtree, so nesting them multiplies the work.
    internal const int MaxLength = 256;
    internal const int MaxSteps = 16;
    internal const int MaxDescendantSteps = 2;

    public static bool TryParse(string text, out IReadOnlyList<PathStep> steps, out string error)
    {
        var list = new List<PathStep>();
        steps = list;
        error = string.Empty;
        if (text.Length > MaxLength)
        {
            error = $"a path may be at most {MaxLength} characters long";
            return false;
        }

        var i = 0;
        if (text.StartsWith('$'))
        {
            i = 1;
        }

        if (i < text.Length && IsNameChar(text[i]))
        {
            list.Add(new PathStep.Child(ReadName(text, ref i)));
        }

        while (i < text.Length)
        {
            var step = ReadStep(text, ref i, out error);
            if (step is null)
            {
                return false;
            }

            list.Add(step);
        }

        if (list.Count > MaxSteps)
        {
            error = $"a path may have at most {MaxSteps} steps";
            return false;
        }

        if (list.Count(s => s is PathStep.Descendant or PathStep.DescendantFilter) > MaxDescendantSteps)
        {
            error = $"a path may search at any depth ('..') at most {MaxDescendantSteps} times";
            return false;
        }

        return true;
    }

    private static PathStep? ReadStep(string text, ref int i, out string error)
    {
        error = string.Empty;
        if (text[i] == '.' && i + 1 < text.Length && text[i + 1] == '.')
        {
            i += 2;
            if (i < text.Length && IsNameChar(text[i]))
            {
                return new PathStep.Descendant(ReadName(text, ref i));
            }

            if (i + 1 < text.Length && text[i] == '[' && text[i + 1] == '?')
            {
                return ReadBracket(text, ref i, out error) is PathStep.Filter filter
                    ? new PathStep.DescendantFilter(filter)
                    : null;
            }

            error = Expected("a name or a [?filter] after '..'", i);
            return null;
        }

        if (text[i] == '.')
        {
            i++;
            if (i < text.Length && IsNameChar(text[i]))
            {
                return new PathStep.Child(ReadName(text, ref i));
            }

            error = Expected("a name after '.'", i);
            return null;
        }

        if (text[i] == '[')
        {
            return ReadBracket(text, ref i, out error);
        }

        error = Expected("'.', '..' or '['", i);
        return null;
    }

    private static PathStep? ReadBracket(string text, ref int i, out string error)
    {
        error = string.Empty;
        var close = FindClose(text, i);
        if (close < 0)
        {
            error = Expected("']'", text.Length);
            return null;
        }

        var inside = text[(i + 1)..close].Trim();
        var start = i;
        i = close + 1;
        if (inside.Length == 0 || inside == "*")
        {
            return new PathStep.Each();
        }

        if (int.TryParse(inside, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var index))
        {
            return new PathStep.Index(index);
        }

        if (Quoted(inside) is { } quotedName)
        {
            return new PathStep.Child(quotedName);
        }

        if (inside[0] == '?')
        {
            var body = inside[1..];
            var eq = body.IndexOf('=', StringComparison.Ordinal);
            var key = (eq < 0 ? body : body[..eq]).Trim();
            if (key.Length == 0 || !key.All(IsNameChar))
            {
                error = $"'{key}' at {start + 1} is not a property name";
                return null;
            }

            var value = eq < 0 ? null : body[(eq + 1)..].Trim();
            return new PathStep.Filter(key, value is null ? null : Quoted(value) ?? value);
        }

        error = $"'[{inside}]' at {start + 1} is neither an index, [], ['name'] nor a [?filter]";
        return null;
    }

    // The ']' closing the bracket at open, skipping quoted text.
    private static int FindClose(string text, int open)
    {
        char? quote = null;
        for (var j = open + 1; j < text.Length; j++)
        {
            var c = text[j];
            if (quote is { } q)
            {
                quote = c == q ? null : quote;
            }
            else if (c is '\'' or '"')
            {
                quote = c;
            }
            else if (c == ']')
            {
                return j;
            }
        }

        return -1;
    }

    private static string? Quoted(string text) =>
        text.Length >= 2 && (text[0] is '\'' or '"') && text[^1] == text[0] ? text[1..^1] : null;

    private static string ReadName(string text, ref int i)
    {
        var start = i;
        while (i < text.Length && IsNameChar(text[i]))
        {
            i++;
        }

        return text[start..i];
    }

    // '@' and '$' appear in real keys (ld+json "@type", Sanity "_type"); '-' in slugs of keys.
    private static bool IsNameChar(char c) => char.IsAsciiLetterOrDigit(c) || c is '_' or '$' or '@' or '-';

    private static string Expected(string what, int position) =>
        string.Create(CultureInfo.InvariantCulture, $"expected {what} at {position + 1}");
}
