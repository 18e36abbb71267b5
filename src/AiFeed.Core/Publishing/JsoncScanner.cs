namespace AiFeed.Publishing;

/// <summary>Walks JSON with comments and trailing commas (feeds.json) as text, skipping strings and comments.</summary>
internal static class JsoncScanner
{
    /// <summary>
    /// From the opening bracket at <paramref name="open"/>: the index of the last significant
    /// character before its matching close (the bracket itself when empty) and of the close.
    /// </summary>
    public static (int LastValue, int Close) MatchingClose(string text, int open)
    {
        var depth = 0;
        var last = open;
        for (var i = open; i < text.Length; i++)
        {
            var c = text[i];
            if (c == '"')
            {
                i = EndOfString(text, i);
                last = i;
            }
            else if (c == '/' && i + 1 < text.Length && text[i + 1] == '/')
            {
                i = text.IndexOf('\n', i) is var nl && nl >= 0 ? nl : text.Length;
            }
            else if (c == '/' && i + 1 < text.Length && text[i + 1] == '*')
            {
                i = text.IndexOf("*/", i + 2, StringComparison.Ordinal) is var end && end >= 0 ? end + 1 : text.Length;
            }
            else if (c is '[' or '{')
            {
                depth++;
                last = i;
            }
            else if (c is ']' or '}')
            {
                depth--;
                if (depth == 0)
                {
                    return (last, i);
                }

                last = i;
            }
            else if (!char.IsWhiteSpace(c))
            {
                last = i;
            }
        }

        throw new FormatException("the feeds array is not closed");
    }

    private static int EndOfString(string text, int quote)
    {
        for (var i = quote + 1; i < text.Length; i++)
        {
            if (text[i] == '\\')
            {
                i++;
            }
            else if (text[i] == '"')
            {
                return i;
            }
        }

        return text.Length - 1;
    }
}
