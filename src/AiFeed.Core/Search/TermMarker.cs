using System.Text;
using Lucene.Net.Analysis.TokenAttributes;
using Lucene.Net.Search.Highlight;

namespace AiFeed.Search;

/// <summary>
/// Marks a query's terms in one field's text and picks its best fragments: what Lucene's
/// <see cref="Highlighter"/> answers with a <see cref="QueryTermScorer"/>, a
/// <see cref="SimpleFragmenter"/> (or one fragment for the whole text) and
/// <c>&lt;mark&gt;</c> tags, to the character (<c>SearchHighlighterTests</c> compares the two).
/// The Highlighter made a token object, a substring and four replacements for every word and an
/// object per fragment; a page of 50 hits spent more in that than in analysing the text
/// (docs/performance.md). A text is still analysed as it was indexed, so stems, versions and
/// folded accents are marked as they matched; a field with none of the query's terms is not
/// analysed at all. Text <see cref="WordBreaks"/> knows is split by it and each word's terms come
/// from <see cref="WordTerms"/>: the same words and terms as the analyser's chain, without running
/// the chain over every word again (decision 0056).
/// </summary>
internal sealed class TermMarker
{
    private const string Open = "<mark>";
    private const string Close = "</mark>";

    // Lucene's TokenGroup holds at most this many overlapping tokens; any more are left out of it.
    private const int MaxGroupTokens = 50;

    // One text's words at a time; a thread's list serves every marker it runs.
    [ThreadStatic]
    private static List<(int Start, int End)>? words;

    // A text's marked-up output and fragments, kept by the thread between texts: a page marks up
    // to two texts a hit, and building them afresh was most of what highlighting allocated.
    [ThreadStatic]
    private static Scratch? spare;

    private readonly Dictionary<string, float>.AlternateLookup<ReadOnlySpan<char>> weights;
    private readonly int count;

    // A bit per first letter and length of the query's terms: most of a text's words have neither
    // and are told apart from the terms without hashing them (decision 0062).
    private readonly ulong signatures;
    private readonly string field;
    private readonly int fragmentSize;
    private readonly int maxFragments;
    private readonly int maxChars;

    // WordBreaks and WordTerms repeat the English fields' analysis, not the CJK fields'.
    private readonly bool english;

    /// <param name="terms">The query's terms in <paramref name="field"/> (QueryTermExtractor); a term named twice weighs its most.</param>
    /// <param name="fragmentSize">Characters per fragment, as SimpleFragmenter; 0: the whole text is one fragment.</param>
    public TermMarker(IEnumerable<WeightedTerm> terms, string field, int fragmentSize, int maxFragments, int maxChars)
    {
        var byText = new Dictionary<string, float>(StringComparer.Ordinal);
        foreach (var term in terms)
        {
            if (!byText.TryGetValue(term.Term, out var weight) || weight < term.Weight)
            {
                byText[term.Term] = term.Weight;
            }
        }

        weights = byText.GetAlternateLookup<ReadOnlySpan<char>>();
        count = byText.Count;
        foreach (var text in byText.Keys)
        {
            signatures |= Signature(text);
        }

        this.field = field;
        this.fragmentSize = fragmentSize;
        this.maxFragments = Math.Max(1, maxFragments);
        this.maxChars = maxChars;
        english = !field.EndsWith(PostFields.ChineseSuffix, StringComparison.Ordinal);
    }

    /// <summary>The best fragments of <paramref name="text"/> with the query's terms marked, joined by <paramref name="separator"/>; null when no term is in it.</summary>
    public string? Mark(string? text, string separator)
    {
        // No term to find: every fragment scores 0, and the Highlighter returns none.
        if (string.IsNullOrEmpty(text) || count == 0)
        {
            return null;
        }

        // Taken from the thread while in use, so a text marked meanwhile on this thread (none is
        // today) gets its own.
        var scratch = spare ?? new Scratch();
        spare = null;
        try
        {
            return Mark(text, separator, new Marking(text, fragmentSize, scratch));
        }
        finally
        {
            if (scratch.Clear())
            {
                spare = scratch;
            }
        }
    }

    private string? Mark(string text, string separator, Marking marking)
    {
        var split = words ??= [];
        if (english && WordBreaks.TrySplit(text, maxChars, split))
        {
            var byText = weights.Dictionary;
            foreach (var (start, end) in split)
            {
                foreach (var term in WordTerms.Of(text.AsSpan(start, end - start)))
                {
                    var weight = 0f;
                    var found = (signatures & Signature(term)) != 0 && byText.TryGetValue(term, out weight);
                    marking.Add(start, end, found ? term : null, weight);
                }
            }
        }
        else
        {
            MarkAnalysed(ref marking, text);
        }

        return marking.Finish(maxChars, maxFragments, separator);
    }

