using Lucene.Net.Analysis;
using Lucene.Net.Analysis.Cjk;
using Lucene.Net.Analysis.Core;
using Lucene.Net.Analysis.En;
using Lucene.Net.Analysis.Miscellaneous;
using Lucene.Net.Analysis.Standard;
using Lucene.Net.Util;

namespace AiFeed.Search;

/// <summary>
/// How post text becomes terms, for indexing and for queries alike. English fields: Unicode word
/// breaks, accents folded ("cafe" finds "Café") (numbers and "4o" stay tokens, "gpt-4o" is two adjacent tokens a phrase finds), stop
/// words, possessives, Porter stems, and a version number also indexed as its major part ("3.1"
/// answers "3"). The <c>_zh</c> fields index Chinese, Japanese and Korean as overlapping character
/// pairs (CJK bigrams, as Elasticsearch's cjk analyzer): a word of two or more characters is found
/// where its characters are adjacent, in any of the three scripts, with no dictionary to load on a
/// process's first CJK text, as SmartCn's (Chinese only) had (docs/decisions/0029).
/// </summary>
internal sealed class SearchAnalyzer() : AnalyzerWrapper(PER_FIELD_REUSE_STRATEGY)
{
    internal const LuceneVersion Version = LuceneVersion.LUCENE_48;

    /// <summary>One for the process: analyzers are thread-safe and keep per-thread token streams.</summary>
    public static SearchAnalyzer Shared { get; } = new();

    private readonly Analyzer english = new EnglishWithVersions();
    private readonly Analyzer cjk = new CJKAnalyzer(Version);

    protected override Analyzer GetWrappedAnalyzer(string fieldName) =>
        fieldName.EndsWith(PostFields.ChineseSuffix, StringComparison.Ordinal) ? cjk : english;

    /// <summary>Whether text has Han, Kana or Hangul: only then are the <c>_zh</c> fields written or searched.</summary>
    public static bool HasCjk(string? text)
    {
        foreach (var c in text ?? "")
        {
            if (c is (>= '\u3040' and <= '\u30ff') or (>= '\u3400' and <= '\u4dbf') or (>= '\u4e00' and <= '\u9fff') or (>= '\uac00' and <= '\ud7af') or (>= '\uf900' and <= '\ufaff'))
            {
                return true;
            }
        }

        return false;
    }

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            english.Dispose();
            cjk.Dispose();
        }

        base.Dispose(disposing);
    }

    private sealed class EnglishWithVersions : Analyzer
    {
        protected override TokenStreamComponents CreateComponents(string fieldName, TextReader reader)
        {
            var source = new StandardTokenizer(Version, reader);
            return new TokenStreamComponents(source, EnglishFilters(source));
        }
    }

    /// <summary>What the English fields do to each word the tokenizer gives (each word on its own, which <see cref="WordFilters"/> relies on).</summary>
    internal static TokenStream EnglishFilters(TokenStream words)
    {
        TokenStream result = new StandardFilter(Version, words);
        result = new EnglishPossessiveFilter(Version, result);
        result = new LowerCaseFilter(Version, result);
        result = new ASCIIFoldingFilter(result);
        result = new VersionNumberFilter(result);
        result = new StopFilter(Version, result, EnglishAnalyzer.DefaultStopSet);
        return new PorterStemFilter(result);
    }
}
