namespace AiFeed.Ingestion.Processing.Tagging;

/// <summary>
/// A tag and why a post has it: a short code, "s" (source tag), "e" (a stored tag the catalog in
/// force does not give) or kind, field, ':' and rule, e.g. "kt:swe bench*" (keyword in the title),
/// "rs:\bgpt-?\d" (regex in the summary), "lu:arxiv.org/abs/" (link prefix of the post's url). Kept
/// short because the tagger makes one per tag of every post it tags; <see cref="Text"/> spells it out.
/// </summary>
public sealed record TagReason(string Tag, string Code)
{
    public const string SourceCode = "s";

    public const string EarlierCode = "e";

    /// <summary>The reason in words: <c>keyword "swe bench*" in title</c>.</summary>
    public string Text => Describe(Code);

    public static string Keyword(string keyword, char field) => $"k{field}:{keyword}";

    public static string Regex(string pattern, char field) => $"r{field}:{pattern}";

    public static string Link(string prefix) => $"lu:{prefix}";

    /// <summary>A code in words; an unknown code as it is.</summary>
    public static string Describe(string code)
    {
        ArgumentNullException.ThrowIfNull(code);
        if (code == SourceCode)
        {
            return "source tag";
        }

        if (code == EarlierCode)
        {
            return "given under an earlier feeds.json; stored posts are re-tagged at the next start";
        }

        if (code.Length < 3 || code[2] != ':')
        {
            return code;
        }

        var kind = code[0] switch { 'k' => "keyword", 'r' => "regex", 'l' => "link", _ => null };
        var field = code[1] switch { 't' => "title", 's' => "summary", 'c' => "categories", 'o' => "source", 'u' => "url", _ => null };
        return kind is null || field is null ? code : $"{kind} \"{code[3..]}\" in {field}";
    }
}
