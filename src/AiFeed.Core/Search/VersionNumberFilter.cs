using System.Buffers;
using Lucene.Net.Analysis;
using Lucene.Net.Analysis.TokenAttributes;

namespace AiFeed.Search;

/// <summary>
/// A dotted version ("3.1", "2.0.1") is also indexed as its major number at the same position, so
/// "llama 3" finds "Llama 3.1" and "gemini 2" finds "Gemini 2.0" while "3.1" still finds only 3.1.
/// </summary>
internal sealed class VersionNumberFilter : TokenFilter
{
    private readonly ICharTermAttribute term;
    private readonly IPositionIncrementAttribute position;
    private string? pending;

    public VersionNumberFilter(TokenStream input)
        : base(input)
    {
        term = AddAttribute<ICharTermAttribute>();
        position = AddAttribute<IPositionIncrementAttribute>();
    }

    public override bool IncrementToken()
    {
        if (pending is not null)
        {
            // Same offsets as the version it came from: only the text and the position change.
            term.SetEmpty().Append(pending);
            position.PositionIncrement = 0;
            pending = null;
            return true;
        }

        if (!m_input.IncrementToken())
        {
            return false;
        }

        pending = MajorOf(term.Buffer.AsSpan(0, term.Length));
        return true;
    }

    public override void Reset()
    {
        base.Reset();
        pending = null;
    }

    // Read from the term's buffer: only a version's major number becomes a string (every token
    // passes here, at indexing and again for the highlights).
    private static string? MajorOf(ReadOnlySpan<char> text)
    {
        var dot = text.IndexOf('.');
        if (dot <= 0 || dot == text.Length - 1 || text.ContainsAnyExcept(Version))
        {
            return null;
        }

        return text[..dot].ToString();
    }

    private static readonly SearchValues<char> Version = SearchValues.Create("0123456789.");
}