    // The term's bit in `signatures`: equal terms have the same.
    private static ulong Signature(string term) => term.Length == 0 ? 1UL : 1UL << ((term[0] + (7 * term.Length)) & 63);

    // The words the tokenizer gives, each through the analyser's whole chain (text WordBreaks
    // does not know).
    private void MarkAnalysed(ref Marking marking, string text)
    {
        using var tokens = SearchAnalyzer.Shared.GetTokenStream(field, text);
        var term = tokens.AddAttribute<ICharTermAttribute>();
        var offset = tokens.AddAttribute<IOffsetAttribute>();
        tokens.Reset();
        while (tokens.IncrementToken() && offset.StartOffset < maxChars)
        {
            if (offset.EndOffset > text.Length || offset.StartOffset > text.Length)
            {
                throw new InvalidTokenOffsetsException($"Token {term} exceeds length of provided text sized {text.Length}");
            }

            var found = weights.TryGetValue(term.Buffer.AsSpan(0, term.Length), out var key, out var weight);
            marking.Add(offset.StartOffset, offset.EndOffset, found ? key : null, found ? weight : 0);
        }

        tokens.End();
    }

    // The marked group and the text before it; returns the new end of what is written.
    private static int Flush(StringBuilder output, string text, Group group, int lastEnd)
    {
        if (group.MatchStart > lastEnd)
        {
            Encode(output, text.AsSpan(lastEnd, group.MatchStart - lastEnd));
        }

        var marked = group.Total > 0;
        if (marked)
        {
            output.Append(Open);
        }

        Encode(output, text.AsSpan(group.MatchStart, group.MatchEnd - group.MatchStart));
        if (marked)
        {
            output.Append(Close);
        }

        return Math.Max(group.MatchEnd, lastEnd);
    }

    // The Highlighter's choice: the best fragments by score (the earlier on a tie), those next to
    // each other in the text merged into one, best first, none that scored 0.
    private static string? Best(StringBuilder output, List<Fragment> fragments, int maxFragments, string separator)
    {
        fragments.Sort(static (a, b) => a.Score != b.Score ? b.Score.CompareTo(a.Score) : a.Number.CompareTo(b.Number));
        var best = new Fragment?[Math.Min(maxFragments, fragments.Count)];
        for (var i = 0; i < best.Length; i++)
        {
            best[i] = fragments[i];
        }

        MergeContiguous(best);

        // The fragments that scored, in this order, joined by the separator; one is its text alone.
        var kept = 0;
        var length = 0;
        Fragment only = default;
        foreach (var fragment in best)
        {
            if (fragment is { Score: > 0 } scored)
            {
                kept++;
                length += scored.End - scored.Start;
                only = scored;
            }
        }

        if (kept <= 1)
        {
            return kept == 0 ? null : output.ToString(only.Start, only.End - only.Start);
        }

        var joined = new StringBuilder(length + ((kept - 1) * separator.Length));
        var first = true;
        foreach (var fragment in best)
        {
            if (fragment is { Score: > 0 } scored)
            {
                if (!first)
                {
                    joined.Append(separator);
                }

                joined.Append(output, scored.Start, scored.End - scored.Start);
                first = false;
            }
        }

        return joined.ToString();
    }

    // Lucene's Highlighter.MergeContiguousFragments, step for step: the earlier of two adjacent
    // fragments takes the later's text, and stays where the better scoring of the two stood.
    private static void MergeContiguous(Fragment?[] fragments)
    {
        if (fragments.Length <= 1)
        {
            return;
        }

        bool merged;
        do
        {
            merged = false;
            for (var i = 0; i < fragments.Length; i++)
            {
                if (fragments[i] is null)
                {
                    continue;
                }

                for (var x = 0; x < fragments.Length; x++)
                {
                    if (fragments[x] is not { } other)
                    {
                        continue;
                    }

                    if (fragments[i] is not { } self)
                    {
                        break;
                    }

                    int first, second;
                    if (self.Start == other.End)
                    {
                        (first, second) = (x, i);
                    }
                    else if (other.Start == self.End)
                    {
                        (first, second) = (i, x);
                    }
                    else
                    {
                        continue;
                    }

                    var a = fragments[first]!.Value;
                    var b = fragments[second]!.Value;
                    var (bestAt, worstAt) = a.Score > b.Score ? (first, second) : (second, first);
                    fragments[worstAt] = null;
                    fragments[bestAt] = a with { End = b.End, Score = Math.Max(a.Score, b.Score) };
                    merged = true;
                }
            }
        }
        while (merged);
    }

