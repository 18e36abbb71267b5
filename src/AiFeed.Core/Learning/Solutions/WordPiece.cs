using System.Text.Json.Nodes;

namespace AiFeed.Learning;

/// <summary>
/// BERT's WordPiece: greedy longest-match-first over one word, pieces after the first prefixed "##",
/// and the whole word becomes [UNK] when some position has no piece.
/// </summary>
public sealed class WordPiece : IReferenceSolution
{
    public const string Unknown = "[UNK]";
    public const int MaxWordLength = 100;
    public const int MaxVocabulary = 300;
    private const string Letters = "abcdefghijkl";

    public string Id => "wordpiece";

    public static int[] Compute(string word, IReadOnlyList<string> vocab)
    {
        ArgumentNullException.ThrowIfNull(word);
        ArgumentNullException.ThrowIfNull(vocab);
        if (word.Length == 0 || word.Length > MaxWordLength || !word.All(char.IsAsciiLetterLower))
        {
            throw new ArgumentException($"word must be 1 to {MaxWordLength} lower-case ASCII letters", nameof(word));
        }

        var index = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var i = 0; i < vocab.Count; i++)
        {
            if (!index.TryAdd(vocab[i], i))
            {
                throw new ArgumentException($"vocab[{i}] = \"{vocab[i]}\" is listed twice", nameof(vocab));
            }
        }

        if (!index.TryGetValue(Unknown, out var unknown))
        {
            throw new ArgumentException($"vocab has no \"{Unknown}\" token", nameof(vocab));
        }

        var tokens = new List<int>();
        var start = 0;
        while (start < word.Length)
        {
            var found = -1;
            var end = word.Length;
            for (; end > start; end--)
            {
                var piece = start == 0 ? word[..end] : "##" + word[start..end];
                if (index.TryGetValue(piece, out found))
                {
                    break;
                }
            }

            if (end == start)
            {
                return [unknown];
            }

            tokens.Add(found);
            start = end;
        }

        return [.. tokens];
    }

    public JsonObject Generate(Random random) =>
        Draw(random, CaseRandom.OneIn(random, 4) ? MaxVocabulary : CaseRandom.Between(random, 5, 40), CaseRandom.OneIn(random, 4) ? MaxWordLength : CaseRandom.Between(random, 1, 16));

    /// <summary>The largest vocabulary and the longest word.</summary>
    public JsonObject GenerateAtLimits(Random random) => Draw(random, MaxVocabulary, MaxWordLength);

    private static JsonObject Draw(Random random, int vocabularySize, int length)
    {
        var vocab = new List<string>();
        foreach (var letter in Letters)
        {
            // Now and then a letter is missing, as a character outside the vocabulary would be.
            if (!CaseRandom.OneIn(random, 12))
            {
                vocab.Add(letter.ToString());
            }

            if (!CaseRandom.OneIn(random, 12))
            {
                vocab.Add("##" + letter);
            }
        }

        var longer = new List<string>();
        var pieceCount = Math.Max(1, vocabularySize - vocab.Count - 1);
        for (var attempt = 0; longer.Count < pieceCount && attempt < 10 * MaxVocabulary; attempt++)
        {
            var piece = RandomLetters(random, CaseRandom.Between(random, 2, 6));
            var entry = CaseRandom.OneIn(random, 2) ? piece : "##" + piece;
            if (!longer.Contains(entry, StringComparer.Ordinal))
            {
                longer.Add(entry);
            }
        }

        vocab.AddRange(longer);
        vocab.Insert(CaseRandom.Between(random, 0, vocab.Count), Unknown);

        // A word mostly made of the longer pieces, so that longest-match matters, with a stray letter now and then.
        var word = new System.Text.StringBuilder();
        while (word.Length < length)
        {
            word.Append(longer.Count > 0 && !CaseRandom.OneIn(random, 4)
                ? longer[CaseRandom.Between(random, 0, longer.Count - 1)].TrimStart('#')
                : RandomLetters(random, 1));
        }

        return new JsonObject
        {
            ["word"] = word.ToString(0, length),
            ["vocab"] = InputReader.ToJson(vocab),
        };
    }

    public NumericValue Solve(JsonObject input) =>
        NumericValue.Vector([.. Compute(InputReader.Text(input, "word"), InputReader.Texts(input, "vocab")).Select(i => (double)i)]);

    // Letters and a few longer pieces: the prefixes of "unbelievably" take far fewer tokens than characters.
    public PlotSpec Plot()
    {
        const string word = "unbelievably";
        const string alphabet = "abcdefghijklmnopqrstuvwxyz";
        string[] vocab = [Unknown, .. alphabet.Select(c => c.ToString()), .. alphabet.Select(c => "##" + c), "un", "##believ", "##abl", "##ably"];
        return new PlotSpec(
            $"WordPiece tokens for growing prefixes of \"{word}\"",
            "characters of the prefix",
            "tokens",
            1,
            word.Length,
            0,
            word.Length,
            [
                new PlotSeries("WordPiece tokens", PlotSpec.Sample(1, word.Length, word.Length, n => Compute(word[..(int)Math.Round(n)], vocab).Length)),
                new PlotSeries("characters", PlotSpec.Sample(1, word.Length, word.Length, n => n)),
            ]);
    }

    private static string RandomLetters(Random random, int length) =>
        new([.. Enumerable.Range(0, length).Select(_ => Letters[CaseRandom.Between(random, 0, Letters.Length - 1)])]);
}
