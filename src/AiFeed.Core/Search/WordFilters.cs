using System.Diagnostics.CodeAnalysis;
using Lucene.Net.Analysis;
using Lucene.Net.Analysis.TokenAttributes;

namespace AiFeed.Search;

/// <summary>
/// The English fields' filters (<see cref="SearchAnalyzer.EnglishFilters"/>) over one word: the
/// terms the index made of that word wherever it stood, since each filter reads only the word in
/// hand. One per thread, like an analyzer's reused token streams.
/// </summary>
[SuppressMessage("Design", "CA1001:Types that own disposable fields should be disposable", Justification = "One per thread for the thread's life, as Lucene's analyzers keep theirs; its streams hold no file or native resource.")]
internal sealed class WordFilters
{
    [ThreadStatic]
    private static WordFilters? current;

    private readonly OneWord source = new();
    private readonly TokenStream filters;
    private readonly ICharTermAttribute term;

    private WordFilters()
    {
        filters = SearchAnalyzer.EnglishFilters(source);
        term = filters.GetAttribute<ICharTermAttribute>();
    }

    public static WordFilters Current => current ??= new();

    /// <summary>Starts on <paramref name="word"/>; <see cref="Next"/> then gives its terms (none for a stop word).</summary>
    public void Start(ReadOnlySpan<char> word)
    {
        source.Set(word);
        filters.Reset();
    }

    public bool Next(out ReadOnlySpan<char> text)
    {
        if (!filters.IncrementToken())
        {
            filters.End();
            text = default;
            return false;
        }

        text = term.Buffer.AsSpan(0, term.Length);
        return true;
    }

    // A tokenizer that gives the one word it was set to, as StandardTokenizer gave it in its text.
    private sealed class OneWord : Tokenizer
    {
        private readonly ICharTermAttribute term;
        private readonly IOffsetAttribute offset;
        private char[] word = new char[32];
        private int length = -1;

        public OneWord()
            : base(TextReader.Null)
        {
            term = AddAttribute<ICharTermAttribute>();
            offset = AddAttribute<IOffsetAttribute>();
        }

        public void Set(ReadOnlySpan<char> text)
        {
            if (text.Length > word.Length)
            {
                word = new char[text.Length];
            }

            text.CopyTo(word);
            length = text.Length;
        }

        public override bool IncrementToken()
        {
            if (length < 0)
            {
                return false;
            }

            ClearAttributes();
            term.CopyBuffer(word, 0, length);
            offset.SetOffset(0, length);
            length = -1;
            return true;
        }
    }
}
