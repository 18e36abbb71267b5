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

        pending = MajorOf(term.ToString());
        return true;
    }

    public override void Reset()
    {
        base.Reset();
        pending = null;
    }

    private static string? MajorOf(string text)
    {
        var dot = text.IndexOf('.', StringComparison.Ordinal);
        if (dot <= 0 || dot == text.Length - 1)
        {
            return null;
        }

        foreach (var c in text)
        {
            if (c is not ((>= '0' and <= '9') or '.'))
            {
                return null;
            }
        }

        return text[..dot];
    }
}