    // Lucene's MinimalHtmlEncoder here: only what HTML needs.
    private static void Encode(StringBuilder output, ReadOnlySpan<char> text)
    {
        while (text.IndexOfAny("&<>\"") is var at and >= 0)
        {
            output.Append(text[..at]).Append(text[at] switch
            {
                '&' => "&amp;",
                '<' => "&lt;",
                '>' => "&gt;",
                _ => "&quot;",
            });
            text = text[(at + 1)..];
        }

        output.Append(text);
    }

    // One text's marking, token by token as the Highlighter reads its token stream.
    private struct Marking(string text, int fragmentSize, Scratch scratch)
    {
        private readonly StringBuilder output = scratch.Output;
        private readonly List<Fragment> fragments = scratch.Fragments;
        private readonly List<string> found = scratch.Found;
        private int fragmentStart;
        private float fragmentScore;
        private int fragmentsStarted = 1;
        private Group group;
        private int lastEnd;

        // How far the text is written out: words without a mark are written together, when a mark
        // or a fragment's end needs the output (the same text either way).
        private int written;

        // A term at [start, end); key: the query's term it is, or null.
        public void Add(int start, int end, string? key, float weight)
        {
            if (group.Tokens > 0 && start >= group.End)
            {
                FlushGroup();
                group.Tokens = 0;
                group.Total = 0;
                if (fragmentSize > 0 && end >= fragmentSize * fragmentsStarted)
                {
                    WritePending();
                    fragmentsStarted++;
                    fragments.Add(new Fragment(fragmentStart, output.Length, fragmentScore, fragments.Count));
                    fragmentStart = output.Length;
                    fragmentScore = 0;
                    found.Clear();
                }
            }

            var score = 0f;
            if (key is not null)
            {
                score = weight;
                if (!found.Contains(key))
                {
                    fragmentScore += weight;
                    found.Add(key);
                }
            }

            group.Add(start, end, score);
        }

        public string? Finish(int maxChars, int maxFragments, string separator)
        {
            if (group.Tokens > 0)
            {
                FlushGroup();
            }

            WritePending();
            if (lastEnd < text.Length && text.Length <= maxChars)
            {
                Encode(output, text.AsSpan(lastEnd));
            }

            fragments.Add(new Fragment(fragmentStart, output.Length, fragmentScore, fragments.Count));
            return Best(output, fragments, maxFragments, separator);
        }

        private void FlushGroup()
        {
            // A group without a mark that follows what came before adds just its text.
            if (group.Total == 0 && group.MatchStart >= lastEnd)
            {
                lastEnd = group.MatchEnd;
                return;
            }

            WritePending();
            lastEnd = written = Flush(output, text, group, lastEnd);
        }

        private void WritePending()
        {
            if (written < lastEnd)
            {
                Encode(output, text.AsSpan(written, lastEnd - written));
                written = lastEnd;
            }
        }
    }

    // What marking one text writes to, emptied for the next.
    private sealed class Scratch
    {
        // A builder grown past this by a long text is let go rather than kept by the thread.
        private const int MaxKeptChars = 16 * 1024;

        public StringBuilder Output { get; } = new(256);

        public List<Fragment> Fragments { get; } = new(4);

        public List<string> Found { get; } = new(2);

        /// <summary>Empties it; false when it grew too large to keep.</summary>
        public bool Clear()
        {
            Output.Clear();
            Fragments.Clear();
            Found.Clear();
            return Output.Capacity <= MaxKeptChars;
        }
    }

    // A fragment of the marked-up text: [Start, End) of it, its score, its number in the text.
    private readonly record struct Fragment(int Start, int End, float Score, int Number);

    // Lucene's TokenGroup: tokens that overlap (a version and its major number), marked as one.
    private struct Group
    {
        public int Tokens;
        public float Total;
        public int Start;
        public int End;
        public int MatchStart;
        public int MatchEnd;

        public void Add(int start, int end, float score)
        {
            if (Tokens >= MaxGroupTokens)
            {
                return;
            }

            if (Tokens == 0)
            {
                Start = MatchStart = start;
                End = MatchEnd = end;
                Total += score;
            }
            else
            {
                Start = Math.Min(Start, start);
                End = Math.Max(End, end);
                if (score > 0)
                {
                    if (Total == 0)
                    {
                        MatchStart = start;
                        MatchEnd = end;
                    }
                    else
                    {
                        MatchStart = Math.Min(MatchStart, start);
                        MatchEnd = Math.Max(MatchEnd, end);
                    }

                    Total += score;
                }
            }

            Tokens++;
        }
    }
}
