namespace AiFeed.Search;

/// <summary>
/// StandardTokenizer's words (Unicode word breaks, UAX #29) for text written only in characters
/// whose word-break class is known here: ASCII, the Latin letters of Latin-1 and Latin Extended-A
/// and -B, and a few common quotes and dashes. The highlights split a page's titles and summaries
/// with it instead of Lucene's tokenizer, whose per-token attribute calls cost more than the
/// splitting; any other character, or a word longer than the tokenizer keeps, and the caller uses
/// the tokenizer (<c>WordBreaksTests</c> hold the two equal on generated and real text).
/// </summary>
internal static class WordBreaks
{
    // StandardTokenizer's default: a longer word is skipped, not cut; left to the tokenizer.
    private const int MaxWordLength = 255;

    private enum Kind : byte
    {
        Unknown,
        Other,
        Letter,
        Number,
        MidLetter,
        MidNumLet,
        SingleQuote,
        MidNum,
        ExtendNumLet,
    }

    /// <summary>The words of <paramref name="text"/> up to the first that starts at or past <paramref name="maxStart"/>, as [start, end) pairs; false when the text holds a character this does not know.</summary>
    public static bool TrySplit(ReadOnlySpan<char> text, int maxStart, List<(int Start, int End)> words)
    {
        words.Clear();
        var i = 0;
        while (i < text.Length)
        {
            var kind = KindOf(text[i]);
            if (kind == Kind.Unknown)
            {
                return false;
            }

            if (kind is not (Kind.Letter or Kind.Number or Kind.ExtendNumLet))
            {
                i++;
                continue;
            }

            var start = i;
            var word = kind != Kind.ExtendNumLet;
            var last = kind;
            i++;
            while (i < text.Length)
            {
                var next = KindOf(text[i]);
                if (next is Kind.Letter or Kind.Number or Kind.ExtendNumLet)
                {
                    // WB5, WB8–WB10, WB13a–b: letters, digits and underscores run together.
                    word |= next != Kind.ExtendNumLet;
                    last = next;
                    i++;
                    continue;
                }

                if (next == Kind.Unknown)
                {
                    return false;
                }

                var after = i + 1 < text.Length ? KindOf(text[i + 1]) : Kind.Other;
                if (after == Kind.Unknown)
                {
                    return false;
                }

                // WB6–7: a letter, a mid-letter mark, a letter ("e.g", "don't"); WB11–12 the same
                // for digits ("1,000", "3.1").
                var joins = (last == Kind.Letter && next is (Kind.MidLetter or Kind.MidNumLet or Kind.SingleQuote) && after == Kind.Letter)
                    || (last == Kind.Number && next is (Kind.MidNum or Kind.MidNumLet or Kind.SingleQuote) && after == Kind.Number);
                if (!joins)
                {
                    break;
                }

                last = after;
                i += 2;
            }

            if (!word)
            {
                continue;
            }

            if (i - start > MaxWordLength)
            {
                return false;
            }

            if (start >= maxStart)
            {
                return true;
            }

            words.Add((start, i));
        }

        return true;
    }

    // Latin letters run to the end of Latin Extended-B; a table below that, the rest by name.
    private static readonly Kind[] Latin = [.. Enumerable.Range(0, 0x250).Select(c => Classify((char)c))];

    private static Kind KindOf(char c) => c < Latin.Length ? Latin[c] : Classify(c);

    private static Kind Classify(char c) => c switch
    {
        >= 'a' and <= 'z' or >= 'A' and <= 'Z' => Kind.Letter,
        >= '0' and <= '9' => Kind.Number,
        ' ' or '\t' or '\n' or '\r' => Kind.Other,
        '.' => Kind.MidNumLet,
        '\'' => Kind.SingleQuote,
        ':' => Kind.MidLetter,
        ',' or ';' => Kind.MidNum,
        '_' => Kind.ExtendNumLet,
        >= '!' and <= '~' => Kind.Other,
        >= '\u00c0' and <= '\u024f' and not '\u00d7' and not '\u00f7' => Kind.Letter,
        '\u2018' or '\u2019' => Kind.MidNumLet,
        '\u00a0' or '\u2013' or '\u2014' or '\u201c' or '\u201d' or '\u2026' or '\u00ab' or '\u00bb' or '\u00a9' or '\u00ae' or '\u2022' => Kind.Other,
        _ => Kind.Unknown,
    };
}
