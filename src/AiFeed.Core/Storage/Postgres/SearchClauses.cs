namespace AiFeed.Storage.Postgres;

/// <summary>
/// The q= text as PostgreSQL's <c>websearch_to_tsquery</c> reads it, clause by clause: words,
/// "quoted phrases", <c>-</c> to exclude, <c>OR</c> between two clauses, every other clause
/// required. Cut into clauses (rather than handed over whole) so a word can be loosened on its own:
/// a typo's near spellings, the last word as a prefix (docs/search.md).
/// </summary>
internal static class SearchClauses
{
    /// <summary>Groups that must all match; a group matches when any of its clauses does.</summary>
    public static List<List<SearchClause>> Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var groups = new List<List<SearchClause>>();
        var orNext = false;
        var i = 0;
        while (i < text.Length)
        {
            if (char.IsWhiteSpace(text[i]))
            {
                i++;
                continue;
            }

            var negated = text[i] == '-' && i + 1 < text.Length && !char.IsWhiteSpace(text[i + 1]);
            if (negated)
            {
                i++;
            }

            SearchClause clause;
            if (text[i] == '"')
            {
                var end = text.IndexOf('"', i + 1);
                end = end < 0 ? text.Length : end;
                clause = new SearchClause($"\"{text[(i + 1)..end]}\"", Phrase: true, negated, Prefix: false);
                i = Math.Min(end + 1, text.Length);
            }
            else
            {
                var start = i;
                while (i < text.Length && !char.IsWhiteSpace(text[i]))
                {
                    i++;
                }

                var word = text[start..i];
                if (!negated && groups.Count > 0 && string.Equals(word, "OR", StringComparison.OrdinalIgnoreCase))
                {
                    orNext = true;
                    continue;
                }

                var prefix = word.Length > 1 && word[^1] == '*';
                clause = new SearchClause(word.TrimEnd('*'), Phrase: false, negated, prefix);
            }

            if (orNext && groups.Count > 0)
            {
                groups[^1].Add(clause);
            }
            else
            {
                groups.Add([clause]);
            }

            orNext = false;
        }

        return groups;
    }
}

/// <summary>One clause: a word or a quoted phrase (with its quotes), excluded or not, a prefix (<c>word*</c>) or not.</summary>
internal sealed record SearchClause(string Text, bool Phrase, bool Negated, bool Prefix);
